import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import { prefixRange } from './table-keys';

export type StoredEntity = TableEntityResult<Record<string, unknown>>;

/**
 * Up to `limit` entities of one partition whose row key starts with `prefix`, in row-key order.
 * A range over one partition's keys: the service seeks to the first key and stops at the limit,
 * so the cost grows with `limit`, not with how much is stored.
 */
export async function listRange(client: TableClient, partitionKey: string, prefix: string, limit: number): Promise<StoredEntity[]> {
  if (limit <= 0) return [];
  let filter = odata`PartitionKey eq ${partitionKey}`;
  if (prefix) {
    const { from, to } = prefixRange(prefix);
    filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to}`;
  }
  const out: StoredEntity[] = [];
  // A page may come back short (the service cuts pages at its own limits): follow the
  // continuation until `limit` entities are in hand or the range ends.
  for await (const page of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: Math.min(limit, 1000) })) {
    for (const entity of page) {
      out.push(entity);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** One entity, or undefined when it does not exist. */
export async function getOrUndefined(client: TableClient, partitionKey: string, rowKey: string): Promise<StoredEntity | undefined> {
  try {
    return await client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 404) return undefined;
    throw error;
  }
}
