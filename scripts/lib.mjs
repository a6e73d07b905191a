// Small helpers shared by the launch scripts (demo, test, bench).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** The Node options of `npm start` (package.json), so that other ways of starting the bot run it the same way. */
export function startScriptNodeOptions() {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** The simulator's certificate path, created on first use. */
export function devCertificate() {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'dev-cert.ts'), path.join(root, '.simulator')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    process.exit(1);
  }
  return result.stdout.trim();
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium drives the Agents Playground in tests, and Info-ZIP's unzip cross-checks the
 * app package; install them when we can.
 */
export function ensureChromium() {
  if (existsSync(CHROMIUM) && existsSync('/usr/bin/unzip')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    process.stderr.write(`Chromium (at ${CHROMIUM}) and unzip are needed by the tests: install them (Debian: apt-get install -y chromium unzip) or set CHROMIUM_PATH.\n`);
    process.exit(1);
  }
  process.stdout.write('Installing Debian chromium and unzip for the tests...\n');
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium', 'unzip']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

/** Run a command, inheriting stdio; resolve with its exit code. */
export function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Azurite's entry (node runs it directly, so the PID is the server's) and its development account. */
export const AZURITE_ENTRY = path.join(root, 'node_modules', 'azurite', 'dist', 'src', 'azurite.js');
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Arguments for Azurite (blob, queue, table) on loopback; data kept in `location`. */
export function azuriteArgs({ location, blob = 10000, queue = 10001, table = 10002 }) {
  return [
    AZURITE_ENTRY,
    '--blobHost', '127.0.0.1', '--blobPort', String(blob),
    '--queueHost', '127.0.0.1', '--queuePort', String(queue),
    '--tableHost', '127.0.0.1', '--tablePort', String(table),
    '--location', location,
    '--skipApiVersionCheck', '--disableTelemetry', '--silent',
  ];
}

/** The connection string of an Azurite on loopback with these ports. */
export function azuriteConnectionString({ blob = 10000, queue = 10001, table = 10002 } = {}) {
  const at = (port) => `http://127.0.0.1:${port}/devstoreaccount1`;
  return `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=${at(blob)};QueueEndpoint=${at(queue)};TableEndpoint=${at(table)};`;
}
