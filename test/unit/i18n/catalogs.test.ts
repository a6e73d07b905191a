import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { ACTION_STATE_NAMES, PROGRESS_PHASES, actionStateKey, phaseKey } from '../../../src/cards/status-card';
import { INELIGIBLE_REASONS, RESET_OUTCOMES, outcomeKey, reasonKey } from '../../../src/cards/device-text';
import { ERROR_CODES, errorKeys } from '../../../src/cards/failure-text';
import { HELP_EXAMPLE_KEYS } from '../../../src/cards/help-text';
import { LOCALES, catalogKeys, hasKey, t } from '../../../src/i18n';
import { sourceFiles } from '../../support/source-files';


/** Keys for the bot layer's own messages: in the catalogs, but not used by the views. */
const BOT_PREFIX = 'bot.';

/** Every quoted string in our sources that looks like a catalog key (`namespace.rest`). */
function literalKeys(): Set<string> {
  const namespaces = new Set(catalogKeys('en').map((key) => key.split('.')[0]));
  const found = new Set<string>();
  for (const file of [...sourceFiles('src/cards'), ...sourceFiles('src/commands')]) {
    for (const match of readFileSync(file, 'utf8').matchAll(/'([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)'/g)) {
      if (namespaces.has(match[1].split('.')[0])) found.add(match[1]);
    }
  }
  return found;
}

/** Keys the views build from domain values; each list is exhaustive by construction. */
function dynamicKeys(): string[] {
  return [
    ...ERROR_CODES.flatMap((code) => Object.values(errorKeys(code))),
    ...INELIGIBLE_REASONS.map(reasonKey),
    ...RESET_OUTCOMES.map(outcomeKey),
    ...PROGRESS_PHASES.map(phaseKey),
    ...ACTION_STATE_NAMES.map(actionStateKey),
    ...HELP_EXAMPLE_KEYS,
  ];
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

describe('i18n catalogs', () => {
  it('when a key exists in one catalog, then it exists in every other', () => {
    for (const locale of LOCALES) {
      for (const other of LOCALES) {
        const missing = catalogKeys(locale).filter((key) => !hasKey(other, key));
        assert.deepEqual(missing, [], `in ${locale} but not in ${other}`);
      }
    }
  });

  it('no message is empty', () => {
    for (const locale of LOCALES) {
      const empty = catalogKeys(locale).filter((key) => t(locale, key).trim() === '');
      assert.deepEqual(empty, [], `empty in ${locale}`);
    }
  });

  it('each message has the same placeholders in every language', () => {
    for (const key of catalogKeys('en')) {
      for (const locale of LOCALES) {
        assert.deepEqual(placeholders(t(locale, key)), placeholders(t('en', key)), `${key} in ${locale}`);
      }
    }
  });

  it('the Japanese catalog is Japanese', () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    const words = (text: string) => text.replace(/\{\w+\}/g, '');
    const untranslated = catalogKeys('ja').filter(
      (key) => t('ja', key) === t('en', key) && /[a-z]{3,}/i.test(words(t('en', key))) && !japanese.test(t('en', key)),
    );
    // Only messages made of placeholders and punctuation may read the same in both.
    assert.deepEqual(untranslated, []);
  });

  it('when a view refers to a key, then the key exists', () => {
    for (const key of [...literalKeys(), ...dynamicKeys()]) {
      for (const locale of LOCALES) assert.ok(hasKey(locale, key), `${key} is missing in ${locale}`);
    }
  });

  it('every message of the catalogs is used by a view (bot.* is for the bot layer)', () => {
    const used = new Set([...literalKeys(), ...dynamicKeys()]);
    const unused = catalogKeys('en').filter((key) => !key.startsWith(BOT_PREFIX) && !used.has(key));
    assert.deepEqual(unused, []);
  });
});
