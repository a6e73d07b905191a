import type { AndroidPasscodeKind, AndroidPasswordSettings } from './model';

/**
 * Which Android policies require a passcode Intune can reset, and of which kind. Pure functions
 * over what the gateway read. Only settings of the passcode Intune resets count: a work-profile
 * policy's device password (the personal side of a BYOD phone) is not one, because the work
 * profile's owner can only reset the work profile's challenge.
 */

export const ANDROID_DEVICE_OWNER_CONFIGURATION_TYPE = '#microsoft.graph.androidDeviceOwnerGeneralDeviceConfiguration';
export const ANDROID_WORK_PROFILE_CONFIGURATION_TYPE = '#microsoft.graph.androidWorkProfileGeneralDeviceConfiguration';
export const AOSP_DEVICE_OWNER_CONFIGURATION_TYPE = '#microsoft.graph.aospDeviceOwnerDeviceConfiguration';
export const ANDROID_DEVICE_OWNER_COMPLIANCE_TYPE = '#microsoft.graph.androidDeviceOwnerCompliancePolicy';
export const ANDROID_WORK_PROFILE_COMPLIANCE_TYPE = '#microsoft.graph.androidWorkProfileCompliancePolicy';
export const AOSP_DEVICE_OWNER_COMPLIANCE_TYPE = '#microsoft.graph.aospDeviceOwnerCompliancePolicy';

/** A required password type other than "device default" (Graph's enum; `required` means any). */
const requiresType = (value: string | undefined): boolean => value !== undefined && value.trim() !== '' && value.toLowerCase() !== 'devicedefault';
/** Android 12's complexity setting: anything but `none`. */
const requiresComplexity = (value: string | undefined): boolean => value !== undefined && value.trim() !== '' && value.toLowerCase() !== 'none';

type KindRule = (settings: AndroidPasswordSettings) => boolean;

const devicePassword: KindRule = (s) => requiresType(s.passwordRequiredType);
const deviceCompliance: KindRule = (s) => s.passwordRequired === true || requiresType(s.passwordRequiredType);
const workProfilePassword: KindRule = (s) =>
  s.workProfileRequirePassword === true || requiresType(s.workProfilePasswordRequiredType) || requiresComplexity(s.workProfileRequiredPasswordComplexity);

/** Per policy type, the rule of each kind it can require. */
const RULES: Readonly<Record<string, Partial<Record<AndroidPasscodeKind, KindRule>>>> = {
  // Fully managed, dedicated and corporate-owned work profile (COPE: the work-profile settings).
  [ANDROID_DEVICE_OWNER_CONFIGURATION_TYPE.toLowerCase()]: { devicePasscode: devicePassword, workProfilePassword: (s) => requiresType(s.workProfilePasswordRequiredType) },
  [AOSP_DEVICE_OWNER_CONFIGURATION_TYPE.toLowerCase()]: { devicePasscode: devicePassword },
  [ANDROID_WORK_PROFILE_CONFIGURATION_TYPE.toLowerCase()]: { workProfilePassword },
  [ANDROID_DEVICE_OWNER_COMPLIANCE_TYPE.toLowerCase()]: { devicePasscode: deviceCompliance },
  [AOSP_DEVICE_OWNER_COMPLIANCE_TYPE.toLowerCase()]: { devicePasscode: deviceCompliance },
  [ANDROID_WORK_PROFILE_COMPLIANCE_TYPE.toLowerCase()]: { workProfilePassword },
};

/** The kinds of passcode a policy requires; empty for other platforms and for policies that leave it to the device. */
export function androidPasscodeKinds(policy: { odataType: string; androidPassword?: AndroidPasswordSettings }): AndroidPasscodeKind[] {
  const rules = RULES[policy.odataType.toLowerCase()];
  const settings = policy.androidPassword;
  if (!rules || !settings) return [];
  return (Object.entries(rules) as Array<[AndroidPasscodeKind, KindRule]>).filter(([, requires]) => requires(settings)).map(([kind]) => kind);
}
