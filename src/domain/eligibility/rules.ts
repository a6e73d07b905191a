import type { ManagedDevice } from '../model';
import type { IneligibleReason, ResetOutcome } from './types';

/**
 * The eligibility table: which devices the reset-passcode action may run on, and what it does
 * there. A deployment reads and adapts THIS file (or passes its own table to the flow service);
 * the flow itself never looks at platforms.
 *
 * Rows are tried in order; the first whose `match` holds decides. Its `conditions` are then
 * checked in order, and the first that fails names the reason the device is not eligible.
 * A device no row matches is ineligible with reason `unknownPlatform`.
 */

/** Device properties a row may look at (all strings in the domain model). */
export type DeviceProperty =
  | 'operatingSystem'
  | 'deviceType'
  | 'chassisType'
  | 'joinType'
  | 'deviceEnrollmentType'
  | 'model'
  | 'manufacturer';

/** Holds when the property equals one of `oneOf` (case-insensitive). */
export interface PropertyTest {
  property: DeviceProperty;
  oneOf: readonly string[];
  /** Also holds when the property is missing or empty (v1.0 data lacks the beta-only ones). */
  orMissing?: boolean;
}

/** How a row recognises a device: every `allOf` test and, when given, at least one `anyOf` test. */
export interface DeviceMatch {
  allOf?: readonly PropertyTest[];
  anyOf?: readonly PropertyTest[];
}

/** Something a matched device must also satisfy to be eligible. */
export type RuleCondition =
  | {
      /** `osVersion` compared part by part (numbers) with `version`, e.g. 10.0.15063. */
      require: 'osVersionAtLeast';
      version: string;
      reason: IneligibleReason;
    }
  | {
      /** At least one of the tests holds. */
      require: 'anyOf';
      tests: readonly PropertyTest[];
      reason: IneligibleReason;
    };

export interface EligibilityRule {
  /** Stable id, shown in logs and verdicts (e.g. `windows10Mobile`). */
  id: string;
  /** Platform label shown to agents (e.g. `Windows 10 Mobile`). */
  platform: string;
  match: DeviceMatch;
  conditions: readonly RuleCondition[];
  /** What Intune's reset-passcode action does on this platform; `notSupported` rows never reset. */
  outcome: ResetOutcome;
  /** Reason given by a `notSupported` row; default `platformNotSupported`. */
  unsupportedReason?: IneligibleReason;
}

/** Beta `deviceType` values of Windows phones. */
export const WINDOWS_PHONE_DEVICE_TYPES: readonly string[] = ['windowsPhone', 'winMO6', 'nokia'];

/** Enrollment types that mean the device is Azure AD (Entra) joined, readable in v1.0. */
export const AZURE_AD_JOIN_ENROLLMENT_TYPES: readonly string[] = [
  'windowsAzureADJoin',
  'windowsBulkAzureDomainJoin',
  'windowsAzureADJoinUsingDeviceAuth',
  'azureAdJoinUsingAzureVmExtension',
];

/** Creators Update: the first Windows 10 Mobile build the PIN reset service supports. */
export const CREATORS_UPDATE_VERSION = '10.0.15063';

const isWindows: PropertyTest = { property: 'operatingSystem', oneOf: ['Windows'] };

/**
 * The seed's rules: Windows 10 Mobile, Creators Update or later, Azure AD joined, gets a new
 * passcode; Windows PCs, iOS/iPadOS, macOS and Android are not supported.
 *
 * Telling a Windows phone from a Windows PC needs Graph beta (`deviceType`, `chassisType`); with
 * v1.0 data both are just "Windows" and their build numbers overlap, so such a device is
 * `deviceTypeUnknown` — the build alone never makes a PC eligible.
 */
export const DEFAULT_RULES: readonly EligibilityRule[] = [
  {
    id: 'windows10Mobile',
    platform: 'Windows 10 Mobile',
    match: {
      allOf: [isWindows],
      anyOf: [
        { property: 'deviceType', oneOf: WINDOWS_PHONE_DEVICE_TYPES },
        { property: 'chassisType', oneOf: ['phone'] },
      ],
    },
    conditions: [
      { require: 'osVersionAtLeast', version: CREATORS_UPDATE_VERSION, reason: 'osTooOld' },
      {
        require: 'anyOf',
        tests: [
          { property: 'joinType', oneOf: ['azureADJoined'] },
          { property: 'deviceEnrollmentType', oneOf: AZURE_AD_JOIN_ENROLLMENT_TYPES },
        ],
        reason: 'notAzureAdJoined',
      },
    ],
    outcome: 'newPasscode',
  },
  {
    id: 'windowsKindUnknown',
    platform: 'Windows',
    match: {
      allOf: [
        isWindows,
        { property: 'deviceType', oneOf: ['unknown'], orMissing: true },
        { property: 'chassisType', oneOf: ['unknown', 'mobileUnknown'], orMissing: true },
      ],
    },
    conditions: [],
    outcome: 'notSupported',
    unsupportedReason: 'deviceTypeUnknown',
  },
  {
    id: 'windows',
    platform: 'Windows',
    match: { allOf: [isWindows] },
    conditions: [],
    outcome: 'notSupported',
  },
  {
    id: 'ios',
    platform: 'iOS/iPadOS',
    match: { allOf: [{ property: 'operatingSystem', oneOf: ['iOS', 'iPadOS'] }] },
    conditions: [],
    outcome: 'notSupported',
  },
  {
    id: 'macos',
    platform: 'macOS',
    match: { allOf: [{ property: 'operatingSystem', oneOf: ['macOS', 'Mac OS X', 'OS X'] }] },
    conditions: [],
    outcome: 'notSupported',
  },
  {
    id: 'android',
    platform: 'Android',
    match: {
      allOf: [{ property: 'operatingSystem', oneOf: ['Android', 'AndroidEnterprise', 'AndroidForWork'] }],
    },
    conditions: [],
    outcome: 'notSupported',
  },
];

/** The value of a matchable property, trimmed; undefined when missing or empty. */
export function readProperty(device: ManagedDevice, property: DeviceProperty): string | undefined {
  const value = device[property];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
