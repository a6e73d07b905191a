import type { TableClient } from '@azure/data-tables';
import type { Clock } from '../../ports/clock';
import type { Counters } from '../../ports/counters';
import { isConflict, isPreconditionFailed } from './azure-errors';
import { keyPart } from './table-keys';
import { getOrUndefined } from './table-queries';

const MAX_ATTEMPTS = 200;

/**
 * Rate-limit counters in Azure Table Storage: one row per (key, window), partition = key. Why
 * Table: a counter is a tiny entity changed by compare-and-set — create-if-absent (409) for the
 * first count of a window, If-Match on the ETag (412) for the next ones; a lost race reads again.
 * A refused call writes nothing, so the count never passes the limit.
 */
export class TableCounters implements Counters {
  constructor(
    private readonly table: TableClient,
    private readonly sleep: Clock['sleep'] = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async incrementIfBelow(key: string, window: string, limit: number): Promise<{ allowed: boolean; count: number }> {
    const partitionKey = keyPart(key);
    const rowKey = keyPart(window);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const row = await getOrUndefined(this.table, partitionKey, rowKey);
      const count = typeof row?.count === 'number' ? row.count : 0;
      if (count >= limit) return { allowed: false, count };
      try {
        if (!row) await this.table.createEntity({ partitionKey, rowKey, count: 1, key, window });
        else await this.table.updateEntity({ partitionKey, rowKey, count: count + 1, key, window }, 'Replace', { etag: row.etag });
        return { allowed: true, count: count + 1 };
      } catch (error) {
        if (!isConflict(error) && !isPreconditionFailed(error)) throw error;
      }
      // Another instance counted first: back off a little (with jitter so racers spread out).
      await this.sleep(Math.floor(Math.random() * Math.min(100, 5 * (attempt + 1))));
    }
    throw new Error(`The counter ${key} (${window}) stayed contended for ${MAX_ATTEMPTS} attempts.`);
  }

  async decrement(key: string, window: string): Promise<void> {
    const partitionKey = keyPart(key);
    const rowKey = keyPart(window);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const row = await getOrUndefined(this.table, partitionKey, rowKey);
      const count = typeof row?.count === 'number' ? row.count : 0;
      if (!row || count <= 0) return;
      try {
        await this.table.updateEntity({ partitionKey, rowKey, count: count - 1, key, window }, 'Replace', { etag: row.etag });
        return;
      } catch (error) {
        if (!isPreconditionFailed(error)) throw error;
      }
      await this.sleep(Math.floor(Math.random() * Math.min(100, 5 * (attempt + 1))));
    }
    throw new Error(`The counter ${key} (${window}) stayed contended for ${MAX_ATTEMPTS} attempts.`);
  }
}
