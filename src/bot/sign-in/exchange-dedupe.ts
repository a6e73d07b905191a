/**
 * Remembers the ids of `signin/tokenExchange` invokes already handled: several Teams clients of
 * the same user (desktop, web, phone) may each answer one OAuthCard.
 *
 * Per instance, in memory: with several instances a duplicate may reach another instance; that
 * instance then finds the pending command already taken (PendingSignInStore.take is
 * compare-and-set), so the command still runs once.
 */
export class ExchangeDedupe {
  /** id → when it may be handled again; in insertion order, which (one TTL for all) is expiry order. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 5 * 60 * 1000,
    private readonly now: () => number = Date.now,
    /**
     * Ids remembered at most; beyond it the oldest is forgotten early. A repeat of a forgotten id
     * is then handled again, and still runs the command once (the pending request is taken once).
     */
    private readonly maxIds = 10_000,
  ) {}

  /** True the first time an id is offered within the TTL, false for every repeat. */
  firstTime(id: string): boolean {
    const now = this.now();
    this.evictExpired(now);
    if (this.seen.has(id)) return false;
    if (this.seen.size >= this.maxIds) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    this.seen.set(id, now + this.ttlMs);
    return true;
  }

  /** Forget an id, so that a retry after a failed exchange is handled again. */
  release(id: string): void {
    this.seen.delete(id);
  }

  /** Expired ids, from the oldest; stops at the first that has not expired. */
  private evictExpired(now: number): void {
    for (const [id, expiresAt] of this.seen) {
      if (expiresAt > now) return;
      this.seen.delete(id);
    }
  }
}
