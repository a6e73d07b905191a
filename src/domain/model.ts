/**
 * The domain's own vocabulary. Adapters translate Graph / Teams shapes into these types,
 * so nothing here depends on botbuilder, msal or HTTP.
 */

/** A person in the directory, as far as the helpdesk needs to know them. */
export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string;
  department?: string;
  givenName?: string;
  surname?: string;
}

/**
 * An Intune-managed device. `deviceType` and `chassisType` only exist in Graph beta; they are
 * optional so that a v1.0-only gateway still produces a valid (if less eligible) device.
 */
export interface ManagedDevice {
  id: string;
  deviceName: string;
  userId?: string;
  userPrincipalName?: string;
  operatingSystem: string;
  osVersion: string;
  model?: string;
  manufacturer?: string;
  lastSyncDateTime?: string;
  deviceEnrollmentType?: string;
  azureADRegistered?: boolean;
  /** company, personal, unknown. */
  managedDeviceOwnerType?: string;
  /** mdm, intuneAosp (AOSP devices), googleCloudDevicePolicyController, ... */
  managementAgent?: string;
  /** beta only: windowsPhone, winMO6, nokia, windowsRT, iPhone, androidEnterprise, macMDM, ... */
  deviceType?: string;
  /** beta only: phone, desktop, laptop, tablet, ... */
  chassisType?: string;
  /** beta only: azureADJoined, hybridAzureADJoined, azureADRegistered, ... */
  joinType?: string;
}

/** Intune's actionState values for a device action. */
export type ActionState =
  | 'none'
  | 'pending'
  | 'canceled'
  | 'active'
  | 'done'
  | 'failed'
  | 'notSupported';

/** One resetPasscode entry of a device's deviceActionResults. */
export interface ResetPasscodeActionResult {
  actionState: ActionState;
  startDateTime: string;
  lastUpdatedDateTime?: string;
  /** Present only when actionState is done. A secret: never log, store or echo it. */
  passcode?: string;
  errorCode?: number;
}

/** What a successful reset hands to the agent, privately. */
export interface IssuedPasscode {
  deviceId: string;
  deviceName: string;
  /** A secret: goes into the agent's private card body and nowhere else. */
  passcode: string;
  startedAt: string;
  /** Intune shows the passcode for seven days after the action started. */
  visibleUntil: string;
  /** The passcode unlocks the Android work profile only, not the device's own screen lock. */
  workProfile?: boolean;
}

/** What a successful removal (iOS/iPadOS, visionOS) leaves: no passcode at all on the device. */
export interface PasscodeRemoval {
  removed: true;
  deviceId: string;
  deviceName: string;
  startedAt: string;
}

/** How a reset that Intune marked done ended: a passcode to hand over, or the passcode removed. */
export type ResetResult = IssuedPasscode | PasscodeRemoval;

/** Whether a reset removed the passcode (nothing to hand over). */
export function isRemoval(result: ResetResult): result is PasscodeRemoval {
  return 'removed' in result && result.removed === true;
}

/** Who is asking: the Teams user behind an activity. */
export interface Actor {
  /** Entra object id (`from.aadObjectId`). */
  oid: string;
  name: string;
  tenantId: string;
}
