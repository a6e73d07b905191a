import type { PerformedOutcome } from '../eligibility/types';
import type { IssuedPasscode, ManagedDevice, ResetPasscodeActionResult } from '../model';
import { PASSCODE_VISIBLE_MS } from '../reset/passcode-reset';
import type { FlowFailure } from '../reset/reset-flow';

/** What one resetPasscode entry of deviceActionResults means for the agent. */
export type ActionReading =
  /** Done with a passcode: what to hand privately to the agent (never stored). */
  | { kind: 'done'; issued: IssuedPasscode }
  /** Done on a removal: no passcode exists (iOS/iPadOS, visionOS). */
  | { kind: 'removed'; startedAt: string }
  | { kind: 'failed'; failure: FlowFailure }
  /** Still pending or active. */
  | { kind: 'pending' };

/**
 * Read one entry. A `done` entry without a passcode is the expected end of a removal; for any
 * other outcome it counts as failed (nothing to hand over).
 */
export function readAction(
  result: ResetPasscodeActionResult,
  device: Pick<ManagedDevice, 'id' | 'deviceName'>,
  outcome: PerformedOutcome = 'newPasscode',
): ActionReading {
  const errorCode = result.errorCode !== undefined && result.errorCode !== 0 ? String(result.errorCode) : undefined;
  switch (result.actionState) {
    case 'done': {
      const start = Date.parse(result.startDateTime);
      const noPasscode = typeof result.passcode !== 'string' || result.passcode === '';
      if (noPasscode && outcome === 'passcodeRemoved' && !Number.isNaN(start)) {
        return { kind: 'removed', startedAt: new Date(start).toISOString() };
      }
      if (typeof result.passcode !== 'string' || result.passcode === '' || Number.isNaN(start)) {
        return { kind: 'failed', failure: { code: 'reset.failed', errorCode: 'noPasscode' } };
      }
      return {
        kind: 'done',
        issued: {
          deviceId: device.id,
          deviceName: device.deviceName,
          passcode: result.passcode,
          startedAt: new Date(start).toISOString(),
          visibleUntil: new Date(start + PASSCODE_VISIBLE_MS).toISOString(),
          ...(outcome === 'newWorkProfilePasscode' ? { workProfile: true } : {}),
        },
      };
    }
    case 'failed':
      return { kind: 'failed', failure: errorCode !== undefined ? { code: 'reset.failed', errorCode } : { code: 'reset.failed' } };
    case 'notSupported':
      return { kind: 'failed', failure: { code: 'reset.notSupported' } };
    case 'canceled':
      return { kind: 'failed', failure: { code: 'reset.canceled' } };
    default:
      return { kind: 'pending' };
  }
}

/**
 * The entry whose startDateTime is `startedAt` (as a time: Intune's format may differ from our
 * ISO string). Used to read again the very reset we recorded, not a newer or older one.
 */
export function findByStart(results: readonly ResetPasscodeActionResult[], startedAt: string): ResetPasscodeActionResult | undefined {
  const wanted = Date.parse(startedAt);
  if (Number.isNaN(wanted)) return undefined;
  return results.find((result) => Date.parse(result.startDateTime) === wanted);
}

/** The newest entry, whatever its state (Intune's current action on the device). */
export function newestResult(results: readonly ResetPasscodeActionResult[]): ResetPasscodeActionResult | undefined {
  let best: { result: ResetPasscodeActionResult; start: number } | undefined;
  for (const result of results) {
    const start = Date.parse(result.startDateTime);
    if (Number.isNaN(start)) continue;
    if (!best || start > best.start) best = { result, start };
  }
  return best?.result;
}
