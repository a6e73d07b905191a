import type { SimReadinessState } from './readiness/types';

/**
 * Public shapes of the simulated tenant: its seed data, its live state, its options and the handle
 * a test or the demo gets back from `startSimulator`.
 */

/** What a resetPasscode action turns into once the simulated Intune has worked on it. */
export type ActionOutcome = 'done' | 'failed' | 'stuck';

/** An Intune role assignment of a user. Without one, Intune refuses the user's delegated calls. */
export interface SimIntuneRole {
  /** e.g. `Help Desk Operator`. */
  displayName: string;
  /** Devices outside the role's scope (scope tags): a reset on them is refused with 403. */
  excludedDeviceIds?: string[];
  /** The role also creates and assigns device configuration policies (e.g. Policy and Profile Manager). */
  managesConfiguration?: boolean;
}

/** A directory user. Only the Graph properties are ever returned; the rest drives behaviour. */
export interface SimUser {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  userPrincipalName: string;
  mail: string | null;
  department: string | null;
  jobTitle: string | null;
  officeLocation: string | null;
  preferredLanguage: string | null;
  mobilePhone: string | null;
  businessPhones: string[];
  accountEnabled: boolean;
  /** Ids of the groups the user belongs to (direct membership stands in for transitive). */
  memberOf: string[];
  intuneRole?: SimIntuneRole;
  /**
   * When set, on-behalf-of fails with AADSTS50076 (MFA / Conditional Access wants interaction)
   * unless the assertion shows MFA (`amr` mfa: a token from the authorize page's MFA step).
   */
  mfaRequired?: boolean;
}

export interface SimGroup {
  id: string;
  displayName: string;
  description: string | null;
}

/** One entry of a managed device's `deviceActionResults`. */
export interface SimActionResult {
  '@odata.type': string;
  actionName: string;
  actionState: 'none' | 'pending' | 'canceled' | 'active' | 'done' | 'failed' | 'notSupported';
  startDateTime: string;
  lastUpdatedDateTime: string;
  /** resetPasscode only: the new passcode once done, else null. */
  passcode?: string | null;
  /** resetPasscode only. */
  errorCode?: number;
}

/** How the simulated Intune answers a resetPasscode on a device (simulator-only, never returned). */
export interface SimResetBehaviour {
  outcome: ActionOutcome;
  /** Intune's error code when the outcome is `failed` (default -2016345060). */
  errorCode?: number;
}

/** An Intune managed device with the Graph properties the bot reads (v1.0 plus beta-only ones). */
export interface SimDevice {
  id: string;
  userId: string;
  deviceName: string;
  managedDeviceOwnerType: 'company' | 'personal' | 'unknown';
  enrolledDateTime: string;
  lastSyncDateTime: string;
  operatingSystem: string;
  osVersion: string;
  complianceState: string;
  jailBroken: string;
  managementAgent: string;
  easActivated: boolean;
  azureADRegistered: boolean;
  deviceEnrollmentType: string;
  emailAddress: string;
  azureADDeviceId: string;
  deviceRegistrationState: string;
  deviceCategoryDisplayName: string;
  isSupervised: boolean;
  isEncrypted: boolean;
  userPrincipalName: string;
  userDisplayName: string;
  model: string;
  manufacturer: string;
  serialNumber: string;
  imei: string;
  phoneNumber: string;
  /** beta only */
  deviceType: string;
  /** beta only */
  chassisType: string;
  /** beta only */
  joinType: string;
  /** beta only */
  skuFamily: string;
  deviceActionResults: SimActionResult[];
  /** Simulator behaviour for resetPasscode; absent means a platform default (see device-actions). */
  resetBehaviour?: SimResetBehaviour;
}

/** The Entra app registration the bot uses, with what the tenant admin consented to. */
export interface SimApp {
  clientId: string;
  clientSecret: string;
  /**
   * Certificates (PEM, public part) registered as the app's credentials: a client assertion signed
   * with the matching private key authenticates the app instead of the secret.
   */
  certificates?: string[];
  displayName: string;
  /** Delegated Microsoft Graph permissions granted by admin consent (names, e.g. `User.Read`). */
  delegatedPermissions: string[];
  /** Application permissions (app roles) granted on Microsoft Graph. */
  applicationPermissions: string[];
}

