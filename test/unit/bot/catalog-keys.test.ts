import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { LOCALES, hasKey } from '../../../src/i18n';
import { sourceFiles } from '../../support/source-files';


/** Keys the bot layer passes to t() literally. */
function botKeys(): string[] {
  const keys = new Set<string>();
  for (const dir of ['src/bot', 'src/dialogs', 'src/adapters/teams']) {
    for (const file of sourceFiles(dir)) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\([^,]+,\s*'([^']+)'/g)) keys.add(match[1]);
      // Keys kept in a constant, e.g. `const NOT_YOURS_KEY = 'bot.flowNotYours'`.
      for (const match of source.matchAll(/_KEY = '([^']+)'/g)) keys.add(match[1]);
    }
  }
  return [...keys].sort();
}

describe('bot texts', () => {
  it('every message the bot layer shows exists in every catalog (no raw key reaches a user)', () => {
    const keys = botKeys();
    assert.ok(keys.length > 5, 'the scan found the bot’s keys');
    for (const locale of LOCALES) {
      assert.deepEqual(keys.filter((key) => !hasKey(locale, key)), [], `missing in ${locale}`);
    }
  });
});
