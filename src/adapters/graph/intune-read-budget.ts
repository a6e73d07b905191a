import type { ManagedDevice, ResetPasscodeActionResult } from '../../domain/model';
import type { Clock } from '../../ports/clock';
import type { DelegatedPrincipal, Principal } from '../../ports/identity';
import type { IntuneGateway } from '../../ports/intune-gateway';

/**
 * Intune allows an app 2,000 reads per 20 s per tenant. Each running reset polls its result, so
 * 200 resets in flight would overrun that on their own. Every Intune read of this process takes
 * a slot from one sliding window first; when the window is full, the read waits for the oldest
 * slot to expire. Under light load nothing waits; under heavy load polls simply stretch out.
 * The budget is per process: with several instances give each its share (INTUNE_READS_PER_20S).
 */
export class ReadBudget {
  private readonly stamps: number[] = [];

  constructor(
    private readonly clock: Clock,
    /** Reads allowed per window (settings: INTUNE_READS_PER_20S). */
    readonly limit = 1_600,
    readonly windowMs = 20_000,
  ) {}

  async take(): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      while (this.stamps.length > 0 && this.stamps[0]! <= now - this.windowMs) this.stamps.shift();
      if (this.stamps.length < this.limit) {
        this.stamps.push(now);
        return;
      }
      await this.clock.sleep(this.stamps[0]! + this.windowMs - now);
    }
  }
}

/** IntuneGateway whose reads go through a ReadBudget; the reset POST is not paced (see Intune's write limit). */
export class BudgetedIntuneGateway implements IntuneGateway {
  constructor(
    private readonly inner: IntuneGateway,
    private readonly budget: ReadBudget,
  ) {}

  async listUserDevices(userId: string, as: Principal): Promise<ManagedDevice[]> {
    await this.budget.take();
    return this.inner.listUserDevices(userId, as);
  }

  async getDevice(deviceId: string, as: Principal): Promise<ManagedDevice> {
    await this.budget.take();
    return this.inner.getDevice(deviceId, as);
  }

  resetPasscode(deviceId: string, as: DelegatedPrincipal): Promise<void> {
    return this.inner.resetPasscode(deviceId, as);
  }

  async getResetPasscodeResults(deviceId: string, as: DelegatedPrincipal): Promise<ResetPasscodeActionResult[]> {
    await this.budget.take();
    return this.inner.getResetPasscodeResults(deviceId, as);
  }
}
