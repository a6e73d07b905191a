import type { InFlightReset, InFlightStore } from '../../ports/in-flight-store';
import { byKey } from '../azure/table-keys';

/**
 * In-flight resets in process memory, for unit tests only (same contract as the Azure store).
 * Entries are stored deep-frozen and handed out as they are: nobody can change one behind the
 * store's back, and reading costs no copy. That matters because every agent's turn lists up to a
 * hundred pending entries to find their own.
 */
export class MemoryInFlightStore implements InFlightStore {
  private readonly entries = new Map<string, Readonly<InFlightReset>>();
  private version = 0;

  async add(entry: InFlightReset): Promise<void> {
    if (this.entries.has(entry.id)) throw new Error(`An in-flight reset with id ${entry.id} already exists.`);
    this.entries.set(entry.id, deepFreeze({ ...structuredClone(entry), etag: this.nextEtag() }));
  }

  async get(id: string): Promise<InFlightReset | undefined> {
    return this.entries.get(id);
  }

  async listPending(limit: number): Promise<InFlightReset[]> {
    return [...this.entries.values()]
      .filter((e) => !e.deliveredAt)
      .sort((a, b) => Date.parse(a.postedAt) - Date.parse(b.postedAt) || byKey(a.id, b.id))
      .slice(0, Math.max(0, limit));
  }

  async markDelivered(id: string, at: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry || entry.deliveredAt) return false;
    this.entries.set(id, Object.freeze({ ...entry, deliveredAt: at, etag: this.nextEtag() }));
    return true;
  }

  async remove(id: string): Promise<void> {
    this.entries.delete(id);
  }

  private nextEtag(): string {
    this.version += 1;
    return `W/"${this.version}"`;
  }
}

/** Freeze a fresh copy and everything in it (a structuredClone holds no shared or frozen parts). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
