import type { Clock } from '../../src/ports/clock';

/** Default start of virtual time in tests. */
export const FAKE_CLOCK_START = '2026-11-25T08:00:00.000Z';

/**
 * Virtual time. sleep() advances the clock at once by the requested time and resolves on the
 * next microtask, so code that backs off for minutes runs instantly and deterministically.
 */
export class FakeClock implements Clock {
  private current: number;
  /** Every sleep requested, in order (ms). */
  readonly sleeps: number[] = [];

  constructor(start: string | Date = FAKE_CLOCK_START) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.current += Math.max(0, ms);
  }

  /** Move time forward without anyone sleeping. */
  advance(ms: number): void {
    this.current += ms;
  }

  set(time: string | Date): void {
    this.current = new Date(time).getTime();
  }

  /** Total virtual time slept so far (ms). */
  get totalSlept(): number {
    return this.sleeps.reduce((sum, ms) => sum + ms, 0);
  }
}
