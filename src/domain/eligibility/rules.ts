import type { ManagedDevice } from '../model';
import type { IneligibleReason, ResetOutcome } from './types';

/**
 * The eligibility table: which devices the reset-passcode action may run on, and what it does
 * there. Sources: Microsoft's Intune pages "Reset passcode" and "Remove passcode" (device
 * actions), and the seed article on Windows 10 Mobile PIN reset; see the README's "Which devices
 * can be reset". A deployment reads and adapts THIS file (or passes its own table to the flow service);
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
  | 'managedDeviceOwnerType'
  | 'managementAgent'
  | 'model'
  | 'manufacturer';

/**
 * Holds when the property equals one of `oneOf`, or starts with one of `startsWith` (both
 * case-insensitive).
 */
export interface PropertyTest {
  property: DeviceProperty;
  oneOf?: readonly string[];
  startsWith?: readonly string[];
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

/** Android 8.0: work-profile reset tokens need API 26. */
export const ANDROID_WORK_PROFILE_MIN_VERSION = '8.0';

/** Apple enrollments whose passcode Intune can remove: device enrollment, ADE, Apple Configurator. */
export const APPLE_DEVICE_ENROLLMENT_TYPES: readonly string[] = [
  'userEnrollment',
  'deviceEnrollmentManager',
  'appleBulkWithUser',
  'appleBulkWithoutUser',
];

/** Apple User Enrollment (BYOD, managed Apple ID or account-driven): no passcode action at all. */
export const APPLE_USER_ENROLLMENT_TYPES: readonly string[] = [
  'appleUserEnrollment',
  'appleUserEnrollmentWithServiceAccount',
  'appleAccountDrivenUserEnrollment',
];

/** AOSP enrollments (beta only; v1.0 answers `unknownFutureValue`). */
export const AOSP_ENROLLMENT_TYPES: readonly string[] = [
  'androidAOSPUserOwnedDeviceEnrollment',
  'androidAOSPUserlessDeviceEnrollment',
];

const isWindows: PropertyTest = { property: 'operatingSystem', oneOf: ['Windows'] };
const isAndroid: PropertyTest = { property: 'operatingSystem', startsWith: ['Android'] };
const enrolledAs = (...types: string[]): PropertyTest => ({ property: 'deviceEnrollmentType', oneOf: types });
const workProfileVersion: RuleCondition = {
  require: 'osVersionAtLeast',
  version: ANDROID_WORK_PROFILE_MIN_VERSION,
  reason: 'osTooOld',
};

/** The rows of one Apple platform: User Enrollment refused, device enrollments removed, the rest unknown. */
function appleRows(id: string, platform: string, operatingSystems: readonly string[]): EligibilityRule[] {
  const isPlatform: PropertyTest = { property: 'operatingSystem', oneOf: operatingSystems };
  return [
    {
      id: `${id}UserEnrollment`,
      platform,
      match: { allOf: [isPlatform, enrolledAs(...APPLE_USER_ENROLLMENT_TYPES)] },
      conditions: [],
      outcome: 'notSupported',
      unsupportedReason: 'appleUserEnrollment',
    },
    {
      id,
      platform,
      match: { allOf: [isPlatform, enrolledAs(...APPLE_DEVICE_ENROLLMENT_TYPES)] },
      conditions: [],
      outcome: 'passcodeRemoved',
    },
    {
      id: `${id}UnknownEnrollment`,
      platform,
      match: { allOf: [isPlatform] },
      conditions: [],
      outcome: 'notSupported',
      unsupportedReason: 'unknownEnrollmentType',
    },
  ];
}

/**
 * Today's platforms and the seed's:
 * - Windows 10 Mobile, Creators Update or later, Azure AD joined: a new passcode (the seed).
 *   Telling a Windows phone from a PC needs Graph beta (`deviceType`, `chassisType`); with v1.0
 *   data both are just "Windows" and their build numbers overlap, so such a device is
 *   `deviceTypeUnknown` — the build alone never makes a PC eligible.
 * - Windows 10/11 PCs: not supported; a Windows Hello PIN is reset by its user.
 * - Android Enterprise dedicated and AOSP (user-owned, userless): a new device passcode. Fully
 *   managed, corporate-owned work profile and personally-owned work profile (Android 8.0+): a new
 *   work-profile passcode. Device administrator: not supported (Android 7+ forbids it).
 * - iOS/iPadOS and visionOS, device enrollment / ADE / Apple Configurator: the passcode is removed.
 *   User Enrollment: not supported.
 * - macOS: not supported.
 * An enrollment type a row does not name is "unknown enrollment type X", never a guess.
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
    platform: 'Windows 10/11',
    match: { allOf: [isWindows] },
    conditions: [],
    outcome: 'notSupported',
    unsupportedReason: 'windowsHello',
  },
  {
    id: 'androidAosp',
    platform: 'Android (AOSP)',
    match: {
      allOf: [isAndroid],
      anyOf: [{ property: 'managementAgent', oneOf: ['intuneAosp'] }, enrolledAs(...AOSP_ENROLLMENT_TYPES)],
    },
    conditions: [],
    outcome: 'newPasscode',
  },
  {
    id: 'androidDedicated',
    platform: 'Android Enterprise dedicated',
    match: { allOf: [isAndroid, enrolledAs('androidEnterpriseDedicatedDevice')] },
    conditions: [],
    outcome: 'newPasscode',
  },
  {
    id: 'androidFullyManaged',
    platform: 'Android Enterprise fully managed',
    match: { allOf: [isAndroid, enrolledAs('androidEnterpriseFullyManaged')] },
    conditions: [workProfileVersion],
    outcome: 'newWorkProfilePasscode',
  },
  {
    id: 'androidCorporateWorkProfile',
    platform: 'Android Enterprise corporate-owned work profile',
    match: { allOf: [isAndroid, enrolledAs('androidEnterpriseCorporateWorkProfile')] },
    conditions: [workProfileVersion],
    outcome: 'newWorkProfilePasscode',
  },
  {
    // A personally-owned work profile reports deviceType androidForWork, with the generic
    // `userEnrollment` (or no) enrollment type.
    id: 'androidPersonalWorkProfile',
    platform: 'Android Enterprise personally-owned work profile',
    match: {
      allOf: [
        isAndroid,
        { property: 'deviceType', oneOf: ['androidForWork'] },
        { property: 'deviceEnrollmentType', oneOf: ['userEnrollment'], orMissing: true },
      ],
    },
    conditions: [workProfileVersion],
    outcome: 'newWorkProfilePasscode',
  },
  {
    id: 'androidDeviceAdministrator',
    platform: 'Android device administrator',
    match: { allOf: [isAndroid, { property: 'deviceType', oneOf: ['android'] }] },
    conditions: [],
    outcome: 'notSupported',
    unsupportedReason: 'androidDeviceAdministrator',
  },
  {
    id: 'androidUnknownEnrollment',
    platform: 'Android',
    match: { allOf: [isAndroid] },
    conditions: [],
    outcome: 'notSupported',
    unsupportedReason: 'unknownEnrollmentType',
  },
  ...appleRows('ios', 'iOS/iPadOS', ['iOS', 'iPadOS']),
  ...appleRows('visionOS', 'visionOS', ['visionOS']),
  {
    id: 'macos',
    platform: 'macOS',
    match: { allOf: [{ property: 'operatingSystem', oneOf: ['macOS', 'Mac OS X', 'OS X'] }] },
    conditions: [],
    outcome: 'notSupported',
  },
];

/**
 * The table with passcode removal turned off (PASSCODE_REMOVAL=deny): for tenants that forbid
 * leaving a device without a passcode, every removal row lists its devices as turned off.
 */
export function withRemovalTurnedOff(table: readonly EligibilityRule[]): EligibilityRule[] {
  return table.map((row) =>
    row.outcome === 'passcodeRemoved' ? { ...row, outcome: 'notSupported', unsupportedReason: 'removalTurnedOff' } : row,
  );
}

/** The value of a matchable property, trimmed; undefined when missing or empty. */
export function readProperty(device: ManagedDevice, property: DeviceProperty): string | undefined {
  const value = device[property];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
