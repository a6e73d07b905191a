import type { Clock } from '../../ports/clock';
import type { DelegatedPrincipal } from '../../ports/identity';
import type { IntuneGateway } from '../../ports/intune-gateway';
import type { Logger } from '../../ports/logger';
import { AppError, isAppError } from '../errors';
import type { PerformedOutcome } from '../eligibility/types';
import type { IssuedPasscode, ManagedDevice, PasscodeRemoval, ResetPasscodeActionResult, ResetResult } from '../model';
import type { ResetProgress } from './reset-flow';

/** Intune keeps showing a generated passcode for seven days after the action started. */
export const PASSCODE_VISIBLE_MS = 7 * 24 * 60 * 60 * 1000;

export interface PasscodeResetOptions {
  /** Give up waiting for Intune after this long (whole operation). */
  maxWaitMs: number;
  /** First read of the result, after the POST. */
  firstPollDelayMs: number;
  /** Each further read waits this factor longer... */
  pollBackoffFactor: number;
  /** ...up to this gap, which bounds how late the agent learns that Intune is done. */
  maxPollDelayMs: number;
  /** How many times a throttled (429, not executed) POST is sent again. */
  maxThrottleResends: number;
  /** A Retry-After longer than this is not waited out: the agent is told to try later. */
  maxRetryAfterMs: number;
  /** Wait used when a 429 carries no Retry-After. */
  defaultRetryAfterMs: number;
  /**
   * An Intune result counts as ours when its startDateTime is no earlier than our POST time minus
   * this allowance (our clock may run ahead of Intune's; Intune also reports whole seconds).
   */
  clockSkewAllowanceMs: number;
  /** After an ambiguous POST (5xx, timeout, dropped), the gaps before each look for our action. */
  ambiguityCheckDelaysMs: readonly number[];
}

/**
 * Defaults, and why:
 * - reads every 1 s then 1.5 s (×1.5, capped): the agent learns of "done" within ~1.5 s; over the
 *   3-minute limit that is ~120 light GETs, far from Intune's throttling limits;
 * - 3 minutes: a device that checks in answers within a minute; longer means it is offline;
 * - 3 resends after 429, each after at most 30 s: Intune's write limit (200 per 20 s) clears fast;
 * - 5 s clock allowance: hosts are NTP-synchronised to well under a second and Intune truncates to
 *   seconds; 5 s keeps the window small enough that someone else's reset of the same device is
 *   very unlikely to fall into it — and even then its passcode is the device's current one;
 * - ambiguity checks after 2, 3 and 5 s (10 s in all): Intune lists an accepted action as pending
 *   almost at once, so 10 s without it means the POST most likely never reached Intune.
 */
export const DEFAULT_RESET_OPTIONS: Readonly<PasscodeResetOptions> = Object.freeze({
  maxWaitMs: 180_000,
  firstPollDelayMs: 1_000,
  pollBackoffFactor: 1.5,
  maxPollDelayMs: 1_500,
  maxThrottleResends: 3,
  maxRetryAfterMs: 30_000,
  defaultRetryAfterMs: 5_000,
  clockSkewAllowanceMs: 5_000,
  ambiguityCheckDelaysMs: [2_000, 3_000, 5_000],
});

export interface PasscodeResetDeps {
  intune: IntuneGateway;
  clock: Clock;
  logger: Logger;
}

export interface PasscodeResetRequest {
  device: Pick<ManagedDevice, 'id' | 'deviceName'>;
  /** The agent; the reset runs with the agent's delegated permissions and Intune role. */
  as: DelegatedPrincipal;
  onProgress?: (progress: ResetProgress) => void;
  /**
   * What the eligibility table said Intune will do (default `newPasscode`). A `done` without a
   * passcode is a success only for `passcodeRemoved`; for the others it is a failure.
   */
  outcome?: PerformedOutcome;
}

/** A request whose outcome issues a passcode. */
export type PasscodeIssuingRequest = PasscodeResetRequest & { outcome?: 'newPasscode' | 'newWorkProfilePasscode' };

const FINAL_STATES = new Set(['done', 'failed', 'canceled', 'notSupported']);

/**
 * Reset a device's passcode once and wait for Intune's answer.
 *
 * The POST is sent once. A 429 was not executed, so it is sent again after Retry-After (bounded).
 * A 5xx, timeout or dropped connection is ambiguous — a resend could be a second reset — so we
 * look for our action in the device's results first, and if it never shows, stop with
 * reset.outcomeUnknown. Then we read the results until our action ends or time runs out.
 *
 * Errors (AppError): graph.throttled (throttling did not clear), reset.outcomeUnknown,
 * reset.failed (details.errorCode), reset.notSupported, reset.canceled, reset.timedOut; any other
 * gateway error passes through. The passcode is returned, never logged.
 */
