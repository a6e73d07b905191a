import { createHash } from 'node:crypto';
import { dropOldest, putNewest } from '../../shared/recency-map';

/**
 * What this instance wrote lately, per person: a digest of the value and when. Bounded: past
 * `limit` people the least recently written are forgotten, so memory stays flat however many
 * people write. An entry older than `ttlMs` no longer counts, so a value another instance wrote
 * meanwhile is overwritten by this one's again within that time.
 */
export class RecentRecords {
  private readonly written = new Map<string, { digest: string; at: number }>();

  constructor(
    private readonly limit: number,
    private readonly ttlMs: number,
  ) {}

  /** Whether `value` is what this instance wrote for `key` less than `ttlMs` ago. */
  has(key: string, value: unknown, now: number): boolean {
    const entry = this.written.get(key);
    return entry !== undefined && now - entry.at < this.ttlMs && entry.digest === digestOf(value);
  }

  /** Note that `value` was written for `key` at `now`. */
  add(key: string, value: unknown, now: number): void {
    putNewest(this.written, key, { digest: digestOf(value), at: now });
    dropOldest(this.written, this.limit);
  }

  get size(): number {
    return this.written.size;
  }
}

/** A short fixed-size stand-in for a JSON value (the value itself may be a few hundred bytes). */
function digestOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}
