import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
/** Per process, so two bench runs on one checkout do not delete each other's build. */
const OUT = path.join(ROOT, 'test-output', `bench-build-${process.pid}`);

/**
 * Compile the bots under test to JavaScript, as production runs them (`npm run build && npm
 * start` runs compiled code): a TypeScript loader in the measured process would add its own memory
 * and start-up work. Type errors elsewhere in a tree under construction do not stop the emit.
 * Answers the path of the compiled bot-process.js.
 */
export function compileBots(): string {
  rmSync(OUT, { recursive: true, force: true });
  process.once('exit', () => rmSync(OUT, { recursive: true, force: true }));
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'bench', 'tsconfig.json'), '--noEmit', 'false', '--outDir', OUT, '--sourceMap', 'false'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const entry = path.join(OUT, 'bench', 'bot-process.js');
  if (!existsSync(entry)) throw new Error(`Compiling the bots failed: ${entry} is missing (run npx tsc -p bench/tsconfig.json to see why)`);
  return entry;
}
