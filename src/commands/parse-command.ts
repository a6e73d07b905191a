/**
 * What an agent or an employee typed, understood. A handful of patterns in English and Japanese;
 * everything else is `unknown` and the bot answers with the help text.
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
  | { kind: 'setupCheck' }
  /** An agent drops their sign-in on every instance: "sign out", "サインアウト". */
  | { kind: 'signOut' };

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

// The employee's own device and the helpdesk's other commands. Each is anchored at both
// ends and made of bounded alternations, so a long text fails fast.
const MY_EN = String.raw`(?:my\s+(?:own\s+)?)`;
const SELF_JA = String.raw`(?:私|わたし|自分|僕|俺)`;
const DEVICE_JA = String.raw`(?:(?:携帯|スマホ|スマートフォン|電話|端末|デバイス)\s*の\s*)?`;
const SHOW_JA = String.raw`(?:を|の)?\s*(?:表示|見せて|確認)(?:して)?(?:ください|下さい|ほしい(?:です)?)?`;
const HISTORY_JA = String.raw`(?:履歴|監査ログ|操作履歴)`;

/** "I forgot my PIN", "reset my PIN", "PIN を忘れました", "私の PIN をリセット". */
const FORGOT_MY_PIN: readonly RegExp[] = [
  new RegExp(
    String.raw`^${POLITE_EN}(?:i\s*(?:have\s+|['’]ve\s+)?)?(?:forgot(?:ten)?|lost|(?:can\s*not|can['’]?t|don['’]?t|do\s+not)\s+remember)\s+${MY_EN}?${KEYWORD_EN}$`,
    'i',
  ),
  new RegExp(String.raw`^${POLITE_EN}(?:reset|unlock|recover)\s+${MY_EN}(?:(?:device|phone)['’]s\s+)?${KEYWORD_EN}$`, 'i'),
  new RegExp(String.raw`^${POLITE_EN}reset\s+(?:the\s+|a\s+)?${KEYWORD_EN}\s+(?:for|of)\s+(?:me|myself|my\s+self)$`, 'i'),
  new RegExp(String.raw`^i(?:['’]m|\s+am)\s+locked\s+out(?:\s+of\s+${MY_EN}(?:device|phone))?$`, 'i'),
  new RegExp(
    String.raw`^(?:${SELF_JA}\s*の\s*)?${DEVICE_JA}${KEYWORD_JA}\s*(?:を|が)?\s*忘れ(?:ました|た|てしまいました|てしまった|ちゃった|ちゃいました)$`,
    'i',
  ),
  new RegExp(String.raw`^${SELF_JA}\s*の\s*${DEVICE_JA}${KEYWORD_JA}\s*(?:を|の)?\s*${RESET_JA}$`, 'i'),
];

/** "my requests", "私のリクエスト". */
const MY_REQUESTS: readonly RegExp[] = [
  /^(?:(?:show|list)\s+(?:me\s+)?)?my\s+(?:own\s+)?requests?$/i,
  new RegExp(String.raw`^${SELF_JA}\s*の\s*(?:リクエスト|依頼|申請)(?:\s*一覧)?(?:\s*${SHOW_JA})?$`, 'i'),
];

/** "cancel", "cancel my request", "キャンセル", "リクエストをキャンセルして". */
const CANCEL_REQUEST: readonly RegExp[] = [
  /^(?:cancel|withdraw)(?:\s+(?:my\s+)?(?:(?:pin|passcode)\s+)?request)?$/i,
  new RegExp(
    String.raw`^(?:(?:${SELF_JA}\s*の\s*)?(?:リクエスト|依頼|申請)\s*を?\s*)?(?:キャンセル|取り消し|取消し|取り下げ)(?:して(?:ください|下さい)?|します|する|お願いします)?$`,
    'i',
  ),
];

/** "use this channel for approvals", "このチャネルを承認に使う". */
const USE_THIS_CHANNEL: readonly RegExp[] = [
  /^use\s+this\s+channel\s+for\s+(?:the\s+)?(?:approvals?|approval\s+requests|requests)$/i,
  new RegExp(
    String.raw`^この\s*チャン?ネル\s*を\s*承認\s*(?:用\s*)?(?:に|で)\s*(?:使う|使います|使って(?:ください|下さい)?|する|します)$`,
    'i',
  ),
];

/** "history", "history alice", "history of alice", "alice の履歴". The name, if any, is `query`. */
const HISTORY: readonly RegExp[] = [
  /^(?:show\s+(?:me\s+)?)?(?:the\s+)?(?:audit\s+)?(?:history|audit\s+log)(?:(?:\s+(?:of|for))?(?:\s*:\s*|\s+)(?<query>.+))?$/id,
  new RegExp(String.raw`^(?<query>.+?)\s*${HONORIFIC_JA}?\s*の\s*${HISTORY_JA}(?:\s*${SHOW_JA})?$`, 'id'),
  new RegExp(String.raw`^${HISTORY_JA}(?:\s*${SHOW_JA})?(?:\s*:\s*(?<query>.+))?$`, 'id'),
];

