import type { ManagedDevice } from '../model';

/**
 * What Intune's reset-passcode action does on a platform:
 * - `newPasscode`: a new device passcode, shown to the agent (Android dedicated, AOSP, Windows 10 Mobile);
 * - `newWorkProfilePasscode`: a new passcode for the Android work profile only;
 * - `passcodeRemoved`: the passcode is removed and no new one exists (iOS/iPadOS, visionOS);
 * - `notSupported`: nothing can be done on this device.
 */
export type ResetOutcome = 'newPasscode' | 'newWorkProfilePasscode' | 'passcodeRemoved' | 'notSupported';

/** The outcomes that actually reset something. */
export type PerformedOutcome = Exclude<ResetOutcome, 'notSupported'>;

/**
 * What a reset does given a verdict's outcome. `notSupported` (or none) reads as a plain new
 * passcode: such a device is never reset by us, so only the reading of Intune's result uses it.
 */
export function performedOutcome(outcome: ResetOutcome | undefined): PerformedOutcome {
  return outcome === undefined || outcome === 'notSupported' ? 'newPasscode' : outcome;
}

/** Whether an outcome hands a passcode to the agent (the removal does not). */
export function issuesPasscode(outcome: ResetOutcome | undefined): boolean {
  return outcome === 'newPasscode' || outcome === 'newWorkProfilePasscode';
}

/** Why a device cannot be reset; each is an i18n key `eligibility.reason.<reason>`. */
export type IneligibleReason =
  | 'platformNotSupported'
  | 'osTooOld'
  | 'notAzureAdJoined'
  | 'deviceTypeUnknown'
  | 'unknownPlatform'
  | 'windowsHello'
  | 'androidDeviceAdministrator'
  | 'appleUserEnrollment'
  | 'unknownEnrollmentType'
  | 'removalTurnedOff';

/** The verdict of the eligibility table for one device. */
export interface EligibilityVerdict {
  eligible: boolean;
  /** Id of the table row that decided (e.g. `windows10Mobile`). */
  ruleId: string;
  /** Human platform label from the row, e.g. `Windows 10 Mobile`, `Windows`, `iOS`. */
  platform: string;
  outcome: ResetOutcome;
  /** Set when not eligible. */
  reason?: IneligibleReason;
  /** Values for the reason's message, e.g. { minBuild: '10.0.15063', osVersion: '10.0.14393.0' }. */
  reasonParams?: Record<string, string>;
}

export interface DeviceOption {
  device: ManagedDevice;
  verdict: EligibilityVerdict;
}
