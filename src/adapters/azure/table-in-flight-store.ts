import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { InFlightReset, InFlightStore } from '../../ports/in-flight-store';
import { AlreadyExistsError, isConflict, isNotFound, isPreconditionFailed } from './azure-errors';
import { bodyProperties, readBody } from './stored-json';
import { ascendingTime, keyPart } from './table-keys';
import { getOrUndefined, listRange } from './table-queries';

const PARTITION = 'inflight';

/**
 * In-flight resets in Azure Table Storage. Why Table: "deliver exactly once" is a compare-and-set
 * on the entry's ETag (412 for the loser), and "what is pending, oldest first" is a range read.
 * One partition holds `id_{id}` (the entry, with deliveredAt once delivered) and, while pending,
 * `pending_{oldest-first time}_{id}` (a copy); both change in one entity-group transaction.
 */
export class TableInFlightStore implements InFlightStore {
  constructor(private readonly table: TableClient) {}

  async add(entry: InFlightReset): Promise<void> {
    const actions: TransactionAction[] = [['create', mainRow(entry)]];
    if (!entry.deliveredAt) actions.push(['create', pendingRow(entry)]);
    try {
      await this.table.submitTransaction(actions);
    } catch (error) {
      if (isConflict(error)) throw new AlreadyExistsError('in-flight reset', entry.id);
      throw error;
    }
  }

  async get(id: string): Promise<InFlightReset | undefined> {
    const entity = await getOrUndefined(this.table, PARTITION, mainKey(id));
    return entity ? toEntry(entity) : undefined;
  }

  async listPending(limit: number): Promise<InFlightReset[]> {
    const rows = await listRange(this.table, PARTITION, 'pending_', limit);
    return rows.map(toEntry);
  }

  async markDelivered(id: string, at: string): Promise<boolean> {
    const entity = await getOrUndefined(this.table, PARTITION, mainKey(id));
    if (!entity) return false;
    const entry = toEntry(entity);
    if (entry.deliveredAt) return false;
    const delivered = { ...entry, deliveredAt: at };
    try {
      await this.table.submitTransaction([
        ['update', mainRow(delivered), 'Replace', { etag: entity.etag }],
        ['delete', { partitionKey: PARTITION, rowKey: pendingRow(entry).rowKey }],
      ]);
      return true;
    } catch (error) {
      // 412: another instance marked it first (or removed it: 404). Either way, not ours.
      if (isPreconditionFailed(error) || isNotFound(error)) return false;
      throw error;
    }
  }

  async remove(id: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const entity = await getOrUndefined(this.table, PARTITION, mainKey(id));
      if (!entity) return;
      const entry = toEntry(entity);
      const actions: TransactionAction[] = [['delete', { partitionKey: PARTITION, rowKey: mainKey(id) }]];
      if (!entry.deliveredAt) actions.push(['delete', { partitionKey: PARTITION, rowKey: pendingRow(entry).rowKey }]);
      try {
        await this.table.submitTransaction(actions);
        return;
      } catch (error) {
        // A row vanished under us (marked delivered, or removed by another instance): the whole
        // transaction was rolled back, so read again and delete what is there now.
        if (!isNotFound(error)) throw error;
      }
    }
    throw new Error(`The in-flight reset ${id} kept changing while being removed.`);
  }
}

const mainKey = (id: string): string => `id_${keyPart(id)}`;

function fieldsOf(entry: InFlightReset) {
  const { etag: _etag, deliveredAt, ...document } = entry;
  return { ...bodyProperties(document), postedAt: entry.postedAt, ...(deliveredAt ? { deliveredAt } : {}) };
}

function mainRow(entry: InFlightReset) {
  return { partitionKey: PARTITION, rowKey: mainKey(entry.id), ...fieldsOf(entry) };
}

function pendingRow(entry: InFlightReset) {
  return { partitionKey: PARTITION, rowKey: `pending_${ascendingTime(entry.postedAt)}_${keyPart(entry.id)}`, ...fieldsOf(entry) };
}

function toEntry(entity: Record<string, unknown> & { etag?: string }): InFlightReset {
  const document = readBody(entity);
  if (typeof document !== 'object' || document === null || typeof (document as { id?: unknown }).id !== 'string') {
    throw new Error('The stored in-flight reset is not one.');
  }
  const entry = { ...(document as InFlightReset), etag: entity.etag };
  if (typeof entity.deliveredAt === 'string') entry.deliveredAt = entity.deliveredAt;
  return entry;
}
