import type { Logger } from '../../ports/logger';

/**
 * Work the bot does on its own schedule (expiring requests, start-up recovery). The composition
 * root owns it and stops it on shutdown; timers never keep the process alive by themselves.
 */
export class PeriodicJobs {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly logger: Logger) {}

  /** Run `work` every `intervalMs` (a run still going is not doubled). */
  every(name: string, intervalMs: number, work: () => Promise<unknown>): void {
    if (this.stopped) return;
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.track(name, work).finally(() => (busy = false));
    }, intervalMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** Run `work` once, now, in the background. */
  soon(name: string, work: () => Promise<unknown>): void {
    if (!this.stopped) void this.track(name, work);
  }

  /** No new runs; resolves when the runs in progress have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers.clear();
    await Promise.all([...this.running]);
  }

  private track(name: string, work: () => Promise<unknown>): Promise<void> {
    const run = (async () => {
      try {
        await work();
      } catch (error) {
        this.logger.error('bot.job.failed', { job: name, errorName: error instanceof Error ? error.name : typeof error });
      }
    })();
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return run;
  }
}
