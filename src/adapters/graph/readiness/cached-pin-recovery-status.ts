import type { Clock } from '../../../ports/clock';
import type { Logger } from '../../../ports/logger';
import type { PinRecoveryStatus, WindowsPinRecovery } from '../../../ports/pin-recovery-status';

/** A definite answer holds for ten minutes: the tenant's setup changes rarely. */
export const PIN_RECOVERY_TTL_MS = 10 * 60_000;
/** `unknown` (a failed or slow read) is asked again sooner. */
export const PIN_RECOVERY_UNKNOWN_TTL_MS = 60_000;
/** The longest an agent's turn waits for the answer. */
export const PIN_RECOVERY_TIMEOUT_MS = 5_000;

export interface CachedPinRecoveryStatusOptions {
  /** Reads the tenant; may throw or hang, which this class turns into `unknown`. */
  lookup: () => Promise<WindowsPinRecovery>;
  /** Ages the cached answer. */
  clock: Clock;
  logger?: Logger;
  ttlMs?: number;
  unknownTtlMs?: number;
  timeoutMs?: number;
}

interface Remembered {
  value: WindowsPinRecovery;
  expiresAt: number;
}

/**
 * The Windows PIN recovery answer, read once and kept per process. Callers that arrive while a
 * read runs share it; nobody waits longer than the timeout. A read that outlives the timeout still
 * stores its answer when it ends, so the next caller gets it (every Graph request and token request
 * has its own time limit, so a read always ends).
 */
export class CachedPinRecoveryStatus implements PinRecoveryStatus {
  private remembered: Remembered | undefined;
  private running: Promise<WindowsPinRecovery> | undefined;

  constructor(private readonly options: CachedPinRecoveryStatusOptions) {}

  async windowsPinRecovery(): Promise<WindowsPinRecovery> {
    const now = this.options.clock.now().getTime();
    if (this.remembered && now < this.remembered.expiresAt) return this.remembered.value;
    this.running ??= this.read();
    return this.capped(this.running);
  }

  private async read(): Promise<WindowsPinRecovery> {
    let value: WindowsPinRecovery;
    try {
      value = await this.options.lookup();
    } catch (error) {
      this.options.logger?.warn('pinRecoveryStatus.failed', { error: error instanceof Error ? error.name : 'unknown' });
      value = 'unknown';
    }
    this.options.logger?.info('pinRecoveryStatus.read', { value });
    this.remember(value);
    this.running = undefined;
    return value;
  }

  /** The read's answer, or `unknown` (remembered briefly) when it takes longer than the timeout. */
  private async capped(read: Promise<WindowsPinRecovery>): Promise<WindowsPinRecovery> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.timeoutMs ?? PIN_RECOVERY_TIMEOUT_MS);
      // A pending answer must not keep the process alive.
      timer.unref();
    });
    const first = await Promise.race([read, timeout]);
    clearTimeout(timer);
    if (first !== 'timeout') return first;
    this.options.logger?.warn('pinRecoveryStatus.timeout', { timeoutMs: this.options.timeoutMs ?? PIN_RECOVERY_TIMEOUT_MS });
    // Only while the read is still out: an answer it stored meanwhile is better than this one.
    if (this.running === read) this.remember('unknown');
    return 'unknown';
  }

  private remember(value: WindowsPinRecovery): void {
    const ttl = value === 'unknown' ? (this.options.unknownTtlMs ?? PIN_RECOVERY_UNKNOWN_TTL_MS) : (this.options.ttlMs ?? PIN_RECOVERY_TTL_MS);
    this.remembered = { value, expiresAt: this.options.clock.now().getTime() + ttl };
  }
}
