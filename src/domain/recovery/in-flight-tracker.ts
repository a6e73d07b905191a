import type { Clock } from '../../ports/clock';
import type { InFlightReset, InFlightStore } from '../../ports/in-flight-store';
import type { Logger } from '../../ports/logger';
import { AppError } from '../errors';
import type { RunningResets } from './running-resets';

export interface InFlightTrackerOptions {
  /** Without a store (older wiring, some tests) nothing is written and every run delivers. */
  store?: InFlightStore;
  running?: RunningResets;
  clock: Clock;
  logger: Logger;
}

/**
 * Brackets a reset POST for recovery: `begin` writes the in-flight record just BEFORE the POST
 * (so a crash after it loses nothing), `finish` claims the delivery of the outcome once the run
 * has it. Holds ids, names and times only; never a passcode or token.
 */
export class InFlightTracker {
  constructor(private readonly options: InFlightTrackerOptions) {}

  /** Record the reset about to be sent; throws state.unavailable (and nothing is sent) on failure. */
  async begin(entry: InFlightReset): Promise<void> {
    this.options.running?.add(entry.id);
    if (!this.options.store) return;
    try {
      await this.options.store.add(entry);
    } catch (error) {
      this.options.running?.delete(entry.id);
      this.options.logger.error('inFlight.addFailed', { id: entry.id, error: error instanceof Error ? error.name : typeof error });
      throw new AppError('state.unavailable', 'The reset could not be recorded, so it was not sent.', { deviceId: entry.deviceId }, { cause: error });
    }
  }

  /**
   * Claim the delivery of the run's outcome (compare-and-set on the record). True: this run
   * delivers it. False: recovery (here or on another instance) already did, so this run must not.
   */
  async finish(id: string): Promise<boolean> {
    try {
      if (!this.options.store) return true;
      return await this.options.store.markDelivered(id, this.options.clock.now().toISOString());
    } catch (error) {
      // The run has the outcome in hand; losing it would leave the agent without a passcode.
      this.options.logger.error('inFlight.markFailed', { id, error: error instanceof Error ? error.name : typeof error });
      return true;
    } finally {
      this.options.running?.delete(id);
    }
  }
}
