import assert from 'node:assert/strict';
import { AppError } from '../../../../src/domain/errors';
import type { ManagedDevice } from '../../../../src/domain/model';
import { PASSCODE_VISIBLE_MS, resetPasscodeAndWait } from '../../../../src/domain/reset/passcode-reset';
import type { PasscodeResetOptions } from '../../../../src/domain/reset/passcode-reset';
import type { ResetProgress } from '../../../../src/domain/reset/reset-flow';
import {
  FakeClock,
  FakeIntune,
  failWith,
  memoryLogger,
  throttle,
  throttledError,
  timeoutError,
  unavailable,
  unavailableError,
  windows10Mobile,
} from '../../../fakes';
import type { ResetBehaviour } from '../../../fakes';
import { rejection } from '../../../support/app-error';

function setup(behaviour: Partial<ResetBehaviour> = {}) {
  const clock = new FakeClock();
  const intune = new FakeIntune(clock);
  const logger = memoryLogger();
  const device: ManagedDevice = windows10Mobile({ deviceName: 'ALICE-LUMIA' });
  intune.addDevice('user-alice', device, behaviour);
  const progress: ResetProgress[] = [];
  const postedAt = clock.now().getTime();
  const run = (options: Partial<PasscodeResetOptions> = {}) =>
    resetPasscodeAndWait(
      { intune, clock, logger },
      { device, as: { kind: 'delegated', oid: 'agent-oid-1' }, onProgress: (p) => progress.push(p) },
      options,
    );
  return { clock, intune, logger, device, progress, postedAt, run };
}

