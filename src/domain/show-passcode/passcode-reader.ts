import type { PerformedOutcome } from '../eligibility/types';
import type { DelegatedPrincipal } from '../../ports/identity';
import type { IntuneGateway } from '../../ports/intune-gateway';
import { AppError } from '../errors';
import type { IssuedPasscode, ManagedDevice, ResetPasscodeActionResult } from '../model';
import { pickOurs } from '../reset/passcode-reset';
import { findByStart, newestResult, readAction } from '../recovery/action-reading';

/** Which reset of the device to read again. */
export interface ResetMatch {
  /** Intune's startDateTime of the reset, as recorded when it ended. */
  startedAt?: string;
  /** Otherwise: the newest entry that started no earlier than this time (ms). */
  notBefore?: number;
}

/**
 * Read a passcode again from Intune (it is never stored), as the agent. The reset must still be
 * the device's newest action — a newer one replaced its passcode — be done, and be within the
 * seven days Intune shows it. Otherwise passcodeView.notAvailable; gateway errors pass through.
 */
export async function readPasscodeAgain(
  intune: IntuneGateway,
  device: Pick<ManagedDevice, 'id' | 'deviceName'>,
  as: DelegatedPrincipal,
  match: ResetMatch,
  nowMs: number,
  outcome: PerformedOutcome = 'newPasscode',
): Promise<IssuedPasscode> {
  const results = await intune.getResetPasscodeResults(device.id, as);
  const ours = pick(results, match);
  if (!ours) throw notAvailable(device.id, 'notFound');
  const newest = newestResult(results);
  if (newest && Date.parse(newest.startDateTime) > Date.parse(ours.startDateTime)) throw notAvailable(device.id, 'replaced');
  const reading = readAction(ours, device, outcome);
  if (reading.kind !== 'done') throw notAvailable(device.id, reading.kind === 'removed' ? 'removed' : ours.actionState);
  if (Date.parse(reading.issued.visibleUntil) <= nowMs) throw notAvailable(device.id, 'expired');
  return reading.issued;
}

function pick(results: readonly ResetPasscodeActionResult[], match: ResetMatch): ResetPasscodeActionResult | undefined {
  if (match.startedAt !== undefined) {
    const exact = findByStart(results, match.startedAt);
    if (exact) return exact;
  }
  if (match.notBefore !== undefined) return pickOurs(results, match.notBefore);
  return match.startedAt === undefined ? newestResult(results) : undefined;
}

function notAvailable(deviceId: string, why: string): AppError {
  return new AppError('passcodeView.notAvailable', 'Intune no longer shows the passcode of this reset.', { deviceId, errorCode: why });
}
