import { strict as assert } from 'node:assert';
import { CachedPinRecoveryStatus } from '../../../../../src/adapters/graph/readiness/cached-pin-recovery-status';
import type { WindowsPinRecovery } from '../../../../../src/ports/pin-recovery-status';
import { FakeClock } from '../../../../fakes/fake-clock';
import { MemoryLogger } from '../../../../fakes/memory-logger';

const MINUTE = 60_000;

/** A tenant read the test answers by hand: each call waits until `answer` or `fail`. */
class ScriptedLookup {
  calls = 0;
  private pending: Array<{ resolve: (value: WindowsPinRecovery) => void; reject: (error: Error) => void }> = [];

  readonly lookup = (): Promise<WindowsPinRecovery> => {
    this.calls += 1;
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  };

  answer(value: WindowsPinRecovery): void {
    for (const p of this.pending.splice(0)) p.resolve(value);
  }

  fail(): void {
    for (const p of this.pending.splice(0)) p.reject(new Error('Graph is down'));
  }
}

describe('the cached Windows PIN recovery answer', () => {
  let clock: FakeClock;
  let tenant: ScriptedLookup;
  let logger: MemoryLogger;
  let status: CachedPinRecoveryStatus;

  beforeEach(() => {
    clock = new FakeClock();
    tenant = new ScriptedLookup();
    logger = new MemoryLogger();
    status = new CachedPinRecoveryStatus({ lookup: tenant.lookup, clock, logger, timeoutMs: 200 });
  });

  /** Ask, and let the tenant answer `value` if the question reaches it. */
  async function ask(value: WindowsPinRecovery = 'ready'): Promise<WindowsPinRecovery> {
    const answer = status.windowsPinRecovery();
    await Promise.resolve();
    tenant.answer(value);
    return answer;
  }

  it('when asked again within ten minutes, then the tenant is not read again and the answer is the same', async () => {
    assert.equal(await ask('notReady'), 'notReady');
    clock.advance(9 * MINUTE);
    assert.equal(await ask('ready'), 'notReady');
    assert.equal(tenant.calls, 1);
  });

  it('after ten minutes, the tenant is read again and the new answer given', async () => {
    assert.equal(await ask('notReady'), 'notReady');
    clock.advance(10 * MINUTE + 1);
    assert.equal(await ask('ready'), 'ready');
    assert.equal(tenant.calls, 2);
  });

  it('when the read fails, then the answer is unknown, never an error, and it is asked again after a minute', async () => {
    const first = status.windowsPinRecovery();
    await Promise.resolve();
    tenant.fail();
    assert.equal(await first, 'unknown');
    clock.advance(59_000);
    assert.equal(await ask('ready'), 'unknown');
    assert.equal(tenant.calls, 1);
    clock.advance(2_000);
    assert.equal(await ask('ready'), 'ready');
    assert.equal(tenant.calls, 2);
  });

  it('an unknown answer from the checks is kept only a minute too', async () => {
    assert.equal(await ask('unknown'), 'unknown');
    clock.advance(MINUTE + 1);
    assert.equal(await ask('ready'), 'ready');
  });

  it('callers arriving during a read share it', async () => {
    const answers = Promise.all([status.windowsPinRecovery(), status.windowsPinRecovery(), status.windowsPinRecovery()]);
    await Promise.resolve();
    tenant.answer('ready');
    assert.deepEqual(await answers, ['ready', 'ready', 'ready']);
    assert.equal(tenant.calls, 1);
  });

  it('when the read takes longer than the timeout, then the caller gets unknown in time, and the late answer serves the next caller', async () => {
    const started = Date.now();
    assert.equal(await status.windowsPinRecovery(), 'unknown');
    assert.ok(Date.now() - started < 2_000, 'the caller was not held past the timeout');
    assert.ok(logger.lines.some((l) => l.event === 'pinRecoveryStatus.timeout'));

    tenant.answer('ready');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await status.windowsPinRecovery(), 'ready');
    assert.equal(tenant.calls, 1);
  });

  it('while a slow read is still out, the next callers get unknown at once instead of waiting again', async () => {
    assert.equal(await status.windowsPinRecovery(), 'unknown');
    const started = Date.now();
    assert.equal(await status.windowsPinRecovery(), 'unknown');
    assert.ok(Date.now() - started < 150, 'answered from memory');
    assert.equal(tenant.calls, 1);
  });
});
