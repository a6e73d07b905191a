import { AppError } from '../../../../../src/domain/errors';
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
} from '../../../../../src/domain/readiness/model';
import type { ReadinessGateway } from '../../../../../src/ports/readiness-gateway';

export const TENANT = 'c0a8f1e2-7b3d-4e5f-9a1b-2c3d4e5f6a70';
export const HELPDESK = 'e1a2b3c4-1111-4aaa-8bbb-00000000a001';
export const ADMINS = 'e1a2b3c4-1111-4aaa-8bbb-00000000a002';
export const ALL_STAFF = 'e1a2b3c4-1111-4aaa-8bbb-00000000a003';
export const ADMIN_OID = '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a01';

export const STATUS: DeviceStatusCounts = { succeeded: 3, pending: 1, error: 0, failed: 0, conflict: 0, notApplicable: 2 };

const key = (ref: PolicyRef): string => `${ref.kind}:${ref.id}`;

/** The readiness port in memory: a tenant the tests shape field by field. */
export class FakeReadinessGateway implements ReadinessGateway {
  organization: OrganizationInfo = { id: TENANT, displayName: 'Contoso' };
  servicePrincipals: ServicePrincipalInfo[] = [
    { id: 'sp-1', appId: 'b8456c59-1230-44c7-a4a2-99b085333e84', displayName: 'Microsoft Pin Reset Service Production' },
    { id: 'sp-2', appId: '9115dd05-fad5-4f9c-acc7-305d08b1b04e', displayName: 'Microsoft Pin Reset Client Production' },
  ];
  deviceConfigurations: DeviceConfigurationInfo[] = [];
  compliancePolicies: CompliancePolicyInfo[] = [];
  intents: Array<IntentInfo & { settings: IntentSettingInfo[] }> = [];
  catalog: Array<ConfigurationPolicyInfo & { settings: CatalogSettingInfo[] }> = [];
  assignments = new Map<string, AssignmentTarget[]>();
  statuses = new Map<string, DeviceStatusCounts>();
  groups: GroupInfo[] = [
    { id: HELPDESK, displayName: 'Helpdesk' },
    { id: ADMINS, displayName: 'Helpdesk Admins' },
    { id: ALL_STAFF, displayName: 'All Staff' },
  ];
  memberships = new Map<string, string[]>([[ADMIN_OID, [HELPDESK, ADMINS, ALL_STAFF]]]);
  notConsented = new Set<string>();
  /** Method name → error to throw from it. */
  failures = new Map<string, Error>();
  created: CustomConfigurationSpec[] = [];
  appOnlyWorks = true;

  constructor(readonly mode: ReadinessMode = 'delegated') {}

  private check(method: string): void {
    const error = this.failures.get(method);
    if (error) throw error;
  }

  async getOrganization(): Promise<OrganizationInfo> {
    this.check('getOrganization');
    return this.organization;
  }
  async findServicePrincipal(appId: string): Promise<ServicePrincipalInfo | undefined> {
    this.check('findServicePrincipal');
    return this.servicePrincipals.find((sp) => sp.appId === appId);
  }
  async listDeviceConfigurations(): Promise<DeviceConfigurationInfo[]> {
    this.check('listDeviceConfigurations');
    return this.deviceConfigurations.map((c) => ({ ...c }));
  }
  async listCompliancePolicies(): Promise<CompliancePolicyInfo[]> {
    this.check('listCompliancePolicies');
    return this.compliancePolicies.map((c) => ({ ...c }));
  }
  async listIntents(): Promise<IntentInfo[]> {
    this.check('listIntents');
    return this.intents.map(({ id, displayName }) => ({ id, displayName }));
  }
  async listIntentSettings(intentId: string): Promise<IntentSettingInfo[]> {
    return this.intents.find((i) => i.id === intentId)?.settings ?? [];
  }
  async listConfigurationPolicies(): Promise<ConfigurationPolicyInfo[]> {
    this.check('listConfigurationPolicies');
    return this.catalog.map(({ id, name, platforms }) => ({ id, name, platforms }));
  }
  async listConfigurationPolicySettings(policyId: string): Promise<CatalogSettingInfo[]> {
    return this.catalog.find((p) => p.id === policyId)?.settings ?? [];
  }
  async listAssignments(policy: PolicyRef): Promise<AssignmentTarget[]> {
    this.check('listAssignments');
    return this.assignments.get(key(policy)) ?? [];
  }
  async getDeviceStatus(policy: PolicyRef): Promise<DeviceStatusCounts> {
    this.check('getDeviceStatus');
    return this.statuses.get(key(policy)) ?? STATUS;
  }
  async createCustomConfiguration(spec: CustomConfigurationSpec): Promise<PolicyRef> {
    this.check('createCustomConfiguration');
    this.created.push(spec);
    const id = `created-${this.created.length}`;
    this.deviceConfigurations.push({
      id,
      displayName: spec.displayName,
      odataType: '#microsoft.graph.windows10CustomConfiguration',
      omaSettings: [{ omaUri: spec.omaSetting.omaUri, value: spec.omaSetting.value }],
    });
    return { kind: 'deviceConfiguration', id };
  }
  async addGroupAssignment(configurationId: string, groupId: string): Promise<void> {
    this.check('addGroupAssignment');
    const ref = key({ kind: 'deviceConfiguration', id: configurationId });
    this.assignments.set(ref, [...(this.assignments.get(ref) ?? []), { kind: 'group', groupId }]);
  }
  async getGroup(groupId: string): Promise<GroupInfo | undefined> {
    this.check('getGroup');
    return this.groups.find((g) => g.id === groupId);
  }
  async findGroupsByName(displayName: string): Promise<GroupInfo[]> {
    return this.groups.filter((g) => g.displayName === displayName);
  }
  async memberGroups(userOid: string, groupIds: readonly string[]): Promise<string[]> {
    this.check('memberGroups');
    const of = this.memberships.get(userOid) ?? [];
    return groupIds.filter((g) => of.includes(g));
  }
  async probeDelegatedPermission(permission: string): Promise<PermissionProbe> {
    if (this.mode === 'appOnly') return 'notChecked';
    return this.notConsented.has(permission) ? 'notConsented' : 'granted';
  }
  async probeAppOnlyRead(): Promise<void> {
    if (!this.appOnlyWorks) throw new AppError('graph.forbidden', 'Microsoft Graph answered 403 Forbidden', { status: 403, requestId: 'req-app' });
  }
}

export const forbidden = (): AppError => new AppError('graph.forbidden', 'Microsoft Graph answered 403', { status: 403, requestId: 'req-403' });

export function customPolicy(id: string, name: string, omaUri: string, value: unknown = true): DeviceConfigurationInfo {
  return { id, displayName: name, odataType: '#microsoft.graph.windows10CustomConfiguration', omaSettings: [{ omaUri, value }] };
}

export const seedUri = (tenant = TENANT): string => `./Device/Vendor/MSFT/PassportForWork/${tenant}/Policies/EnablePinRecovery`;

/** An Android Enterprise device restrictions profile for corporate devices with its two password settings. */
export function androidDeviceOwnerProfile(id: string, name: string, passwords: { device?: string; workProfile?: string }): DeviceConfigurationInfo {
  return {
    id,
    displayName: name,
    odataType: '#microsoft.graph.androidDeviceOwnerGeneralDeviceConfiguration',
    omaSettings: [],
    androidPassword: {
      passwordRequiredType: passwords.device ?? 'deviceDefault',
      workProfilePasswordRequiredType: passwords.workProfile ?? 'deviceDefault',
    },
  };
}
