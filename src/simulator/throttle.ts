/**
 * A sliding-window limit like Intune's on device writes (200 per 20 s per app per tenant).
 */
export class WriteThrottle {
  private readonly stamps = new Map<string, number[]>();

  constructor(
    private readonly requests: number,
    private readonly windowMs: number,
  ) {}

  /** Record a write for `key`; answers the seconds to wait when over the limit (nothing recorded). */
  tryTake(key: string, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const recent = (this.stamps.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.requests) {
      this.stamps.set(key, recent);
      const oldest = recent[0] as number;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.stamps.set(key, recent);
    return { ok: true };
  }
}
