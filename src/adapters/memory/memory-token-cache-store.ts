import type { SealedRecord, TokenCacheStore, VersionedRecord } from '../../ports/token-cache-store';
import { dropOldest, putNewest } from '../../shared/recency-map';

/** Enough for any helpdesk; a record holds a few kB. */
export const DEFAULT_MAX_PARTITIONS = 5_000;

/**
 * The token cache of a demo without storage: this process only, bounded. Expired records go on
 * each write; beyond `maxPartitions` the least recently used agent's goes (that agent signs in again).
 */
export class MemoryTokenCacheStore implements TokenCacheStore {
  private readonly records = new Map<string, VersionedRecord>();
  private writes = 0;

  constructor(
    private readonly maxPartitions: number = DEFAULT_MAX_PARTITIONS,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(maxPartitions) || maxPartitions < 1) throw new Error('maxPartitions must be a positive whole number.');
  }

  async get(partition: string): Promise<VersionedRecord | undefined> {
    const record = this.records.get(partition);
    if (record) putNewest(this.records, partition, record);
    return record;
  }

  async set(partition: string, record: SealedRecord, ifVersion?: string): Promise<boolean> {
    if (ifVersion !== undefined && this.records.get(partition)?.version !== ifVersion) return false;
    this.writes += 1;
    putNewest(this.records, partition, { ...record, version: String(this.writes) });
    const nowMs = this.now();
    dropOldest(this.records, this.maxPartitions, (stale) => stale.expiresAtMs <= nowMs);
    return true;
  }

  async delete(partition: string): Promise<void> {
    this.records.delete(partition);
  }

  get size(): number {
    return this.records.size;
  }
}
