// `npm test`: type-check, lint, then every test (unit, contract, integration over HTTP, and the
// Agents Playground in headless Chromium). Services the tests need (the simulated tenant, the
// Playground) are started by the tests themselves.
import { spawn } from 'node:child_process';
import { bin, devCertificate, ensureChromium, root, run } from './lib.mjs';

// Mocha adds command-line specs to a config file's list instead of replacing it, so the default
// list lives here: `npm test` runs all of it, `node scripts/test.mjs test/unit` only that folder.
const ALL_SPECS = [
  'test/unit/**/*.test.ts',
  'test/contract/**/*.test.ts',
  'test/integration/**/*.test.ts',
  'test/property/**/*.test.ts',
  'test/e2e/**/*.test.ts',
];
const specs = process.argv.slice(2);
ensureChromium();
const certPath = devCertificate();

for (const [name, cmd, args] of [
  ['type-check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['lint', bin('eslint'), ['.']],
]) {
  process.stdout.write(`> ${name}\n`);
  const code = await run(cmd, args);
  if (code !== 0) {
    process.stdout.write(`${name} failed\n0 passed, 1 failed\n`);
    process.exit(code);
  }
}

// Mocha's summary says "passing"/"failing"; we also print one plain closing line.
const child = spawn(bin('mocha'), specs.length ? specs : ALL_SPECS, {
  cwd: root,
  env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath },
  stdio: ['ignore', 'pipe', 'inherit'],
});
// Mocha prints its summary before the failure details, which can be long: keep the whole output.
const output = [];
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output.push(chunk.toString());
});
child.on('exit', (code) => {
  const all = output.join('');
  const count = (word) => Number([...all.matchAll(new RegExp(`^\\s*(\\d+) ${word}`, 'gm'))].at(-1)?.[1] ?? 0);
  const passed = count('passing');
  const failed = count('failing');
  const skipped = count('pending');
  process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  process.exit(code ?? 1);
});
