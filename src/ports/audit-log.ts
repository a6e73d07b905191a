import type { AuditRecord } from '../domain/audit/audit-record';

/**
 * Append-only audit history. Queries read an index (by target user, by time), never a scan of
 * everything. Implementations also write each record as a structured log line for a SIEM.
 */
export interface AuditLog {
  append(record: AuditRecord): Promise<void>;
  /** The newest records about one user (as target or requester), newest first. */
  forUser(userOid: string, limit: number): Promise<AuditRecord[]>;
  /** The newest records across the tenant, newest first. */
  recent(limit: number): Promise<AuditRecord[]>;
}
