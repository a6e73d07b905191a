import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { AuditRecord } from '../../domain/audit/audit-record';
import type { AuditLog } from '../../ports/audit-log';
import type { Logger } from '../../ports/logger';
import { auditExpiresOn, auditLogFields, auditSubjects, type RetainedAuditRecord } from './audit-log-line';
import { AlreadyExistsError, isConflict } from './azure-errors';
import { bodyProperties, readBody } from './stored-json';
import { descendingTime, keyPart } from './table-keys';
import { listRange } from './table-queries';

const PARTITION = 'audit';

/**
 * The audit history in Azure Table Storage, append-only.
 *
 * Why Table: an append is one entity-group transaction of CREATE operations, which fails as a
 * whole (409) when any row exists — so a record is written completely or not at all, and a
 * second append with the same id fails instead of overwriting. The queries are range reads of
 * newest-first row keys, one partition, bounded by the limit:
 *   `id_{id}`                                   the record (the uniqueness guard),
 *   `all_{newest-first time}_{id}`              tenant-wide history (`recent`),
 *   `user_{oid}_{newest-first time}_{id}`       per user, for the target user and on-behalf-of.
 * This class never updates or deletes a row: it only creates.
 *
 * Retention (AUDIT_RETENTION_DAYS) without the bot deleting anything: every row carries
 * `expiresOn` (= at + retention, an Edm.DateTime) and `retentionDays`. Removal is an operator's
 * job outside the bot — a scheduled purge (for example an Azure Automation runbook or Function
 * with its own identity) that deletes rows of this table whose `expiresOn` is past. Tamper
 * evidence does not rest on this table alone: each record is also written as an `audit` log
 * line, which the SIEM (for example Log Analytics with its retention set to the same number of
 * days) keeps independently of the bot.
 */
export class TableAuditLog implements AuditLog {
  constructor(
    private readonly table: TableClient,
    private readonly logger: Logger,
    private readonly retentionDays: number,
  ) {}

  async append(record: AuditRecord): Promise<void> {
    const retained: RetainedAuditRecord = { ...record, expiresOn: auditExpiresOn(record.at, this.retentionDays) };
    const fields = {
      ...bodyProperties(retained),
      kind: record.kind,
      at: record.at,
      expiresOn: new Date(retained.expiresOn),
      retentionDays: this.retentionDays,
    };
    const time = descendingTime(record.at);
    const id = keyPart(record.id);
    const rowKeys = [`id_${id}`, `all_${time}_${id}`, ...auditSubjects(record).map((oid) => `user_${keyPart(oid)}_${time}_${id}`)];
    const actions: TransactionAction[] = rowKeys.map((rowKey) => ['create', { partitionKey: PARTITION, rowKey, ...fields }]);
    try {
      await this.table.submitTransaction(actions);
    } catch (error) {
      if (isConflict(error)) throw new AlreadyExistsError('audit record', record.id);
      // The SIEM still gets the record even when storage is down.
      this.logger.error('audit.unstored', auditLogFields(retained, this.retentionDays));
      throw error;
    }
    this.logger.info('audit', auditLogFields(retained, this.retentionDays));
  }

  async forUser(userOid: string, limit: number): Promise<AuditRecord[]> {
    const rows = await listRange(this.table, PARTITION, `user_${keyPart(userOid)}_`, limit);
    return rows.map(toRecord);
  }

  async recent(limit: number): Promise<AuditRecord[]> {
    const rows = await listRange(this.table, PARTITION, 'all_', limit);
    return rows.map(toRecord);
  }
}

function toRecord(entity: Record<string, unknown>): RetainedAuditRecord {
  const record = readBody(entity);
  if (typeof record !== 'object' || record === null || typeof (record as { id?: unknown }).id !== 'string') {
    throw new Error('The stored audit record is not one.');
  }
  return record as RetainedAuditRecord;
}
