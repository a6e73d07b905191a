/**
 * Tenant readiness for PIN reset: what the checks find and report. Plain data, no Graph shapes:
 * the gateway (src/ports/readiness-gateway.ts) reads the tenant, the checks here judge it.
 */

/** The two Microsoft apps a tenant consents to before Intune can reset passcodes (the seed), in consent order. */
export const PIN_RESET_APPS = [
  { appId: 'b8456c59-1230-44c7-a4a2-99b085333e84', name: 'Microsoft Pin Reset Service Production' },
  { appId: '9115dd05-fad5-4f9c-acc7-305d08b1b04e', name: 'Microsoft Pin Reset Client Production' },
] as const;

/** Whose authority the checks ran under: a signed-in admin (chat) or the app itself (terminal). */
export type ReadinessMode = 'delegated' | 'appOnly';

/** `unknown`: the check could not read what it needs (see its failure). */
export type CheckStatus = 'pass' | 'fail' | 'unknown';

/**
 * One finding inside a check. `notChecked`: needs a signed-in admin and the run was app-only;
 * `failed`: reading it failed (see the failure).
 */
export type ItemState = 'ok' | 'missing' | 'notChecked' | 'failed';

/** Why something could not be read, in terms the fix texts can use. Never a token or a message from Graph. */
export interface CheckFailure {
  reason: 'forbidden' | 'consentRequired' | 'signInRequired' | 'notFound' | 'unavailable' | 'unexpected';
  /** The AppError code behind it (e.g. `graph.forbidden`). */
  code?: string;
  /** Graph's request id, for support. */
  requestId?: string;
}

// ---------------------------------------------------------------------------------------------
// What the gateway reads

export interface OrganizationInfo {
  id: string;
  displayName: string;
}

export interface ServicePrincipalInfo {
  id: string;
  appId: string;
  displayName: string;
}

export interface GroupInfo {
  id: string;
  displayName: string;
}

/** One OMA-URI setting of a Windows 10 custom configuration; `value` as Graph gave it. */
export interface OmaSettingInfo {
  omaUri: string;
  value: unknown;
}

/** A device configuration profile (`/deviceManagement/deviceConfigurations`, read from beta). */
export interface DeviceConfigurationInfo {
  id: string;
  displayName: string;
  /** e.g. `#microsoft.graph.windows10CustomConfiguration`. */
  odataType: string;
  omaSettings: OmaSettingInfo[];
  /** Identity protection profiles (`windowsIdentityProtectionConfiguration`) only. */
  pinRecoveryEnabled?: boolean;
  /** Android profiles only: their password settings. */
  androidPassword?: AndroidPasswordSettings;
}

/**
 * The password settings of Android profiles and compliance policies, under Graph's own names,
 * only those the policy carries. A string is Graph's enum value (e.g. `numeric`, `deviceDefault`).
 */
export interface AndroidPasswordSettings {
  passwordRequiredType?: string;
  passwordRequired?: boolean;
  workProfilePasswordRequiredType?: string;
  workProfileRequirePassword?: boolean;
  workProfileRequiredPasswordComplexity?: string;
}

/** A device compliance policy (`/deviceManagement/deviceCompliancePolicies`, read from beta). */
export interface CompliancePolicyInfo {
  id: string;
  displayName: string;
  /** e.g. `#microsoft.graph.androidWorkProfileCompliancePolicy`. */
  odataType: string;
  /** Android policies only. */
  androidPassword?: AndroidPasswordSettings;
}

/** An endpoint security profile (`/deviceManagement/intents`, beta), e.g. Account protection. */
export interface IntentInfo {
  id: string;
  displayName: string;
  templateId?: string;
}

export interface IntentSettingInfo {
  definitionId: string;
  value: unknown;
}

/** A Settings catalog policy (`/deviceManagement/configurationPolicies`, beta). */
export interface ConfigurationPolicyInfo {
  id: string;
  name: string;
  /** e.g. `windows10`. */
  platforms: string;
}

/** A Settings catalog setting, flattened out of its group; `value` is the chosen option's id. */
export interface CatalogSettingInfo {
  settingDefinitionId: string;
  value?: string;
}

export type PolicyKind = 'deviceConfiguration' | 'intent' | 'configurationPolicy' | 'compliancePolicy';

/** Which Intune object a finding is about. */
export interface PolicyRef {
  kind: PolicyKind;
  id: string;
}

export type AssignmentTarget =
  | { kind: 'group'; groupId: string }
  | { kind: 'exclusionGroup'; groupId: string }
  | { kind: 'allDevices' }
  | { kind: 'allUsers' }
  | { kind: 'other' };

/** Devices per outcome of a policy. `notApplicable` counts devices the policy shows but does not apply to (e.g. iOS). */
export interface DeviceStatusCounts {
  succeeded: number;
  pending: number;
  error: number;
  failed: number;
  conflict: number;
  notApplicable: number;
}

/** `notChecked`: only a signed-in user's consent can be probed. */
export type PermissionProbe = 'granted' | 'notConsented' | 'notChecked';

