import type { AuditRecord } from '../../domain/audit/audit-record';
import type { LogFields } from '../../ports/logger';
import { byKey } from './table-keys';

/** An audit record as stored and returned: with the day the retention policy may remove it. */
export type RetainedAuditRecord = AuditRecord & { expiresOn: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/** `at` + retentionDays, as an ISO time; throws when `at` is not a time. */
export function auditExpiresOn(at: string, retentionDays: number): string {
  const time = Date.parse(at);
  if (Number.isNaN(time)) throw new Error('An audit record needs an ISO time in `at`.');
  return new Date(time + retentionDays * DAY_MS).toISOString();
}

/**
 * The flat fields of the `audit` log line a SIEM collects: every field of the record, never a
 * passcode or token (the record type has none). The same line is written by every AuditLog.
 */
export function auditLogFields(record: RetainedAuditRecord, retentionDays: number): LogFields {
  return {
    auditId: record.id,
    at: record.at,
    kind: record.kind,
    actorOid: record.actor.oid,
    actorName: record.actor.name,
    actorUpn: record.actor.upn,
    onBehalfOfOid: record.onBehalfOf?.oid,
    onBehalfOfName: record.onBehalfOf?.name,
    onBehalfOfUpn: record.onBehalfOf?.upn,
    targetUserOid: record.targetUser?.oid,
    targetUserName: record.targetUser?.name,
    targetUserUpn: record.targetUser?.upn,
    deviceId: record.device?.id,
    deviceName: record.device?.name,
    reason: record.reason,
    outcome: record.outcome,
    intuneErrorCode: record.intuneErrorCode,
    graphRequestId: record.graphRequestId,
    verification: record.verification,
    flowId: record.flowId,
    requestId: record.requestId,
    retentionDays,
    expiresOn: record.expiresOn,
  };
}

/** The users a record is "about" (target and on-behalf-of), without duplicates. */
export function auditSubjects(record: AuditRecord): string[] {
  const oids = [record.targetUser?.oid, record.onBehalfOf?.oid].filter((oid): oid is string => Boolean(oid));
  return [...new Set(oids)];
}

/** Newest first; records of the same millisecond by (encoded) id, as the Table row keys sort them. */
export function newestFirst(a: AuditRecord, b: AuditRecord): number {
  const byTime = Date.parse(b.at) - Date.parse(a.at);
  if (byTime !== 0) return byTime;
  return byKey(a.id, b.id);
}
