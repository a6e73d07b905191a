import type { AuditRecord } from '../../domain/audit/audit-record';
import type { AuditLog } from '../../ports/audit-log';
import type { Logger } from '../../ports/logger';
import { auditExpiresOn, auditLogFields, auditSubjects, newestFirst, type RetainedAuditRecord } from '../azure/audit-log-line';

export interface MemoryAuditLogOptions {
  /** Receives the `audit` line of each record, as the Azure log writes it. */
  logger?: Logger;
  retentionDays?: number;
}

/** Audit records in process memory, for unit tests only: append-only, same order as the Azure log. */
export class MemoryAuditLog implements AuditLog {
  private readonly records: RetainedAuditRecord[] = [];
  private readonly retentionDays: number;

  constructor(private readonly options: MemoryAuditLogOptions = {}) {
    this.retentionDays = options.retentionDays ?? 365;
  }

  async append(record: AuditRecord): Promise<void> {
    if (this.records.some((r) => r.id === record.id)) throw new Error(`An audit record with id ${record.id} already exists.`);
    const retained: RetainedAuditRecord = { ...structuredClone(record), expiresOn: auditExpiresOn(record.at, this.retentionDays) };
    this.records.push(retained);
    this.options.logger?.info('audit', auditLogFields(retained, this.retentionDays));
  }

  async forUser(userOid: string, limit: number): Promise<AuditRecord[]> {
    return this.select((r) => auditSubjects(r).includes(userOid), limit);
  }

  async recent(limit: number): Promise<AuditRecord[]> {
    return this.select(() => true, limit);
  }

  /** Every record in the order appended (tests). */
  all(): RetainedAuditRecord[] {
    return this.records.map((r) => structuredClone(r));
  }

  private select(keep: (r: AuditRecord) => boolean, limit: number): RetainedAuditRecord[] {
    return this.records
      .filter(keep)
      .sort(newestFirst)
      .slice(0, Math.max(0, limit))
      .map((r) => structuredClone(r));
  }
}
