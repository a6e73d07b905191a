import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { startScriptNodeOptions } from './start-options';
import { TEST_TOKEN_CACHE_KEY } from './tenant-env';
import { DEMO_HELPDESK_ADMIN_GROUP_ID, DEMO_HELPDESK_GROUP_ID, type RunningSimulator } from '../../src/simulator';

/**
 * The bot as its own operating-system process (`src/index.ts`, production settings, no demo
 * mode), for what one process cannot show: several instances sharing one storage account, and a
 * hard kill in the middle of a reset. Everything the process prints is kept, line by line, so a
 * test can search it for secrets.
 */

const REPO_ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(REPO_ROOT, 'src', 'index.ts');
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/** Processes still running when the test process exits (a test aborted before its hooks ran). */
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

export interface BotProcessOptions {
  /** The simulated tenant the bot uses for sign-in (Entra) and Graph; it must be trusted (see certPath). */
  sim: Pick<RunningSimulator, 'url' | 'tenantId' | 'clientId' | 'clientSecret'>;
  /** The simulator's certificate file, given to the child as NODE_EXTRA_CA_CERTS. */
  certPath: string;
  /** AZURE_STORAGE_CONNECTION_STRING (the shared Azurite). */
  connectionString: string;
  /** A name for error messages, e.g. "bot A". */
  name?: string;
  /** More settings (they win over the ones above). */
  env?: Record<string, string>;
}

export interface BotProcess {
  readonly name: string;
  /** `http://127.0.0.1:PORT`: `/api/messages` and `/healthz` are under it. */
  readonly url: string;
  readonly pid: number | undefined;
  /** Every line printed on stdout and stderr so far (the JSON log lines among them). */
  readonly lines: readonly string[];
  /** Resolves when the process has ended (however it ended). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Send a signal (default SIGKILL) and wait for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** End it politely (SIGTERM: the bot closes its server and lets running work finish), SIGKILL after 5 s. Safe to repeat. */
  stop(): Promise<void>;
}

/** A loopback port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Only what a Node process needs from the test's environment, plus the bot's settings: nothing
 * of the developer's own (a MicrosoftAppId, DEMO_MODE, ...) leaks into the bot under test.
 */
function childEnv(options: BotProcessOptions, port: number): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'];
  const base: NodeJS.ProcessEnv = {};
  for (const key of keep) if (process.env[key] !== undefined) base[key] = process.env[key];
  return {
    ...base,
    PORT: String(port),
    HOST: '127.0.0.1',
    AAD_APP_CLIENT_ID: options.sim.clientId,
    AAD_APP_CLIENT_SECRET: options.sim.clientSecret,
    AAD_APP_TENANT_ID: options.sim.tenantId,
    AAD_APP_OAUTH_AUTHORITY_HOST: options.sim.url,
    GRAPH_ENDPOINT: options.sim.url,
    HELPDESK_GROUP_ID: DEMO_HELPDESK_GROUP_ID,
    HELPDESK_ADMIN_GROUP_ID: DEMO_HELPDESK_ADMIN_GROUP_ID,
    AZURE_STORAGE_CONNECTION_STRING: options.connectionString,
    TOKEN_CACHE_KEY: TEST_TOKEN_CACHE_KEY,
    NODE_EXTRA_CA_CERTS: options.certPath,
    // Every line the bot can write, so leak checks see as much as possible.
    LOG_LEVEL: 'debug',
    ...options.env,
  };
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Start `node --import tsx src/index.ts`, with the Node options of `npm start`, on a free port
 * and resolve once `/healthz` answers 200. Rejects (with the process's output) when it exits
 * first or is not ready within 30 s.
 */
export async function startBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  const name = options.name ?? 'bot';
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...startScriptNodeOptions(), '--import', 'tsx', ENTRY], {
    cwd: REPO_ROOT,
    env: childEnv(options, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);

  const lines: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) if (line.trim()) lines.push(line);
    });
    stream?.on('end', () => {
      if (partial.trim()) lines.push(partial);
      partial = '';
    });
  };
  collect(child.stdout);
  collect(child.stderr);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  const isRunning = () => child.exitCode === null && child.signalCode === null;

  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    if (isRunning()) child.kill(signal);
    await exited;
  };
  const stop = async (): Promise<void> => {
    if (!isRunning()) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await kill('SIGTERM');
    clearTimeout(timer);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await healthy(url))) {
    if (!isRunning() || Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer on ${url}/healthz in time. Its output:\n${lines.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    name,
    url,
    get pid() {
      return child.pid;
    },
    lines,
    exited,
    kill,
    stop,
  };
}
