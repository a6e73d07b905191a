/**
 * What an agent typed, understood. A handful of patterns in English and Japanese; everything
 * else is `unknown` and the bot answers with the help text.
 */
export type Command =
  | { kind: 'resetFor'; query: string }
  | { kind: 'help' }
  | { kind: 'unknown'; text: string }
  /** An employee locked out of their own device: "I forgot my PIN", "PIN を忘れました". */
  | { kind: 'forgotMyPin' }
  /** An employee's own requests: "my requests". */
  | { kind: 'myRequests' }
  /** An employee withdraws their open request: "cancel". */
  | { kind: 'cancelRequest' }
  /** An admin picks the channel for approval cards: "use this channel for approvals". */
  | { kind: 'useThisChannel' }
  /** Audit history, of one user or (no query) across the tenant: "history alice", "history". */
  | { kind: 'history'; query?: string }
  /** Read a recent passcode again from Intune: "show passcode for alice [because …]". */
  | { kind: 'showPasscode'; query: string; reason?: string }
  /** Tenant readiness for PIN reset: "setup check". */
  | { kind: 'setupCheck' };

export type CommandKind = Command['kind'];

/** Longer messages are never commands; the bound also keeps every pattern below cheap. */
export const MAX_COMMAND_LENGTH = 500;

// Building blocks, matched on the width-folded text (see foldWidth), case-insensitively.
const POLITE_EN = String.raw`(?:(?:please|pls|kindly)\s+)?(?:(?:can|could|would)\s+you\s+(?:please\s+)?)?`;
const KEYWORD_EN = String.raw`(?:(?:device|phone)\s+)?(?:pin(?:\s*code)?|pass\s*code)`;
const KEYWORD_JA = String.raw`(?:pin(?:\s*コード)?|パスコード|暗証番号)`;
const RESET_JA = String.raw`(?:リセット|再設定)(?:して(?:ください|下さい|くれますか|もらえますか|もらえませんか|ほしい(?:です)?|欲しい(?:です)?)?|を?お願い(?:します|いたします|致します)?|する|します)?`;
const HONORIFIC_JA = String.raw`(?:さん|様|さま|氏)`;

/** Each pattern names the person in the group `query`. The `d` flag gives us its position. */
const RESET_PATTERNS: readonly RegExp[] = [
  // reset (the) PIN for|of alice · PIN reset for alice
  new RegExp(
    String.raw`^${POLITE_EN}(?:reset\s+(?:the\s+|a\s+)?${KEYWORD_EN}|${KEYWORD_EN}\s+reset)\s+(?:for|of)(?:\s*:\s*|\s+)(?:(?:the\s+)?user\s+)?(?<query>.+)$`,
    'id',
  ),
  // reset alice's PIN
  new RegExp(String.raw`^${POLITE_EN}reset\s+(?<query>.+?)['’]s\s+${KEYWORD_EN}$`, 'id'),
  // alice の PIN をリセット(してください) · 山田さんのパスコードリセット
  new RegExp(String.raw`^(?<query>.+?)\s*${HONORIFIC_JA}?\s*の\s*${KEYWORD_JA}\s*(?:を|の)?\s*${RESET_JA}$`, 'id'),
  // PIN をリセット: alice
  new RegExp(String.raw`^${KEYWORD_JA}\s*(?:を|の)?\s*${RESET_JA}\s*:\s*(?<query>.+)$`, 'id'),
];

const HELP = /^(?:\/?help|ヘルプ|使い方|\?)$/i;

/** Courtesy and punctuation at the end of a request ("…, please.", "…してください。" is in RESET_JA). */
const TRAILING = /(?:[\s,]+(?:please|pls|thanks|thank you))?[\s.!?。]*$/i;

/** Quote pairs that may surround the name ("alice", 「山田 太郎」). Checked on folded text. */
const QUOTE_PAIRS: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '“': '”',
  '‘': '’',
  '「': '」',
  '『': '』',
};

/** Words that mean the agent themself: self-service is another feature, never a name search. */
const SELF = new Set(['me', 'myself', 'my self', '私', 'わたし', '自分', '僕', '俺']);

const MENTION = /<at\b[^<>]{0,200}>([^<]{0,200})<\/at>/gi;
const LEADING_MENTIONS = /^(?:\s*<at\b[^<>]{0,200}>[^<]{0,200}<\/at>)+/i;

/** Understand a message. `text` has the bot's mention removed (a leftover `<at>…</at>` is fine). */
export function parseCommand(text: string): Command {
  if (typeof text !== 'string') return { kind: 'help' };
  if (text.length > MAX_COMMAND_LENGTH) return { kind: 'unknown', text: text.slice(0, MAX_COMMAND_LENGTH) };

  const readings = mentionReadings(normalizeSpaces(text));
  const plain = readings[0];
  const bare = foldWidth(stripTrailing(plain));
  if (bare === '' || HELP.test(bare)) return { kind: 'help' };

  for (const reading of readings) {
    const query = findQuery(reading);
    if (query !== undefined) return { kind: 'resetFor', query };
  }
  return { kind: 'unknown', text: plain };
}

/**
 * One space for any run of whitespace (NBSP, full-width space, tabs, `&nbsp;` from Teams HTML),
 * no zero-width spaces, trimmed.
 */
function normalizeSpaces(text: string): string {
  return text
    .replace(/&nbsp;/gi, ' ')
    .replace(/[\u200B\u2060]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Ways to read `<at>…</at>` mentions, tried in order: all mentions dropped (a leftover mention of
 * the bot), then only leading ones dropped and the rest unwrapped (`reset PIN for <at>Alice</at>`
 * names Alice), then all unwrapped (`<at>Alice</at> の PIN をリセット`).
 */
function mentionReadings(text: string): string[] {
  if (!/<at\b/i.test(text)) return [text];
  const dropped = normalizeSpaces(text.replace(MENTION, ' '));
  const rest = normalizeSpaces(text.replace(LEADING_MENTIONS, ' ').replace(MENTION, '$1'));
  const unwrapped = normalizeSpaces(text.replace(MENTION, '$1'));
  return [dropped, rest, unwrapped];
}

/** The person named by a reset request in `text`, exactly as typed; undefined when it is none. */
function findQuery(text: string): string | undefined {
  const cut = stripTrailing(text);
  const folded = foldWidth(cut);
  for (const pattern of RESET_PATTERNS) {
    const span = pattern.exec(folded)?.indices?.groups?.query;
    if (!span) continue;
    const query = cleanQuery(cut.slice(span[0], span[1]));
    if (query !== undefined) return query;
  }
  return undefined;
}

/** `text` without trailing courtesy and punctuation; same characters, so indices still line up. */
function stripTrailing(text: string): string {
  const match = TRAILING.exec(foldWidth(text));
  return match ? text.slice(0, match.index).trim() : text;
}

/** Trim, remove one pair of surrounding quotes, refuse empty names and "me". */
function cleanQuery(raw: string): string | undefined {
  let query = raw.trim();
  const folded = foldWidth(query);
  if (query.length >= 2 && QUOTE_PAIRS[folded[0]] === folded[folded.length - 1]) {
    query = query.slice(1, -1).trim();
  }
  if (query === '' || /\p{Cc}/u.test(query)) return undefined;
  if (SELF.has(foldWidth(query).toLowerCase())) return undefined;
  return query;
}

/**
 * Full-width ASCII (ＰＩＮ, ：, ？) as ASCII, one character for one, so a match on the folded text
 * has the same indices in the original and the name keeps the characters the user typed.
 */
function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
