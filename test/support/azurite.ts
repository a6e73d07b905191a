import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Azurite's well-known development account (public, documented; not a secret of ours). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const ENTRY = path.resolve(__dirname, '../../node_modules/azurite/dist/src/azurite.js');
const READY_TIMEOUT_MS = 20_000;

/** Servers still running, killed if the test process exits without stopping them. */
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

export interface AzuriteOptions {
  /** Keep data in this folder (a restart keeps it); in memory when absent (a restart loses it). */
  location?: string;
  /** Fixed ports (blob, queue, table); free ports chosen by Azurite when absent. */
  ports?: AzuritePorts;
}

export interface AzuritePorts {
  blob: number;
  queue: number;
  table: number;
}

export interface RunningAzurite {
  /** An explicit devstoreaccount1 connection string with this instance's endpoints. */
  readonly connectionString: string;
  readonly ports: AzuritePorts;
  /** The server's process id (node runs Azurite directly, no wrapper). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
  /** Stop and start again on the same ports: data survives only with `location`. */
  restart(): Promise<void>;
}

/** The connection string of an Azurite listening on these ports on 127.0.0.1. */
export function azuriteConnectionString(ports: AzuritePorts): string {
  const base = 'http://127.0.0.1';
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${ACCOUNT}`,
    `AccountKey=${ACCOUNT_KEY}`,
    `BlobEndpoint=${base}:${ports.blob}/${ACCOUNT}`,
    `QueueEndpoint=${base}:${ports.queue}/${ACCOUNT}`,
    `TableEndpoint=${base}:${ports.table}/${ACCOUNT}`,
  ].join(';');
}

/**
 * Start Azurite (blob, queue and table) on loopback. Port 0 lets Azurite pick free ports; the
 * ports it prints are kept so restart() comes back on the same endpoints.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  let { child, ports } = await launch(options.location, options.ports ?? { blob: 0, queue: 0, table: 0 });
  const connectionString = azuriteConnectionString(ports);
  return {
    connectionString,
    get ports() {
      return ports;
    },
    get pid() {
      return child.pid;
    },
    stop: () => terminate(child),
    restart: async () => {
      await terminate(child);
      ({ child, ports } = await launch(options.location, ports));
    },
  };
}

async function launch(location: string | undefined, wanted: AzuritePorts): Promise<{ child: ChildProcess; ports: AzuritePorts }> {
  const args = [
    ENTRY,
    '--blobHost', '127.0.0.1', '--blobPort', String(wanted.blob),
    '--queueHost', '127.0.0.1', '--queuePort', String(wanted.queue),
    '--tableHost', '127.0.0.1', '--tablePort', String(wanted.table),
    ...(location ? ['--location', location] : ['--inMemoryPersistence']),
    '--skipApiVersionCheck', '--disableTelemetry', '--silent',
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: location ?? process.cwd() });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const ports = await new Promise<AzuritePorts>((resolve, reject) => {
    const found: Partial<AzuritePorts> = {};
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within ${READY_TIMEOUT_MS} ms:\n${output}`)), READY_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const match of output.matchAll(/Azurite (Blob|Queue|Table) service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/g)) {
        found[match[1]!.toLowerCase() as keyof AzuritePorts] = Number(match[2]);
      }
      if (found.blob && found.queue && found.table) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve(found as AzuritePorts);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`Azurite exited early (code ${code}):\n${output}`)));
  });
  // Keep draining the pipes so a chatty server never blocks on a full buffer.
  child.stdout?.resume();
  child.stderr?.resume();
  child.removeAllListeners('exit');
  child.once('exit', () => live.delete(child));
  return { child, ports };
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * One Azurite for the enclosing `describe` (started in `before`, stopped in `after`). Read
 * `connectionString` inside hooks and tests, not while the suite is being declared.
 */
export function useAzurite(options: AzuriteOptions = {}): { readonly connectionString: string; readonly azurite: RunningAzurite } {
  let running: RunningAzurite | undefined;
  before(async function () {
    this.timeout(READY_TIMEOUT_MS + 5_000);
    running = await startAzurite(options);
  });
  after(async () => {
    await running?.stop();
    running = undefined;
  });
  const current = (): RunningAzurite => {
    if (!running) throw new Error('Azurite is not running: use it inside hooks and tests.');
    return running;
  };
  return {
    get connectionString() {
      return current().connectionString;
    },
    get azurite() {
      return current();
    },
  };
}
