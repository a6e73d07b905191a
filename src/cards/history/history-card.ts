import type { Attachment } from 'botbuilder';
import historyTemplate from '../../../cards/history.json';
import type { AuditKind, AuditParty, AuditRecord } from '../../domain/audit/audit-record';
import type { DirectoryUser } from '../../domain/model';
import { formatDateTime, t, type Locale } from '../../i18n';
import { isVerificationMethod, methodText } from '../approvals/request-text';
import { CardTemplate } from '../card-template';

type Color = 'Default' | 'Good' | 'Warning' | 'Attention';

interface RecordRow {
  time: string;
  kind: string;
  kindColor: Color;
  line: string;
  hasDetail: boolean;
  detail: string;
}

interface HistoryData {
  lang: Locale;
  title: string;
  subtitle: string;
  isEmpty: boolean;
  emptyText: string;
  records: RecordRow[];
  footer: string;
}

interface KindStyle {
  key: string;
  color: Color;
}

/** Audit kinds are `<area>.<what>`; the table below has one row per kind, grouped by area. */
type AreaOf<K extends string> = K extends `${infer A}.${string}` ? A : never;
type WhatOf<K extends string, A extends string> = K extends `${A}.${infer W}` ? W : never;
type KindTable = { [A in AreaOf<AuditKind>]: { [W in WhatOf<AuditKind, A>]: KindStyle } };

// Exhaustive by construction: a new audit kind fails to compile here until it has words.
const KINDS: KindTable = {
  request: {
    created: { key: 'history.kind.requestCreated', color: 'Default' },
    approved: { key: 'history.kind.requestApproved', color: 'Good' },
    denied: { key: 'history.kind.requestDenied', color: 'Warning' },
    cancelled: { key: 'history.kind.requestCancelled', color: 'Default' },
    expired: { key: 'history.kind.requestExpired', color: 'Warning' },
    refused: { key: 'history.kind.requestRefused', color: 'Attention' },
  },
  reset: {
    started: { key: 'history.kind.resetStarted', color: 'Default' },
    succeeded: { key: 'history.kind.resetSucceeded', color: 'Good' },
    failed: { key: 'history.kind.resetFailed', color: 'Attention' },
    refused: { key: 'history.kind.resetRefused', color: 'Attention' },
  },
  identity: {
    verified: { key: 'history.kind.identityVerified', color: 'Good' },
  },
  passcode: {
    viewed: { key: 'history.kind.passcodeViewed', color: 'Warning' },
    delivered: { key: 'history.kind.passcodeDelivered', color: 'Default' },
  },
};

/** The words and colour of an audit kind; undefined for a kind this version does not know (stored data). */
function kindStyle(kind: string): KindStyle | undefined {
  const [area, what] = kind.split('.', 2);
  const table = KINDS as unknown as Record<string, Record<string, KindStyle> | undefined>;
  const row = area !== undefined && Object.hasOwn(table, area) ? table[area] : undefined;
  return row && what !== undefined && Object.hasOwn(row, what) ? row[what] : undefined;
}

/** What `history` shows: the records of one person, or the newest across the tenant. */
export type HistoryView = { kind: 'user'; user: DirectoryUser; records: readonly AuditRecord[] } | { kind: 'tenant'; records: readonly AuditRecord[] };

const history = new CardTemplate<HistoryData>(historyTemplate);

/**
 * The audit history card (helpdesk only): time, what happened, who did it, to which device and
 * whose, and how it ended, newest first. Records hold no secret, so neither does the card.
 */
export function historyCard(view: HistoryView, locale: Locale): Attachment {
  return history.render({
    lang: locale,
    title:
      view.kind === 'user'
        ? t(locale, 'history.title.user', { name: view.user.displayName || view.user.userPrincipalName })
        : t(locale, 'history.title.tenant'),
    subtitle: t(locale, 'history.subtitle', { count: view.records.length }),
    isEmpty: view.records.length === 0,
    emptyText: t(locale, 'history.empty'),
    records: view.records.map((record) => recordRow(record, locale)),
    footer: t(locale, 'history.footer'),
  });
}

function recordRow(record: AuditRecord, locale: Locale): RecordRow {
  const kind = kindStyle(record.kind);
  const line = [t(locale, 'history.by', { actor: partyName(record.actor, locale) })];
  if (record.onBehalfOf && record.onBehalfOf.oid !== record.actor.oid) {
    line.push(t(locale, 'history.onBehalfOf', { person: partyName(record.onBehalfOf, locale) }));
  }
  if (record.device) line.push(t(locale, 'history.device', { device: record.device.name || record.device.id }));
  if (record.targetUser) line.push(t(locale, 'history.owner', { owner: partyName(record.targetUser, locale) }));
  const detail: string[] = [];
  if (record.outcome) detail.push(t(locale, 'history.outcome', { outcome: outcomeWords(record.outcome, locale) }));
  if (record.verification) {
    const method = isVerificationMethod(record.verification) ? methodText(record.verification, locale) : record.verification;
    detail.push(t(locale, 'history.verification', { method }));
  }
  if (record.reason) detail.push(t(locale, 'history.reason', { reason: record.reason }));
  if (record.intuneErrorCode) detail.push(t(locale, 'failure.code', { code: record.intuneErrorCode }));
  if (record.graphRequestId) detail.push(t(locale, 'failure.requestId', { requestId: record.graphRequestId }));
  return {
    time: formatDateTime(record.at, locale),
    kind: kind ? t(locale, kind.key) : record.kind,
    kindColor: kind?.color ?? 'Default',
    line: line.join(' · '),
    hasDetail: detail.length > 0,
    detail: detail.join(' · '),
  };
}

/** Recorded outcomes are codes; the one an agent must act on (a removed passcode) is said in words. */
function outcomeWords(outcome: string, locale: Locale): string {
  return outcome === 'passcodeRemoved' ? t(locale, 'platforms.history.removed') : outcome;
}

function partyName(party: AuditParty, locale: Locale): string {
  if (party.oid === 'system') return t(locale, 'history.system');
  return party.name || party.upn || party.oid;
}