/** The seed's policy, as the fix creates it. */
export interface CustomConfigurationSpec {
  displayName: string;
  description: string;
  omaSetting: { displayName: string; description: string; omaUri: string; value: boolean };
}

// ---------------------------------------------------------------------------------------------
// What the checks report

export interface PinResetAppState {
  appId: string;
  name: string;
  state: ItemState;
}

export interface ConsentLink {
  appId: string;
  name: string;
  url: string;
}

/** Check 1: the two PIN reset apps are enterprise applications of the tenant. */
export interface PinResetAppsCheck {
  status: CheckStatus;
  apps: PinResetAppState[];
  /** Both admin-consent links, in the order to open them. */
  consentLinks: ConsentLink[];
  failure?: CheckFailure;
}

/** Where the EnablePinRecovery setting comes from. */
export type PolicySource = 'customOma' | 'identityProtection' | 'accountProtection' | 'settingsCatalog';

export interface FoundPolicy {
  ref: PolicyRef;
  name: string;
  source: PolicySource;
  assigned: boolean;
  targets: AssignmentTarget[];
  /** Device status of an assigned policy; undefined when not read (unassigned) or unreadable. */
  status?: DeviceStatusCounts;
  statusFailure?: CheckFailure;
}

/** A policy that nearly enables PIN recovery: another tenant's id in the OMA-URI, or the value false. */
export interface NearMiss {
  ref: PolicyRef;
  name: string;
  source: PolicySource;
  reason: 'otherTenant' | 'disabled';
}

/** Check 2: some assigned policy enables PIN recovery for Windows devices. */
export interface PinRecoveryPolicyCheck {
  status: CheckStatus;
  /** The seed's OMA-URI for this tenant. */
  omaUri: string;
  found: FoundPolicy[];
  nearMisses: NearMiss[];
  /** The chat can offer to create (or assign) the seed's policy. */
  canFix: boolean;
  failure?: CheckFailure;
}

export interface ScopeState {
  permission: string;
  state: ItemState;
}

export type HelpdeskGroupRole = 'helpdesk' | 'admin';

export interface GroupState {
  role: HelpdeskGroupRole;
  /** The configured id; undefined when the setting is empty. */
  id?: string;
  displayName?: string;
  /** ok: the group exists; missing: not found or not configured. */
  state: ItemState;
  /** Whether the asking admin is a member. */
  membership: ItemState;
  failure?: CheckFailure;
}

/** Check 3: the bot's own permissions and groups. */
export interface BotPermissionsCheck {
  status: CheckStatus;
  scopes: ScopeState[];
  /** Where an administrator grants the bot's delegated permissions. */
  consentUrl: string;
  /** Client credentials token and an app-only read of managed devices. */
  appOnly: { state: ItemState; failure?: CheckFailure };
  groups: GroupState[];
}

/**
 * Which Android passcode a policy requires, named after what Intune resets: the device passcode
 * (fully managed, dedicated, AOSP) or the work-profile password (corporate-owned and
 * personally-owned work profile).
 */
export type AndroidPasscodeKind = 'devicePasscode' | 'workProfilePassword';

/** Both kinds, in the order the report shows them. */
export const ANDROID_PASSCODE_KINDS: readonly AndroidPasscodeKind[] = ['devicePasscode', 'workProfilePassword'];

/** An Android device restrictions profile or compliance policy that requires a passcode. */
export interface AndroidPasscodePolicy {
  ref: PolicyRef;
  name: string;
  kinds: AndroidPasscodeKind[];
  assigned: boolean;
  targets: AssignmentTarget[];
}

/**
 * Check 4: some assigned Android policy requires a passcode (Intune sets the reset token only
 * under one). Passes with either kind; `covered` says which kinds assigned policies require.
 */
export interface AndroidPasscodePolicyCheck {
  status: CheckStatus;
  /** Policies requiring a passcode, assigned ones first. */
  policies: AndroidPasscodePolicy[];
  covered: AndroidPasscodeKind[];
  /** A read that failed; with `pass`, what could be read was enough, but an uncovered kind is not proven. */
  failure?: CheckFailure;
}

export interface ReadinessReport {
  mode: ReadinessMode;
  checkedAt: string;
  tenantId: string;
  apps: PinResetAppsCheck;
  policy: PinRecoveryPolicyCheck;
  permissions: BotPermissionsCheck;
  android: AndroidPasscodePolicyCheck;
  allPassed: boolean;
}

/** What the checks need to know besides the tenant itself. */
export interface ReadinessContext {
  tenantId: string;
  /** The bot's Entra app (its admin-consent link). */
  clientId: string;
  /** e.g. `https://login.microsoftonline.com`. */
  authorityHost: string;
  helpdeskGroupId: string;
  adminGroupId?: string;
  /** Every delegated Graph permission the bot uses (sign-in and readiness). */
  delegatedPermissions: readonly string[];
  /** The signed-in admin, for delegated runs. */
  userOid?: string;
}

/** `{authorityHost}/{tenantId}/adminconsent?client_id={appId}`. */
export function adminConsentLink(authorityHost: string, tenantId: string, appId: string): string {
  return `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/adminconsent?client_id=${encodeURIComponent(appId)}`;
}
