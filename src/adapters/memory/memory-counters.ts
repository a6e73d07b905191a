import type { Counters } from '../../ports/counters';

/** Windowed counters in process memory, for unit tests only. */
export class MemoryCounters implements Counters {
  private readonly counts = new Map<string, number>();

  async incrementIfBelow(key: string, window: string, limit: number): Promise<{ allowed: boolean; count: number }> {
    const id = `${key}\u0000${window}`;
    const count = this.counts.get(id) ?? 0;
    if (count >= limit) return { allowed: false, count };
    this.counts.set(id, count + 1);
    return { allowed: true, count: count + 1 };
  }

  async decrement(key: string, window: string): Promise<void> {
    const id = `${key}\u0000${window}`;
    const count = this.counts.get(id) ?? 0;
    if (count > 0) this.counts.set(id, count - 1);
  }

  /** The current count (tests). */
  count(key: string, window: string): number {
    return this.counts.get(`${key}\u0000${window}`) ?? 0;
  }
}
