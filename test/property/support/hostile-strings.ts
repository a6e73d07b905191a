import fc from 'fast-check';

/**
 * Text an attacker (or a clumsy paste) can put in a message, a card payload or a name: OData
 * syntax, quotes of every kind, bidirectional and zero-width characters, lone surrogates, control
 * characters, HTML that Teams leaves in the text, and very long runs.
 */

/** Pieces that mean something to OData, URLs, HTML or our own parser. */
export const HOSTILE_FRAGMENTS: readonly string[] = [
  "'",
  "''",
  '"',
  '`',
  '’',
  '‘',
  '“',
  '”',
  '「',
  '」',
  "' or 1 eq 1 or '",
  "') or startswith(displayName,'",
  " eq 'x'",
  ' and ',
  ' or ',
  ' not ',
  '$filter=',
  '$top=999',
  '&$select=*',
  '&',
  '#',
  '+',
  '%',
  '%27',
  '%2527',
  '%00',
  '?',
  '/',
  '\\',
  '..',
  '(',
  ')',
  ',',
  ';',
  '*',
  '<at>Passcode Desk</at>',
  '<at>',
  '</at>',
  '&nbsp;',
  '<script>alert(1)</script>',
  '{{',
  '${x}',
  '\u200B', // zero-width space
  '\u200C',
  '\u200D',
  '\u2060', // word joiner
  '\uFEFF', // byte order mark
  '\u202E', // right-to-left override
  '\u202D',
  '\u2066',
  '\u061C', // Arabic letter mark
  'مرحبا',
  'שלום',
  '山田',
  'のPINをリセット',
  'ＰＩＮ',
  '\u3000',
  '\u00A0',
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  '\uD83D\uDE00', // a real pair
  '👩‍💻',
  'e\u0301',
  '\u0000',
  '\u0007',
  '\u001B[31m',
  '\r\n',
  '\t',
  '\u0085',
  '\u2028',
  'reset PIN for ',
  "'s PIN",
  ' please',
  'me',
  'help',
];

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** A string mixing hostile fragments, random code units and full unicode, up to `maxLength` pieces. */
export function hostileText(maxPieces = 40): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
        { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 8 }) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
        { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
      ),
      { maxLength: maxPieces },
    )
    .map((pieces) => pieces.join(''));
}

/** Long input: one fragment repeated, or random text, up to ~100 kB. */
export function longText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...HOSTILE_FRAGMENTS, 'a', ' ', 'reset PIN for a'), fc.integer({ min: 400, max: 100_000 }))
      .map(([piece, length]) => piece.repeat(Math.ceil(length / Math.max(piece.length, 1))).slice(0, length)),
    fc.string({ unit: codeUnit, minLength: 490, maxLength: 520 }),
    fc.string({ unit: 'grapheme-ascii', minLength: 90_000, maxLength: 100_000 }),
  );
}

/** A reset request wrapped around hostile text, in one of the phrasings the parser knows. */
export function resetRequestAround(name: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(
        (x: string) => `reset PIN for ${x}`,
        (x: string) => `please reset the passcode of ${x}, thanks!`,
        (x: string) => `reset ${x}'s PIN`,
        (x: string) => `${x} の PIN をリセット`,
        (x: string) => `PIN をリセット: ${x}`,
        (x: string) => `<at>Passcode Desk</at> reset PIN for "${x}"`,
        (x: string) => `ｒｅｓｅｔ ＰＩＮ ｆｏｒ ${x}`,
      ),
      name,
    )
    .map(([phrase, x]) => phrase(x));
}

/** Hostile input of every kind, short and long, plain and inside a reset request. */
export function anyHostileMessage(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: hostileText() },
    { weight: 4, arbitrary: resetRequestAround(hostileText(12)) },
    { weight: 1, arbitrary: longText() },
    { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 600 }) },
  );
}