export async function resetPasscodeAndWait(
  deps: PasscodeResetDeps,
  request: PasscodeIssuingRequest,
  options?: Partial<PasscodeResetOptions>,
): Promise<IssuedPasscode>;
export async function resetPasscodeAndWait(
  deps: PasscodeResetDeps,
  request: PasscodeResetRequest,
  options?: Partial<PasscodeResetOptions>,
): Promise<ResetResult>;
export async function resetPasscodeAndWait(
  deps: PasscodeResetDeps,
  request: PasscodeResetRequest,
  options: Partial<PasscodeResetOptions> = {},
): Promise<ResetResult> {
  const run = new ResetRun(deps, request, { ...DEFAULT_RESET_OPTIONS, ...options });
  return run.execute();
}

/** One reset attempt; holds the timing state so each step reads plainly. */
class ResetRun {
  private readonly started: number;
  private readonly deadline: number;
  private readonly log: Logger;
  private lastState: string | undefined;

  constructor(
    private readonly deps: PasscodeResetDeps,
    private readonly request: PasscodeResetRequest,
    private readonly options: PasscodeResetOptions,
  ) {
    this.started = deps.clock.now().getTime();
    this.deadline = this.started + options.maxWaitMs;
    this.log = deps.logger.child({ deviceId: request.device.id });
  }

  async execute(): Promise<ResetResult> {
    const { postedAt, seen } = await this.send();
    const notBefore = postedAt - this.options.clockSkewAllowanceMs;
    if (seen && FINAL_STATES.has(seen.actionState)) return this.settle(seen);
    return this.settle(await this.waitForFinalState(notBefore));
  }

  /** POST, resending only what was surely not executed. `seen` is set when we had to look. */
  private async send(): Promise<{ postedAt: number; seen?: ResetPasscodeActionResult }> {
    let resends = 0;
    this.progress('sending');
    for (;;) {
      const postedAt = this.now();
      try {
        await this.deps.intune.resetPasscode(this.request.device.id, this.request.as);
        this.log.info('reset.accepted', { attempt: resends + 1 });
        return { postedAt };
      } catch (error) {
        if (isAppError(error) && error.code === 'graph.throttled') {
          const waitMs = this.throttleWait(error, resends);
          resends += 1;
          this.log.warn('reset.throttled', { attempt: resends, waitMs, requestId: error.details.requestId });
          this.progress('retryingAfterThrottle');
          await this.deps.clock.sleep(waitMs);
          continue;
        }
        if (isAppError(error) && error.code === 'graph.unavailable') {
          this.log.warn('reset.ambiguous', { requestId: error.details.requestId, status: error.details.status });
          const seen = await this.lookForOurAction(postedAt - this.options.clockSkewAllowanceMs);
          if (!seen) {
            this.log.warn('reset.outcomeUnknown', { requestId: error.details.requestId });
            throw new AppError(
              'reset.outcomeUnknown',
              'Intune did not confirm the reset; check the device in Intune before trying again.',
              withoutUndefined({ deviceId: this.request.device.id, requestId: error.details.requestId, status: error.details.status }),
              { cause: error },
            );
          }
          this.log.info('reset.foundAfterAmbiguity', { actionState: seen.actionState });
          return { postedAt, seen };
        }
        throw error;
      }
    }
  }

  /** How long to wait before resending a throttled POST; rethrows when we should not. */
  private throttleWait(error: AppError, resendsSoFar: number): number {
    const seconds = error.details.retryAfterSeconds;
    const waitMs = seconds !== undefined && seconds >= 0 ? seconds * 1000 : this.options.defaultRetryAfterMs;
    const tooMany = resendsSoFar >= this.options.maxThrottleResends;
    const tooLong = waitMs > this.options.maxRetryAfterMs || this.now() + waitMs > this.deadline;
    if (tooMany || tooLong) {
      this.log.warn('reset.throttleGaveUp', { resends: resendsSoFar, waitMs });
      throw error;
    }
    return waitMs;
  }

  /** A few spaced reads after an ambiguous POST; our action, or undefined when it never shows. */
  private async lookForOurAction(notBefore: number): Promise<ResetPasscodeActionResult | undefined> {
    this.progress('checkingAfterError');
    for (const delay of this.options.ambiguityCheckDelaysMs) {
      const remaining = this.deadline - this.now();
      if (remaining <= 0) break;
      await this.deps.clock.sleep(Math.min(delay, remaining));
      try {
        const ours = pickOurs(await this.read(), notBefore);
        if (ours) return ours;
      } catch (error) {
        // Any failure to read leaves the outcome unknown; keep looking, never resend.
        if (!isAppError(error)) throw error;
        this.log.warn('reset.checkFailed', { code: error.code, requestId: error.details.requestId });
      }
    }
    return undefined;
  }

