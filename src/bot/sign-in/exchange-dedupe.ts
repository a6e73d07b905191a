/**
 * Remembers the ids of `signin/tokenExchange` invokes already handled: several Teams clients of
 * the same user (desktop, web, phone) may each answer one OAuthCard.
 *
 * Per instance, in memory: with several instances a duplicate may reach another instance; that
 * instance then finds the pending command already taken (PendingSignInStore.take is
 * compare-and-set), so the command still runs once.
 */
export class ExchangeDedupe {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 5 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time an id is offered within the TTL, false for every repeat. */
  firstTime(id: string): boolean {
    const now = this.now();
    this.evictExpired(now);
    if (this.seen.has(id)) return false;
    this.seen.set(id, now + this.ttlMs);
    return true;
  }

  /** Forget an id, so that a retry after a failed exchange is handled again. */
  release(id: string): void {
    this.seen.delete(id);
  }

  private evictExpired(now: number): void {
    for (const [id, expiresAt] of this.seen) {
      if (expiresAt <= now) this.seen.delete(id);
    }
  }
}
