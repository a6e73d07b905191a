import { strict as assert } from 'node:assert';
import { MAX_COMMAND_LENGTH, parseCommand } from '../../../src/commands/parse-command';

describe('parseCommand', () => {
  describe('understands a reset request and keeps the name exactly as typed', () => {
    const cases: [text: string, query: string][] = [
      ['reset PIN for alice', 'alice'],
      ['reset passcode for alice@contoso.com', 'alice@contoso.com'],
      ['Reset the PIN of Alice Smith', 'Alice Smith'],
      ["please reset pin for Seán O'Brien", "Seán O'Brien"],
      ['RESET PASSCODE FOR Bob', 'Bob'],
      ['reset pass code for bob', 'bob'],
      ['reset the device PIN for bob', 'bob'],
      ['reset PIN code for bob', 'bob'],
      ['Can you please reset the PIN for user alice, please?', 'alice'],
      ['could you reset the passcode for alice.', 'alice'],
      ['PIN reset for bob', 'bob'],
      ['reset PIN for: alice', 'alice'],
      ['reset PIN for alice, thanks!', 'alice'],
      ["reset Seán O'Brien's passcode", "Seán O'Brien"],
      ['reset alice’s PIN', 'alice'],
      ['reset PIN for "alice"', 'alice'],
      ['reset PIN for “Alice Smith”', 'Alice Smith'],
      ["reset PIN for 't Hooft", "'t Hooft"],
      ['reset PIN for 山田 太郎', '山田 太郎'],
      ['alice の PIN をリセット', 'alice'],
      ['山田 太郎 のパスコードをリセットしてください', '山田 太郎'],
      ['alice のPINリセット', 'alice'],
      ['alice の pin をリセットして', 'alice'],
      ['山田さんのパスコードをリセットしてください。', '山田'],
      ['alice@contoso.com の PIN をリセットお願いします', 'alice@contoso.com'],
      ['佐藤 花子 の暗証番号を再設定して下さい！', '佐藤 花子'],
      ['「山田 太郎」のPINをリセット', '山田 太郎'],
      ['PIN をリセット：山田 太郎', '山田 太郎'],
      ['ｒｅｓｅｔ ＰＩＮ ｆｏｒ ａｌｉｃｅ', 'ａｌｉｃｅ'],
      ['alice のＰＩＮをリセット', 'alice'],
      ["alice' or 1 eq 1 の PIN をリセット", "alice' or 1 eq 1"],
      ["reset PIN for alice' or 1 eq 1", "alice' or 1 eq 1"],
    ];
    for (const [text, query] of cases) {
      it(`"${text}" asks to reset the passcode of "${query}"`, () => {
        assert.deepEqual(parseCommand(text), { kind: 'resetFor', query });
      });
    }
  });

  describe('tolerates what Teams leaves in the text', () => {
    const cases: [label: string, text: string, query: string][] = [
      ['a leftover mention of the bot', '<at>Passcode Desk</at> reset PIN for alice', 'alice'],
      ['a mention of the bot at the end', 'reset PIN for alice <at>Passcode Desk</at>', 'alice'],
      ['a mention naming the person', 'reset PIN for <at>Alice Smith</at>', 'Alice Smith'],
      ['a bot mention and a person mention', '<at>Bot</at> reset PIN for <at>Alice Smith</at>', 'Alice Smith'],
      ['a person mention in Japanese', '<at>Alice</at> の PIN をリセット', 'Alice'],
      ['no-break spaces', 'reset\u00a0PIN\u00a0for\u00a0alice', 'alice'],
      ['full-width spaces', 'alice\u3000の\u3000PIN\u3000をリセット', 'alice'],
      ['an &nbsp; entity', '<at>Bot</at>&nbsp;reset PIN for alice', 'alice'],
      ['runs of whitespace and line breaks', '  reset \t PIN\n for   Alice   Smith  ', 'Alice Smith'],
      ['a zero-width space', 'reset PIN for\u200b alice', 'alice'],
    ];
    for (const [label, text, query] of cases) {
      it(`when the text has ${label}, then the name is still "${query}"`, () => {
        assert.deepEqual(parseCommand(text), { kind: 'resetFor', query });
      });
    }
  });

  describe('recognises a request for help', () => {
    for (const text of ['help', 'HELP', 'Help!', '/help', 'ヘルプ', '使い方', '?', '？', '', '   ', '<at>Bot</at>', 'ｈｅｌｐ']) {
      it(`"${text}" is help`, () => {
        assert.deepEqual(parseCommand(text), { kind: 'help' });
      });
    }
  });

  describe('answers anything else as unknown', () => {
    const cases = [
      'hello',
      'reset PIN',
      'reset PIN for',
      'reset PIN for "   "',
      'reset PIN format',
      'reset password for alice',
      'の PIN をリセット',
      'alice の PIN',
      'reset PIN for al\u0000ice',
      'show passcode for me',
      'show passcode for',
      'history me',
      '私の履歴',
      'cancel everything',
      'use this channel',
      'PIN を忘れないで',
      '<script>alert(1)</script>',
    ];
    for (const text of cases) {
      it(`"${text.replace(/\0/g, '\\0')}" is unknown`, () => {
        assert.equal(parseCommand(text).kind, 'unknown');
      });
    }

    it('when unknown, then the text is returned trimmed and without the mention', () => {
      assert.deepEqual(parseCommand('  <at>Bot</at> good morning  '), { kind: 'unknown', text: 'good morning' });
    });
  });

  describe('bounds hostile input', () => {
    it(`when the text is longer than ${MAX_COMMAND_LENGTH} characters, then it is unknown`, () => {
      const text = `reset PIN for ${'a'.repeat(MAX_COMMAND_LENGTH)}`;
      const command = parseCommand(text);
      assert.equal(command.kind, 'unknown');
      assert.ok(command.kind === 'unknown' && command.text.length <= MAX_COMMAND_LENGTH);
    });

    it(`when the text is exactly ${MAX_COMMAND_LENGTH} characters, then it is still read`, () => {
      const prefix = 'reset PIN for ';
      const name = 'a'.repeat(MAX_COMMAND_LENGTH - prefix.length);
      assert.deepEqual(parseCommand(prefix + name), { kind: 'resetFor', query: name });
    });

    it('when 100 kB of text arrive, then the answer comes at once', () => {
      const started = process.hrtime.bigint();
      const command = parseCommand(`reset PIN for ${"'s の PIN ".repeat(10_000)}`);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.equal(command.kind, 'unknown');
      assert.ok(ms < 50, `took ${ms} ms`);
    });

    const nasty: [label: string, text: string][] = [
      ['many spaces and punctuation', `reset pin for ${' !'.repeat(240)}x`],
      ['many possessives', `reset ${"a's ".repeat(120)}`],
      ['many の', `${'の'.repeat(480)} PIN をリセット`],
      ['many unclosed mentions', '<at>'.repeat(120)],
      ['many mentions', '<at>x</at>'.repeat(49)],
      ['many courtesy words', `reset PIN for${' ,please'.repeat(60)}`],
      ['whitespace only', ' \u00a0\u3000'.repeat(160)],
    ];
    for (const [label, text] of nasty) {
      it(`when the text has ${label}, then parsing stays fast`, () => {
        const started = process.hrtime.bigint();
        parseCommand(text);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        assert.ok(ms < 20, `took ${ms} ms`);
      });
    }
  });
});
