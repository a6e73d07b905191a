import type { Logger } from '../ports/logger';

/**
 * Work that outlives the turn that started it (a reset after the Yes click answered at once).
 * Every task is caught and logged here, so no promise floats; `whenIdle` lets tests and a
 * graceful shutdown wait for the tasks still running.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Start `work` now without waiting for it. `name` and `fields` identify it in the log. */
  run(name: string, fields: Record<string, string | undefined>, work: () => Promise<void>): void {
    const task = (async () => {
      try {
        await work();
      } catch (error) {
        this.logger.error('bot.background.failed', {
          task: name,
          ...fields,
          errorName: error instanceof Error ? error.name : typeof error,
        });
      }
    })();
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }

  /** Resolves when every task started so far (and those they started) has ended. */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.all([...this.running]);
    }
  }
}
