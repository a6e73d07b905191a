import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { MAX_COMMAND_LENGTH, parseCommand, type Command } from '../../../src/commands/parse-command';
import { checkProperty } from '../support/report';
import { anyHostileMessage, longText, resetRequestAround, hostileText } from '../support/hostile-strings';

/**
 * The message parser meets everything a chat can carry. It must never throw, and a name it
 * extracts must be text the user actually typed (no invented characters). Runaway regular
 * expressions would show as a run that never ends (the suite's timeout); how long calls take is
 * reported, not asserted, since a busy machine makes any time limit flaky.
 */

const KINDS: ReadonlySet<Command['kind']> = new Set([
  'resetFor', 'help', 'unknown', 'forgotMyPin', 'myRequests', 'cancelRequest', 'useThisChannel', 'history', 'showPasscode', 'setupCheck',
]);

/** Words the patterns look for: strings made of them push the regular expressions hardest. */
const PARSER_WORDS = [
  'reset', 'Reset', ' ', '  ', '\u00a0', '\u3000', 'PIN', 'pin code', 'pass code', 'passcode', 'device', 'phone', 'the', 'a',
  'for', 'of', ':', '：', "'s", '’s', 'user', 'please', 'can you', 'could you', 'thanks', '.', '!', '?', ',', '。',
  'の', 'を', 'リセット', '再設定', 'して', 'ください', 'お願い', 'さん', 'パスコード', '暗証番号', 'ＰＩＮ',
  '<at>', '</at>', '<at>Bot</at>', '&nbsp;', '"', "'", '「', '」', '\u200b', 'x',
];

/**
 * The readings of the input in which a typed name must appear: without what the parser drops
 * (zero-width characters, `&nbsp;`), and also with `<at>…</at>` mention tags taken away (a
 * mention's text is a name; an unpaired tag stays as typed).
 */
function readings(input: string): string[] {
  const visible = input.replace(/&nbsp;/gi, ' ').replace(/[\u200B\u2060]/g, '');
  return [visible, visible.replace(/<\/?at\b[^<>]{0,200}>/gi, '')];
}

function timed(text: string): { command: Command; ms: number } {
  const started = performance.now();
  const command = parseCommand(text);
  return { command, ms: performance.now() - started };
}

describe('parseCommand under hostile input (property-based)', function () {
  this.timeout(120_000);
  let slowest = 0;

  before(() => {
    // The first calls compile the regular expressions; that one-off cost is not what we measure.
    for (const text of ['reset PIN for alice', 'alice の PIN をリセット', "reset alice's PIN", 'help', 'x'.repeat(400)]) parseCommand(text);
  });

  after(() => {
    process.stdout.write(`      · slowest single call: ${slowest.toFixed(2)} ms\n`);
  });

  function checkOutcome(text: string): Command {
    const { command, ms } = timed(text);
    slowest = Math.max(slowest, ms);
    assert.ok(KINDS.has(command.kind), `unexpected kind ${command.kind}`);
    if (command.kind === 'resetFor') {
      const { query } = command;
      assert.ok(query.length > 0 && query.length <= MAX_COMMAND_LENGTH, 'the name is non-empty and bounded');
      assert.equal(query, query.trim(), 'the name is trimmed');
      assert.ok(!/\p{Cc}/u.test(query), 'the name holds no control characters');
      const typed = readings(text);
      for (const word of query.split(' ')) {
        assert.ok(typed.some((reading) => reading.includes(word)), `"${word}" of the name was not typed by the user`);
      }
    }
    if (command.kind === 'unknown') assert.ok(command.text.length <= MAX_COMMAND_LENGTH);
    return command;
  }

  it('never throws and names only what was typed (hostile mixes)', async () => {
    await checkProperty('parseCommand: hostile mixes', fc.property(anyHostileMessage(), (text) => void checkOutcome(text)), { numRuns: 3000 });
  });

  it('never throws on strings of the parser\'s own words (regular expression stress)', async () => {
    const stress = fc.array(fc.constantFrom(...PARSER_WORDS), { minLength: 1, maxLength: 200, size: 'large' }).map((w) => w.join('').slice(0, MAX_COMMAND_LENGTH));
    await checkProperty('parseCommand: parser-word stress up to 500 characters', fc.property(stress, (text) => void checkOutcome(text)), { numRuns: 3000 });
  });

  it('treats very long text (up to 100 kB) as no command', async () => {
    await checkProperty(
      'parseCommand: long text up to 100 kB',
      fc.property(longText(), (text) => {
        const command = checkOutcome(text);
        if (text.length > MAX_COMMAND_LENGTH) assert.equal(command.kind, 'unknown');
      }),
      { numRuns: 150 },
    );
  });

  it('finds a reset request around any name and keeps that name as typed', async () => {
    await checkProperty(
      'parseCommand: reset request around a hostile name',
      fc.property(resetRequestAround(hostileText(12)), (text) => void checkOutcome(text)),
      { numRuns: 2000 },
    );
  });

  it('keeps a plain name with OData operators whole: it is a name, not a query', async () => {
    const name = fc
      .array(fc.constantFrom('alice', "O'Brien", "' or 1 eq 1", ' eq ', ' and ', "')", '(startswith', '$top=1', '&', '#'), { minLength: 1, maxLength: 6 })
      // No part ends with a quote, punctuation or a courtesy word, so nothing is trimmed off.
      .map((parts) => parts.join(' ').replace(/\s+/g, ' ').trim());
    await checkProperty(
      'parseCommand: OData operators in a name stay in the name',
      fc.property(name, (n) => {
        const command = checkOutcome(`reset PIN for ${n}`);
        assert.deepEqual(command, { kind: 'resetFor', query: n });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws for input that is not a string at all', async () => {
    await checkProperty(
      'parseCommand: non-string input',
      fc.property(fc.anything(), (value) => {
        const command = parseCommand(value as string);
        assert.ok(KINDS.has(command.kind));
      }),
      { numRuns: 500 },
    );
  });
});