/** The whole simulated tenant. Tests may change it while the simulator runs. */
export interface SimTenantState {
  tenantId: string;
  displayName: string;
  /** Verified domains; the first is the default (used in UPNs). */
  domains: string[];
  app: SimApp;
  /** false: every on-behalf-of fails with consent_required, app tokens carry no roles. */
  adminConsentGranted: boolean;
  users: SimUser[];
  groups: SimGroup[];
  devices: SimDevice[];
  /** Enterprise applications and Intune policies (the readiness check); absent means none. */
  readiness?: SimReadinessState;
}

/** Seed data for a tenant; `startSimulator` works on a deep copy. */
export type TenantSeed = SimTenantState;

/**
 * A fault to inject. Matched before normal handling, in the order added; each match uses one of
 * `times` (default 1). With neither `status` nor `dropConnection`, it only adds `delayMs`.
 */
export interface FaultRule {
  method?: string;
  /** A string matches when the request path (no query) contains it; a RegExp is tested on the path. */
  path: string | RegExp;
  status?: number;
  /** Value of the Retry-After header (seconds, as Graph sends it). */
  retryAfter?: string;
  /** Response body; default: an error body in the style of the service (Graph or Entra). */
  body?: unknown;
  /** Destroy the connection instead of answering. */
  dropConnection?: boolean;
  delayMs?: number;
  times?: number;
  /**
   * Run the normal handling first (the request takes effect, e.g. the reset happens), then answer
   * with the fault instead: the ambiguous "did it happen?" case of a 5xx or dropped connection.
   */
  afterHandling?: boolean;
}

/** One request as the simulator saw it. Never holds headers, tokens or bodies. */
export interface SimRequestLog {
  at: string;
  method: string;
  path: string;
  /** Decoded query parameters. */
  query: Readonly<Record<string, string>>;
  /** HTTP status sent; 0 when the connection was dropped. */
  status: number;
  /** Object id of the signed-in user, or 'app' for an app-only token. */
  principal?: string;
  /** True for a request that arrived inside a `$batch`. */
  viaBatch?: boolean;
}

export interface SimulatorOptions {
  certificate: { cert: string; key: string };
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default: the demo tenant. */
  tenant?: TenantSeed;
  /** How long a resetPasscode stays pending before it is done or failed. Default 3000. */
  actionDelayMs?: number;
  /** Override the seed app's client id / secret. */
  clientId?: string;
  clientSecret?: string;
  /**
   * Intune's limit on device writes per app and tenant (200 per 20 s); `false` turns it off.
   */
  intuneWriteLimit?: { requests: number; windowMs: number } | false;
}

/** A running simulator. */
export interface RunningSimulator {
  /** `https://127.0.0.1:PORT`: both the authority host and the Graph endpoint. */
  readonly url: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** A Teams-style SSO token for a user (RS256, simulator key). `overrides` replace claims. */
  signSsoToken(oid: string, overrides?: Record<string, unknown>): string;
  readonly requests: ReadonlyArray<SimRequestLog>;
  /**
   * Test-only, for leak checks: the tokens handed out so far (the newest 500) — SSO tokens from
   * signSsoToken and `/_sim/sso-token`, and the access (and id/refresh) tokens of token endpoint
   * answers. Never logged or served.
   */
  readonly issuedTokensForLeakChecks: ReadonlyArray<string>;
  countRequests(filter: { method?: string; pathIncludes?: string }): number;
  /** resetPasscode POSTs received (for one device, or all), including refused and faulted ones. */
  resetPostCount(deviceId?: string): number;
  injectFault(fault: FaultRule): void;
  clearFaults(): void;
  /** How the next resetPasscode actions on a device end. */
  setActionOutcome(deviceId: string, outcome: ActionOutcome, errorCode?: number): void;
  readonly tenant: SimTenantState;
  close(): Promise<void>;
}
