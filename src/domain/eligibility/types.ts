import type { ManagedDevice } from '../model';

/** What Intune's reset-passcode action does on a platform. */
export type ResetOutcome = 'newPasscode' | 'passcodeRemoved' | 'notSupported';

/** Why a device cannot be reset; each is an i18n key `eligibility.reason.<reason>`. */
export type IneligibleReason =
  | 'platformNotSupported'
  | 'osTooOld'
  | 'notAzureAdJoined'
  | 'deviceTypeUnknown'
  | 'unknownPlatform';

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
