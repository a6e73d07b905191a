import type {
  AssignmentTarget,
  CatalogSettingInfo,
  CompliancePolicyInfo,
  ConfigurationPolicyInfo,
  CustomConfigurationSpec,
  DeviceConfigurationInfo,
  DeviceStatusCounts,
  GroupInfo,
  IntentInfo,
  IntentSettingInfo,
  OrganizationInfo,
  PermissionProbe,
  PolicyRef,
  ReadinessMode,
  ServicePrincipalInfo,
} from '../domain/readiness/model';

/**
 * What the tenant readiness checks read and change in the tenant, bound to one principal: a
 * signed-in admin (delegated) or the bot's app (app-only). Errors are AppError (graph.*, auth.*).
 */
export interface ReadinessGateway {
  readonly mode: ReadinessMode;
  getOrganization(): Promise<OrganizationInfo>;
  /** The tenant's enterprise application for an app id, if any (`$filter=appId eq …`). */
  findServicePrincipal(appId: string): Promise<ServicePrincipalInfo | undefined>;
  /** Every device configuration profile, with OMA settings, the identity protection flag and Android password settings. */
  listDeviceConfigurations(): Promise<DeviceConfigurationInfo[]>;
  /** Every device compliance policy, with Android password settings. */
  listCompliancePolicies(): Promise<CompliancePolicyInfo[]>;
  listIntents(): Promise<IntentInfo[]>;
  listIntentSettings(intentId: string): Promise<IntentSettingInfo[]>;
  listConfigurationPolicies(): Promise<ConfigurationPolicyInfo[]>;
  /** A Settings catalog policy's settings, flattened out of their groups. */
  listConfigurationPolicySettings(policyId: string): Promise<CatalogSettingInfo[]>;
  listAssignments(policy: PolicyRef): Promise<AssignmentTarget[]>;
  getDeviceStatus(policy: PolicyRef): Promise<DeviceStatusCounts>;
  /** POST a Windows 10 custom configuration; answers its id. */
  createCustomConfiguration(spec: CustomConfigurationSpec): Promise<PolicyRef>;
  /** Add a group to a device configuration's assignments, keeping the ones it has. */
  addGroupAssignment(configurationId: string, groupId: string): Promise<void>;
  /** undefined when no such group exists. */
  getGroup(groupId: string): Promise<GroupInfo | undefined>;
  /** Groups whose displayName is exactly this. */
  findGroupsByName(displayName: string): Promise<GroupInfo[]>;
  /** Which of `groupIds` the user is a (transitive) member of. */
  memberGroups(userOid: string, groupIds: readonly string[]): Promise<string[]>;
  /** Whether the tenant consented to one delegated permission (an on-behalf-of for it alone). */
  probeDelegatedPermission(permission: string): Promise<PermissionProbe>;
  /** A client-credentials token and an app-only read of managed devices; throws when either fails. */
  probeAppOnlyRead(): Promise<void>;
}

/** Gateways for a signed-in admin or for the app itself. */
export interface ReadinessGatewayFactory {
  asUser(oid: string): ReadinessGateway;
  appOnly(): ReadinessGateway;
}