describe('reset a passcode and wait for Intune', () => {
  it('when Intune accepts and finishes, then the agent gets the new passcode, visible for seven days', async () => {
    const { intune, run, device, postedAt } = setup({ passcode: '58213907', settlesAfterMs: 20_000 });

    const issued = await run();

    assert.equal(issued.passcode, '58213907');
    assert.equal(issued.deviceId, device.id);
    assert.equal(issued.deviceName, 'ALICE-LUMIA');
    assert.equal(issued.startedAt, new Date(postedAt).toISOString());
    assert.equal(Date.parse(issued.visibleUntil) - Date.parse(issued.startedAt), PASSCODE_VISIBLE_MS);
    assert.equal(intune.postCount(), 1);
  });

  it('when Intune marks the action done, then the agent knows within 1.5 seconds', async () => {
    const { clock, run, postedAt } = setup({ settlesAfterMs: 47_300 });

    await run();

    const lateBy = clock.now().getTime() - (postedAt + 47_300);
    assert.ok(lateBy >= 0 && lateBy <= 1_500, `learned ${lateBy} ms after Intune was done`);
  });

  it('reads first after 1 s, then every 1.5 s', async () => {
    const { clock, run } = setup({ settlesAfterMs: 5_500 });
    await run();
    // reads at 1.0, 2.5, 4.0 and 5.5 s; the last sees "done"
    assert.deepEqual(clock.sleeps, [1_000, 1_500, 1_500, 1_500]);
  });

  it('reports each phase while waiting', async () => {
    const { run, progress } = setup({ settlesAfterMs: 4_000 });
    await run();
    assert.equal(progress[0]!.phase, 'sending');
    assert.ok(progress.some((p) => p.phase === 'waitingForIntune' && p.actionState === 'pending'));
    assert.deepEqual(progress.at(-1), { phase: 'waitingForIntune', actionState: 'done', elapsedSeconds: 4 });
  });

  it('when showing progress fails, then the reset still completes', async () => {
    const { intune, clock, logger, device } = setup();
    const issued = await resetPasscodeAndWait(
      { intune, clock, logger },
      {
        device,
        as: { kind: 'delegated', oid: 'agent-oid-1' },
        onProgress: (p) => {
          if (p.phase === 'sending') throw new Error('card update failed');
          return Promise.reject(new Error('card update failed')) as unknown as void;
        },
      },
    );
    assert.equal(issued.passcode, intune.issuedPasscodes[0]);
    assert.ok(logger.events().includes('reset.progressFailed'));
  });

  describe('the retry rule of the POST', () => {
    it('when the POST is throttled, then it is sent again after Retry-After: two POSTs, one passcode', async () => {
      const { intune, clock, run, progress } = setup();
      intune.scriptPosts(throttle(7));

      const issued = await run();

      assert.equal(intune.postCount(), 2);
      assert.equal(intune.recordedResets(issued.deviceId), 1);
      assert.equal(clock.sleeps[0], 7_000);
      assert.ok(progress.some((p) => p.phase === 'retryingAfterThrottle'));
    });

    it('when throttling does not clear, then it stops after three resends with graph.throttled', async () => {
      const { intune, run } = setup();
      intune.scriptPosts(throttle(2), throttle(2), throttle(2), throttle(9));

      const error = await rejection(run());

      assert.equal(error.code, 'graph.throttled');
      assert.equal(error.details.retryAfterSeconds, 9);
      assert.equal(intune.postCount(), 4);
    });

    it('when Retry-After is longer than we wait, then it stops at once and tells when to retry', async () => {
      const { intune, clock, run } = setup();
      intune.scriptPosts(throttle(120));

      const error = await rejection(run());

      assert.equal(error.code, 'graph.throttled');
      assert.equal(error.details.retryAfterSeconds, 120);
      assert.equal(intune.postCount(), 1);
      assert.equal(clock.totalSlept, 0);
    });

    it('when the POST gets a 503 but Intune recorded it, then there is one POST and the passcode', async () => {
      const { intune, run, progress, device } = setup();
      intune.scriptPosts(unavailable(true));

      const issued = await run();

      assert.equal(intune.postCount(), 1);
      assert.equal(intune.recordedResets(device.id), 1);
      assert.equal(issued.passcode, intune.issuedPasscodes[0]);
      assert.ok(progress.some((p) => p.phase === 'checkingAfterError'));
    });

    it('when our action shows up in Intune only a few seconds after a 503, then it is still found', async () => {
      const { intune, run } = setup({ visibleAfterMs: 4_000 });
      intune.scriptPosts(unavailable(true));

      const issued = await run();

      assert.equal(intune.postCount(), 1);
      assert.equal(issued.passcode, intune.issuedPasscodes[0]);
    });

    it('when the POST gets a 503 and nothing shows in Intune, then it stops with outcomeUnknown, no resend', async () => {
      const { intune, run, device } = setup();
      intune.scriptPosts(unavailable(false));

      const error = await rejection(run());

      assert.equal(error.code, 'reset.outcomeUnknown');
      assert.equal(error.details.requestId, 'req-unavailable');
      assert.equal(error.details.deviceId, device.id);
      assert.equal(intune.postCount(), 1);
      assert.equal(intune.readCount(), 3);
    });

    it('when the POST times out, then it is never sent again', async () => {
      const { intune, run } = setup();
      intune.scriptPosts(unavailable(false, timeoutError()));

      const error = await rejection(run());

      assert.equal(error.code, 'reset.outcomeUnknown');
      assert.equal(intune.postCount(), 1);
    });

    it('when the POST times out after reaching Intune, then the result is followed to the passcode', async () => {
      const { intune, run } = setup();
      intune.scriptPosts(unavailable(true, timeoutError()));

      const issued = await run();

      assert.equal(intune.postCount(), 1);
      assert.equal(issued.passcode, intune.issuedPasscodes[0]);
    });

    it('when reading after a 503 fails too, then the outcome stays unknown and nothing is resent', async () => {
      const { intune, run } = setup();
      intune.scriptPosts(unavailable(false)).failReads(unavailableError(), unavailableError(), unavailableError());

      const error = await rejection(run());

      assert.equal(error.code, 'reset.outcomeUnknown');
      assert.equal(intune.postCount(), 1);
    });

    it('when the POST is refused (403), then the error reaches the caller and nothing is read', async () => {
      const { intune, run } = setup();
      intune.scriptPosts(failWith(new AppError('graph.forbidden', 'Forbidden', { status: 403, requestId: 'req-403' })));

      const error = await rejection(run());

      assert.equal(error.code, 'graph.forbidden');
      assert.equal(error.details.requestId, 'req-403');
      assert.equal(intune.postCount(), 1);
      assert.equal(intune.readCount(), 0);
    });
  });

  describe('telling our action from older ones', () => {
    const older = {
      actionState: 'done' as const,
      startDateTime: '2026-11-25T07:00:00Z',
      lastUpdatedDateTime: '2026-11-25T07:00:41Z',
      passcode: '11112222',
      errorCode: 0,
    };

    it('an older reset already done on the device is not taken for ours', async () => {
      const { intune, run, device } = setup({ passcode: '33334444', settlesAfterMs: 9_000 });
      intune.seedResult(device.id, older);

      const issued = await run();

      assert.equal(issued.passcode, '33334444');
    });

    it('after a 503 with nothing new in Intune, an older done reset does not pass for ours', async () => {
      const { intune, run, device } = setup();
      intune.seedResult(device.id, older).scriptPosts(unavailable(false));

      const error = await rejection(run());

      assert.equal(error.code, 'reset.outcomeUnknown');
    });

    it('when Intune\'s clock is a few seconds behind ours, then our action is still recognised', async () => {
      const { run } = setup({ intuneClockOffsetMs: -3_000, passcode: '55556666' });
      assert.equal((await run()).passcode, '55556666');
    });

    it('when our action never appears, then an older result does not end the wait: it times out', async () => {
      const { intune, run, device } = setup();
      intune.scriptResults(device.id, [older]);

      const error = await rejection(run());

      assert.equal(error.code, 'reset.timedOut');
    });
  });

  describe('how Intune\'s answer ends the wait', () => {
    it('when the action failed, then reset.failed carries Intune\'s error code', async () => {
      const { run, device } = setup({ finalState: 'failed', errorCode: -2016345060 });

      const error = await rejection(run());

      assert.equal(error.code, 'reset.failed');
      assert.equal(error.details.errorCode, '-2016345060');
      assert.equal(error.details.deviceId, device.id);
    });

    it('when Intune says notSupported, then reset.notSupported', async () => {
      const { run } = setup({ finalState: 'notSupported' });
      assert.equal((await rejection(run())).code, 'reset.notSupported');
    });

    it('when the action was canceled, then reset.canceled', async () => {
      const { run } = setup({ finalState: 'canceled' });
      assert.equal((await rejection(run())).code, 'reset.canceled');
    });

    it('when the action stays pending, then it gives up after three minutes with reset.timedOut', async () => {
      const { intune, clock, run, postedAt } = setup({ finalState: 'stuck' });

      const error = await rejection(run());

      assert.equal(error.code, 'reset.timedOut');
      assert.equal(clock.now().getTime() - postedAt, 180_000);
      assert.equal(intune.postCount(), 1);
    });

    it('when the wait is configured shorter, then it gives up sooner', async () => {
      const { clock, run, postedAt } = setup({ finalState: 'stuck' });
      await rejection(run({ maxWaitMs: 10_000 }));
      assert.equal(clock.now().getTime() - postedAt, 10_000);
    });

    it('when Intune says done without a passcode, then it is a failure, not an empty passcode', async () => {
      const { intune, run, device, clock } = setup();
      intune.scriptResults(device.id, [
        { actionState: 'done', startDateTime: clock.now().toISOString(), errorCode: 0 },
      ]);

      const error = await rejection(run());

      assert.equal(error.code, 'reset.failed');
      assert.equal(error.details.errorCode, 'noPasscode');
    });

    it('when a read is throttled or unavailable while waiting, then it keeps waiting', async () => {
      const { intune, run } = setup();
      intune.failReads(throttledError(2), unavailableError());

      const issued = await run();

      assert.equal(issued.passcode, intune.issuedPasscodes[0]);
      assert.equal(intune.postCount(), 1);
    });

    it('when a read is forbidden while waiting, then the error reaches the caller', async () => {
      const { intune, run } = setup();
      intune.failReads(new AppError('graph.forbidden', 'Forbidden', { status: 403 }));
      assert.equal((await rejection(run())).code, 'graph.forbidden');
    });
  });

  it('the passcode never reaches the logs, whatever the path', async () => {
    const paths: Array<Partial<ResetBehaviour> | 'ambiguous' | 'throttled'> = [{}, 'ambiguous', 'throttled'];
    for (const path of paths) {
      const { intune, run, logger } = setup(typeof path === 'object' ? path : {});
      if (path === 'ambiguous') intune.scriptPosts(unavailable(true));
      if (path === 'throttled') intune.scriptPosts(throttle(1));
      const issued = await run();
      assert.ok(logger.lines.length > 0);
      assert.equal(logger.contains(issued.passcode), false, `passcode logged on path ${JSON.stringify(path)}`);
    }
  });
});
