/**
 * Windowed counters for rate limits, shared by every instance (compare-and-set increments).
 * Keys are like `agent:{oid}` or `selfService:{oid}`; windows like `2026-11-25T08` or `2026-11-25`.
 */
export interface Counters {
  /**
   * Add one to the counter of (key, window) unless it already reached `limit`.
   * Returns whether it was allowed and the count after the call.
   */
  incrementIfBelow(key: string, window: string, limit: number): Promise<{ allowed: boolean; count: number }>;
  /**
   * Take one back from the counter of (key, window), never below zero: for something counted
   * that did not happen after all (a read that failed before reaching Intune).
   */
  decrement(key: string, window: string): Promise<void>;
}
