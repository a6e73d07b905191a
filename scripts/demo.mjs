// `npm run demo`: the bot on the built-in simulated tenant, with the Microsoft 365 Agents
// Playground as the Teams client, and Azurite holding the bot's state in `.azurite/` (so a demo
// restart keeps pending requests). Ctrl+C stops everything.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { azuriteArgs, azuriteConnectionString, devCertificate, root, startScriptNodeOptions } from './lib.mjs';

const BOT_PORT = Number(process.env.PORT ?? 3978);
const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);
const certPath = devCertificate();
const children = [];

function start(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (out) => (chunk) => out.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `));
  child.stdout.on('data', prefix(process.stdout));
  child.stderr.on('data', prefix(process.stderr));
  child.on('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`[${name}] stopped (exit ${code}); stopping the demo.\n`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 300);
}
process.on('exit', () => children.forEach((child) => child.kill('SIGTERM')));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(url, what) {
  for (let i = 0; i < 150; i++) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.stderr.write(`${what} did not start.\n`);
  stop(1);
}

// Shared state: Azurite on 10000-10002 with data kept in .azurite/ (git-ignored), unless the
// caller brought their own storage.
let storageConnectionString = process.env.AZURE_STORAGE_CONNECTION_STRING;
if (!storageConnectionString) {
  const location = path.join(root, '.azurite');
  mkdirSync(location, { recursive: true });
  const azurite = start('azurite', azuriteArgs({ location }), {});
  await new Promise((resolve) => {
    let seen = '';
    const onData = (chunk) => {
      seen += chunk.toString();
      if ((seen.match(/successfully listening/g) ?? []).length >= 3) {
        azurite.stdout.off('data', onData);
        resolve();
      }
    };
    azurite.stdout.on('data', onData);
  });
  storageConnectionString = azuriteConnectionString();
}

// The Node options of `npm start` (among them: restify 11 reads a deprecated Node binding,
// DEP0111, harmless, so not shown).
start('bot', [...startScriptNodeOptions(), '--import', 'tsx', path.join('src', 'index.ts')], {
  DEMO_MODE: '1',
  PORT: String(BOT_PORT),
  HOST: process.env.HOST ?? '127.0.0.1',
  NODE_EXTRA_CA_CERTS: certPath,
  AZURE_STORAGE_CONNECTION_STRING: storageConnectionString,
});
await waitFor(`http://127.0.0.1:${BOT_PORT}/healthz`, 'The bot');

start(
  'playground',
  [
    path.join('node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
    '-e', `http://127.0.0.1:${BOT_PORT}/api/messages`,
    '-c', 'msteams',
    '-p', String(PLAYGROUND_PORT),
    '--disable-telemetry',
  ],
  { TEAMSAPPTESTER_BROWSER: 'none' },
);
await waitFor(`http://127.0.0.1:${PLAYGROUND_PORT}/_debug/ping`, 'The Agents Playground');

process.stdout.write(`
  Passcode Desk demo is running.
  Open http://localhost:${PLAYGROUND_PORT} — you are Hana Suzuki, helpdesk agent of the demo tenant "Contoso".
  Try: "reset PIN for alice smith", type a ticket number, then Yes.   Ctrl+C stops the demo.

`);
