import { randomInt } from 'node:crypto';
import type { SimActionResult, SimDevice } from './types';

/** Intune's error code for a failed PIN reset in the samples we follow. */
export const RESET_FAILED_ERROR_CODE = -2016345060;

export const RESET_PASSCODE_TYPE = '#microsoft.graph.resetPasscodeActionResult';

/** Append a pending resetPasscode result, as Intune does when it accepts the action. */
export function startResetPasscode(device: SimDevice, now: number): SimActionResult {
  const at = new Date(now).toISOString();
  const entry: SimActionResult = {
    '@odata.type': RESET_PASSCODE_TYPE,
    actionName: 'resetPasscode',
    actionState: 'pending',
    startDateTime: at,
    lastUpdatedDateTime: at,
    passcode: null,
    errorCode: 0,
  };
  device.deviceActionResults.push(entry);
  return entry;
}

const newPasscode = (): string => String(randomInt(0, 100_000_000)).padStart(8, '0');

type Finish = Pick<SimActionResult, 'actionState' | 'passcode' | 'errorCode'> | undefined;

/**
 * How a reset ends. A configured behaviour wins; otherwise what Intune does per platform: a new
 * passcode on Windows phones and Android, the passcode removed (none issued) on iOS/iPadOS, and
 * notSupported elsewhere. `undefined` means it stays pending.
 */
function finishFor(device: SimDevice): Finish {
  const behaviour = device.resetBehaviour;
  if (behaviour) {
    if (behaviour.outcome === 'stuck') return undefined;
    if (behaviour.outcome === 'failed') {
      return { actionState: 'failed', passcode: null, errorCode: behaviour.errorCode ?? RESET_FAILED_ERROR_CODE };
    }
    return { actionState: 'done', passcode: newPasscode(), errorCode: 0 };
  }
  const os = device.operatingSystem.toLowerCase();
  if (os === 'ios' || os === 'ipados' || os === 'visionos') return { actionState: 'done', passcode: null, errorCode: 0 };
  if (os.startsWith('android') || (os === 'windows' && device.chassisType === 'phone')) {
    return { actionState: 'done', passcode: newPasscode(), errorCode: 0 };
  }
  return { actionState: 'notSupported', passcode: null, errorCode: 0 };
}

/** Move pending resets whose time has come to their outcome. Idempotent; call before reading. */
export function settleActions(device: SimDevice, now: number, delayMs: number): void {
  for (const entry of device.deviceActionResults) {
    if (entry.actionName !== 'resetPasscode' || entry.actionState !== 'pending') continue;
    const due = Date.parse(entry.startDateTime) + delayMs;
    if (now < due) continue;
    const finish = finishFor(device);
    if (!finish) continue;
    Object.assign(entry, finish, { lastUpdatedDateTime: new Date(due).toISOString() });
  }
}
