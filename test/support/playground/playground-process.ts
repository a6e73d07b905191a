import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** The repository root: the Playground reads `.m365agentsplayground.yml` from its working folder. */
const REPO_ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO_ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
/** The demo's port (scripts/demo.mjs); tests never take it, so a running demo is left alone. */
const DEMO_PORT = 56150;

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. `http://127.0.0.1:PORT/api/messages`. */
  botEndpoint: string;
  /** A configuration file other than the repository's `.m365agentsplayground.yml`. */
  configPath?: string;
  /** How long to wait for `/_debug/ping`. Default 20 s. */
  readyTimeoutMs?: number;
}

/** A Playground child process; `stop` is safe to call more than once. */
export interface RunningPlayground {
  /** `http://127.0.0.1:PORT`, where the web client is served. */
  readonly url: string;
  /** Everything the process printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the Playground itself falls back to a random one if taken). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(chosen));
      });
    });
    if (port !== DEMO_PORT && port !== 0) return port;
  }
}

async function pingOnce(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_debug/ping`, { signal: AbortSignal.timeout(1000) });
    return response.ok && (await response.text()).trim() === 'pong';
  } catch {
    return false;
  }
}

/** Processes still running when Node exits (a test aborted before its `after` hook). */
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of alive) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Detached: the child leads its own process group, so this also reaches anything it spawned.
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Start the Microsoft 365 Agents Playground (Teams channel) against the bot, on a free loopback
 * port, without opening a browser and without telemetry; resolve once it answers `pong`.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' };
  if (options.configPath) env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = options.configPath;
  else delete env.M365_AGENTS_PLAYGROUND_CONFIG_PATH;

  const child = spawn(
    process.execPath,
    [CLI, '-e', options.botEndpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  alive.add(child);
  let printed = '';
  const collect = (chunk: Buffer) => {
    printed = (printed + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      alive.delete(child);
      resolve();
    });
  });

  const stop = async (): Promise<void> => {
    if (!alive.has(child)) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  while (!(await pingOnce(url))) {
    if (!alive.has(child) || Date.now() > deadline) {
      await stop();
      // The Playground says "Listening on N": a different N means our port was taken meanwhile.
      throw new Error(`The Agents Playground did not answer on ${url} in time. Its output:\n${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return { url, output: () => printed, stop };
}
