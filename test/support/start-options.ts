import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Node options of `npm start` (package.json), so that the tests and the bench run the bot
 * the way production does: its V8 options change how much memory the bot keeps.
 */
export function startScriptNodeOptions(): string[] {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...words] = manifest.scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start no longer runs node directly: ${manifest.scripts.start}`);
  return words.filter((word) => word.startsWith('--'));
}