/**
 * "show passcode for alice", "… because she called from the office", "… reason: INC-42",
 * "alice のパスコードを表示", "… 理由: …". The name is `query`, the stated reason `reason`.
 */
const SHOW_PASSCODE: readonly RegExp[] = [
  new RegExp(
    String.raw`^${POLITE_EN}(?:show|display|get)\s+(?:me\s+)?(?:the\s+)?${KEYWORD_EN}\s+(?:for|of)(?:\s*:\s*|\s+)(?<query>.+?)(?:\s*[,;]?\s+because\s+(?<reason>.+)|\s*[,;(]?\s*reason\s*:\s*(?<reasonColon>.+?)\)?)?$`,
    'id',
  ),
  new RegExp(
    String.raw`^(?<query>.+?)\s*${HONORIFIC_JA}?\s*の\s*${KEYWORD_JA}\s*${SHOW_JA}(?:\s*[、,]?\s*理由\s*(?:は\s*)?[:：]?\s*(?<reason>.+))?$`,
    'id',
  ),
];

/** "setup check", "セットアップ確認". */
const SETUP_CHECK: readonly RegExp[] = [
  /^(?:run\s+(?:the\s+|a\s+)?)?(?:setup|readiness)\s*check$/i,
  /^check\s+(?:the\s+)?setup$/i,
  new RegExp(String.raw`^セットアップ(?:\s*の)?\s*(?:確認|チェック)(?:して(?:ください|下さい)?)?$`, 'i'),
];

/** "sign out", "log out", "サインアウト", "ログアウト". */
const SIGN_OUT: readonly RegExp[] = [
  /^(?:sign|log)\s*(?:me\s+)?out$/i,
  new RegExp(String.raw`^(?:サインアウト|ログアウト)(?:して(?:ください|下さい)?|する)?$`, 'i'),
];

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

  // Commands without a name first: "reset my phone's PIN" must not look up a person "my phone".
  if (matchesAny(bare, FORGOT_MY_PIN)) return { kind: 'forgotMyPin' };
  if (matchesAny(bare, MY_REQUESTS)) return { kind: 'myRequests' };
  if (matchesAny(bare, CANCEL_REQUEST)) return { kind: 'cancelRequest' };
  if (matchesAny(bare, USE_THIS_CHANNEL)) return { kind: 'useThisChannel' };
  if (matchesAny(bare, SETUP_CHECK)) return { kind: 'setupCheck' };
  if (matchesAny(bare, SIGN_OUT)) return { kind: 'signOut' };

  // "history <at>Alice</at>" reads as plain "history" first: a reading that names someone wins.
  let tenantHistory: Command | undefined;
  for (const reading of readings) {
    const query = findQuery(reading);
    if (query !== undefined) return { kind: 'resetFor', query };
    const shown = findShowPasscode(reading);
    if (shown) return shown;
    const history = findHistory(reading);
    if (history?.kind === 'history' && history.query !== undefined) return history;
    tenantHistory ??= history;
  }
  return tenantHistory ?? { kind: 'unknown', text: plain };
}

function matchesAny(folded: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((pattern) => pattern.test(folded));
}

/** The named groups of the first pattern that matches, cut from the original (unfolded) text. */
function groupsOf(text: string, patterns: readonly RegExp[]): Record<string, string | undefined> | undefined {
  const cut = stripTrailing(text);
  const folded = foldWidth(cut);
  for (const pattern of patterns) {
    const spans = pattern.exec(folded)?.indices?.groups;
    if (!spans) continue;
    return Object.fromEntries(Object.entries(spans).map(([name, span]) => [name, span ? cut.slice(span[0], span[1]) : undefined]));
  }
  return undefined;
}

/** "show passcode for alice [because …]"; a name that means the speaker is not one. */
function findShowPasscode(text: string): Command | undefined {
  const groups = groupsOf(text, SHOW_PASSCODE);
  const query = groups?.query === undefined ? undefined : cleanQuery(groups.query);
  if (!groups || query === undefined) return undefined;
  const reason = (groups.reason ?? groups.reasonColon)?.trim();
  return reason ? { kind: 'showPasscode', query, reason } : { kind: 'showPasscode', query };
}

/** "history" (the whole tenant) or "history alice". */
function findHistory(text: string): Command | undefined {
  const groups = groupsOf(text, HISTORY);
  if (!groups) return undefined;
  if (groups.query === undefined) return { kind: 'history' };
  const query = cleanQuery(groups.query);
  return query === undefined ? undefined : { kind: 'history', query };
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
