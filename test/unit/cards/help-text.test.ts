import { strict as assert } from 'node:assert';
import { parseCommand } from '../../../src/commands/parse-command';
import { helpText } from '../../../src/cards/views';
import { LOCALES } from '../../../src/i18n';

describe('helpText', () => {
  for (const locale of LOCALES) {
    const text = helpText(locale);
    const examples = text
      .split('\n')
      .filter((line) => line.startsWith('- '))
      .map((line) => line.slice(2));

    it(`(${locale}) says what the bot does and gives examples`, () => {
      assert.match(text, locale === 'en' ? /reset the passcode of a device managed by Intune/ : /パスコードをリセット/);
      assert.ok(examples.length >= 3, text);
    });

    it(`(${locale}) every example is understood as a reset request`, () => {
      for (const example of examples) {
        assert.equal(parseCommand(example).kind, 'resetFor', example);
      }
    });

    it(`(${locale}) shows examples in both languages`, () => {
      assert.ok(examples.some((example) => /^reset /i.test(example)));
      assert.ok(examples.some((example) => /リセット/.test(example)));
    });
  }
});
