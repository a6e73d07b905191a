import { dropOldest } from '../../shared/recency-map';

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
    dropOldest(this.seen, Number.POSITIVE_INFINITY, (expiresAt) => expiresAt <= now);
    if (this.seen.has(id)) return false;
    this.seen.set(id, now + this.ttlMs);
    dropOldest(this.seen, this.maxIds);
    return true;
  }

  /** Forget an id, so that a retry after a failed exchange is handled again. */
  release(id: string): void {
    this.seen.delete(id);
  }
}
