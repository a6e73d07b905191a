import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** The modules a fresh Node process has loaded once it has required `entry` (through tsx). */
function modulesLoadedBy(entry: string): string[] {
  const script = `require(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

describe('dialog kit', () => {
  it('starting the bot never loads the prompts or their text recognizers (30 MB a process)', function () {
    this.timeout(60_000);
    const loaded = modulesLoadedBy(path.join(ROOT, 'src/app.ts'));
    assert.ok(loaded.some((m) => m.includes(`${path.sep}botbuilder-dialogs${path.sep}lib${path.sep}componentDialog`)), 'the dialogs are loaded');
    const heavy = loaded.filter((m) => /recognizers-text-(suite|number|date-time|choice|number-with-unit|sequence)|botbuilder-dialogs[\\/]lib[\\/](index|prompts)/.test(m));
    assert.deepEqual(heavy, []);
  });

  it('hands out the same classes as the package index', async () => {
    const kit = await import('../../../src/dialogs/dialog-kit');
    const index = await import('botbuilder-dialogs');
    assert.equal(kit.ComponentDialog, index.ComponentDialog);
    assert.equal(kit.WaterfallDialog, index.WaterfallDialog);
    assert.equal(kit.DialogSet, index.DialogSet);
    assert.equal(kit.DialogTurnStatus, index.DialogTurnStatus);
  });
});