  /** Read results, backing off, until our action reaches a final state or time runs out. */
  private async waitForFinalState(notBefore: number): Promise<ResetPasscodeActionResult> {
    let delay = this.options.firstPollDelayMs;
    for (;;) {
      const remaining = this.deadline - this.now();
      if (remaining <= 0) {
        this.log.warn('reset.timedOut', { lastState: this.lastState ?? 'notSeen' });
        throw new AppError('reset.timedOut', 'Intune did not report the result in time.', {
          deviceId: this.request.device.id,
        });
      }
      await this.deps.clock.sleep(Math.min(delay, remaining));
      delay = Math.min(delay * this.options.pollBackoffFactor, this.options.maxPollDelayMs);
      let results: ResetPasscodeActionResult[];
      try {
        results = await this.read();
      } catch (error) {
        // Reads are safe to repeat: a throttled or unavailable read just waits for the next one.
        if (!isAppError(error) || (error.code !== 'graph.throttled' && error.code !== 'graph.unavailable')) throw error;
        this.log.warn('reset.readFailed', { code: error.code, requestId: error.details.requestId });
        const retryAfter = error.details.retryAfterSeconds;
        if (retryAfter !== undefined) delay = Math.max(delay, retryAfter * 1000);
        continue;
      }
      const ours = pickOurs(results, notBefore);
      this.progress('waitingForIntune', ours?.actionState);
      if (ours && ours.actionState !== this.lastState) {
        this.lastState = ours.actionState;
        this.log.info('reset.state', { actionState: ours.actionState });
      }
      if (ours && FINAL_STATES.has(ours.actionState)) return ours;
    }
  }

  private settle(result: ResetPasscodeActionResult): ResetResult {
    const deviceId = this.request.device.id;
    const errorCode = result.errorCode !== undefined && result.errorCode !== 0 ? String(result.errorCode) : undefined;
    const outcome = this.request.outcome ?? 'newPasscode';
    switch (result.actionState) {
      case 'done': {
        const startedAt = new Date(Date.parse(result.startDateTime));
        const noPasscode = typeof result.passcode !== 'string' || result.passcode === '';
        if (noPasscode && outcome === 'passcodeRemoved') {
          this.log.info('reset.removed', { startedAt: startedAt.toISOString() });
          const removal: PasscodeRemoval = { removed: true, deviceId, deviceName: this.request.device.deviceName, startedAt: startedAt.toISOString() };
          return removal;
        }
        if (typeof result.passcode !== 'string' || result.passcode === '') {
          this.log.error('reset.doneWithoutPasscode', {});
          throw new AppError('reset.failed', 'Intune reported the reset done but returned no passcode.', {
            deviceId,
            errorCode: 'noPasscode',
          });
        }
        this.log.info('reset.done', { startedAt: startedAt.toISOString() });
        const issued: IssuedPasscode = {
          deviceId,
          deviceName: this.request.device.deviceName,
          passcode: result.passcode,
          startedAt: startedAt.toISOString(),
          visibleUntil: new Date(startedAt.getTime() + PASSCODE_VISIBLE_MS).toISOString(),
        };
        if (outcome === 'newWorkProfilePasscode') issued.workProfile = true;
        return issued;
      }
      case 'failed':
        this.log.warn('reset.failed', { errorCode });
        throw new AppError('reset.failed', 'Intune could not reset the passcode.', withoutUndefined({ deviceId, errorCode }));
      case 'notSupported':
        this.log.warn('reset.notSupported', {});
        throw new AppError('reset.notSupported', 'Intune does not support a passcode reset on this device.', { deviceId });
      case 'canceled':
        this.log.warn('reset.canceled', {});
        throw new AppError('reset.canceled', 'The reset was canceled in Intune.', { deviceId });
      default:
        throw new AppError('reset.timedOut', 'Intune did not report the result in time.', { deviceId });
    }
  }

  private read(): Promise<ResetPasscodeActionResult[]> {
    return this.deps.intune.getResetPasscodeResults(this.request.device.id, this.request.as);
  }

  private progress(phase: ResetProgress['phase'], actionState?: string): void {
    const progress: ResetProgress = { phase, elapsedSeconds: Math.round((this.now() - this.started) / 1000) };
    if (actionState !== undefined) progress.actionState = actionState;
    const onProgress = this.request.onProgress;
    if (!onProgress) return;
    // Showing progress is best effort: a failed card update must never abort a running reset.
    try {
      const returned: unknown = onProgress(progress);
      if (returned instanceof Promise) returned.catch(() => this.log.warn('reset.progressFailed', { phase }));
    } catch {
      this.log.warn('reset.progressFailed', { phase });
    }
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }
}

/**
 * Our action: the newest resetPasscode result that started at or after `notBefore`. Older ones
 * belong to earlier resets (possibly by someone else) and must never be taken for ours.
 */
export function pickOurs(
  results: readonly ResetPasscodeActionResult[],
  notBefore: number,
): ResetPasscodeActionResult | undefined {
  let best: { result: ResetPasscodeActionResult; start: number } | undefined;
  for (const result of results) {
    const start = Date.parse(result.startDateTime);
    if (Number.isNaN(start) || start < notBefore) continue;
    if (!best || start > best.start) best = { result, start };
  }
  return best?.result;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
