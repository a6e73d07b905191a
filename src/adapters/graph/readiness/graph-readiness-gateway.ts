import { AppError, isAppError } from '../../../domain/errors';
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
} from '../../../domain/readiness/model';
import type { DelegatedPrincipal } from '../../../ports/identity';
import type { ReadinessGateway } from '../../../ports/readiness-gateway';
import type { GraphCall, GraphHttp } from '../graph-http';
import { encodePathSegment, equals } from '../odata';
import {
  flattenCatalogSettings,
  isRecord,
  parseAll,
  parseAssignment,
  parseCompliancePolicy,
  parseConfigurationPolicy,
  parseCreatedId,
  parseDeviceConfiguration,
  parseGroup,
  parseIntent,
  parseIntentSetting,
  parseOrganization,
  parseReportCounts,
  parseServicePrincipal,
  parseStatusCounts,
} from './readiness-parsers';

/** What each call needs: a directory read, an Intune configuration call, or the sign-in's own scopes. */
export type CallPurpose = 'organization' | 'applications' | 'configuration' | 'directory';

/** Sends a Graph call for one purpose, with a token that holds the permission it needs. */
export interface PurposeSender {
  http(purpose: CallPurpose): GraphHttp;
  /** Whom GraphHttp asks the token for (for app-only, a placeholder its token source ignores). */
  principal: DelegatedPrincipal;
}

export interface GraphReadinessGatewayOptions {
  mode: ReadinessMode;
  sender: PurposeSender;
  /** The app-only sender, for the app-only read probe (also from a delegated run). */
  appOnly: PurposeSender;
  /** One on-behalf-of for one permission; undefined app-only. */
  probe?: (permission: string) => Promise<void>;
}

const BASE = '/deviceManagement';

const COLLECTIONS: Readonly<Record<PolicyRef['kind'], string>> = {
  deviceConfiguration: 'deviceConfigurations',
  intent: 'intents',
  configurationPolicy: 'configurationPolicies',
  compliancePolicy: 'deviceCompliancePolicies',
};

/**
 * The readiness port over Microsoft Graph. Intune policies are read from beta (Identity protection
 * profiles, endpoint security and the Settings catalog exist only there); the seed's policy is
 * created and assigned through v1.0, where its type is stable.
 */
export class GraphReadinessGateway implements ReadinessGateway {
  readonly mode: ReadinessMode;

  constructor(private readonly options: GraphReadinessGatewayOptions) {
    this.mode = options.mode;
  }

  private send(purpose: CallPurpose, call: GraphCall): Promise<unknown> {
    const { sender } = this.options;
    return sender.http(purpose).send(call, sender.principal);
  }

  private list(purpose: CallPurpose, call: Omit<GraphCall, 'method' | 'retry' | 'body'>): Promise<unknown[]> {
    const { sender } = this.options;
    return sender.http(purpose).getAll(call, sender.principal);
  }

  async getOrganization(): Promise<OrganizationInfo> {
    const body = await this.send('organization', { method: 'GET', version: 'v1.0', path: '/organization', query: { $select: 'id,displayName' }, retry: 'reads' });
    return parseOrganization(body);
  }

  async findServicePrincipal(appId: string): Promise<ServicePrincipalInfo | undefined> {
    const items = await this.list('applications', {
      version: 'v1.0',
      path: '/servicePrincipals',
      query: { $filter: equals('appId', appId), $select: 'id,appId,displayName' },
    });
    return parseAll(items, parseServicePrincipal).find((sp) => sp.appId.toLowerCase() === appId.toLowerCase());
  }

  async listDeviceConfigurations(): Promise<DeviceConfigurationInfo[]> {
    return parseAll(await this.list('configuration', { version: 'beta', path: `${BASE}/deviceConfigurations` }), parseDeviceConfiguration);
  }

  /** Beta: the Android device owner and AOSP policy types do not exist in v1.0. */
  async listCompliancePolicies(): Promise<CompliancePolicyInfo[]> {
    return parseAll(await this.list('configuration', { version: 'beta', path: `${BASE}/deviceCompliancePolicies` }), parseCompliancePolicy);
  }

  async listIntents(): Promise<IntentInfo[]> {
    return parseAll(await this.list('configuration', { version: 'beta', path: `${BASE}/intents` }), parseIntent);
  }

  async listIntentSettings(intentId: string): Promise<IntentSettingInfo[]> {
    const items = await this.list('configuration', { version: 'beta', path: `${BASE}/intents/${encodePathSegment(intentId)}/settings` });
    return parseAll(items, parseIntentSetting);
  }

  async listConfigurationPolicies(): Promise<ConfigurationPolicyInfo[]> {
    return parseAll(await this.list('configuration', { version: 'beta', path: `${BASE}/configurationPolicies` }), parseConfigurationPolicy);
  }

  async listConfigurationPolicySettings(policyId: string): Promise<CatalogSettingInfo[]> {
    const items = await this.list('configuration', { version: 'beta', path: `${BASE}/configurationPolicies/${encodePathSegment(policyId)}/settings` });
    return flattenCatalogSettings(items);
  }

  async listAssignments(policy: PolicyRef): Promise<AssignmentTarget[]> {
    const path = `${BASE}/${COLLECTIONS[policy.kind]}/${encodePathSegment(policy.id)}/assignments`;
    return parseAll(await this.list('configuration', { version: 'beta', path }), parseAssignment);
  }

  async getDeviceStatus(policy: PolicyRef): Promise<DeviceStatusCounts> {
    const id = encodePathSegment(policy.id);
    switch (policy.kind) {
      case 'deviceConfiguration':
      case 'compliancePolicy':
        return parseStatusCounts(
          await this.send('configuration', { method: 'GET', version: 'beta', path: `${BASE}/${COLLECTIONS[policy.kind]}/${id}/deviceStatusOverview`, retry: 'reads' }),
        );
      case 'intent':
        return parseStatusCounts(await this.send('configuration', { method: 'GET', version: 'beta', path: `${BASE}/intents/${id}/deviceStateSummary`, retry: 'reads' }));
      case 'configurationPolicy': {
        // Settings catalog status is only offered as a report; the POST is a read.
        const filter = `(PolicyId eq '${policy.id.replace(/'/g, "''")}')`;
        const body = { filter, select: [], skip: 0, top: 50, orderBy: [], search: '' };
        return parseReportCounts(
          await this.send('configuration', { method: 'POST', version: 'beta', path: `${BASE}/reports/getConfigurationPolicyDeviceSummaryReport`, body, retry: 'reads' }),
        );
      }
    }
  }

  async createCustomConfiguration(spec: CustomConfigurationSpec): Promise<PolicyRef> {
    const body = {
      '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
      displayName: spec.displayName,
      description: spec.description,
      omaSettings: [{ '@odata.type': '#microsoft.graph.omaSettingBoolean', ...spec.omaSetting }],
    };
    // A write: never resent blindly (a resend could create a second policy).
    const created = await this.send('configuration', { method: 'POST', version: 'v1.0', path: `${BASE}/deviceConfigurations`, body, retry: 'never' });
    return { kind: 'deviceConfiguration', id: parseCreatedId(created) };
  }

  async addGroupAssignment(configurationId: string, groupId: string): Promise<void> {
    const path = `${BASE}/deviceConfigurations/${encodePathSegment(configurationId)}`;
    // `assign` replaces the assignments: send the current targets as they are, plus the group.
    const current = await this.list('configuration', { version: 'v1.0', path: `${path}/assignments` });
    const targets = current.filter(isRecord).map((a) => a.target).filter(isRecord);
    const hasGroup = targets.some((t) => typeof t.groupId === 'string' && t.groupId.toLowerCase() === groupId.toLowerCase() && !String(t['@odata.type']).toLowerCase().includes('exclusion'));
    if (!hasGroup) targets.push({ '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId });
    const body = { assignments: targets.map((target) => ({ '@odata.type': '#microsoft.graph.deviceConfigurationAssignment', target })) };
    // Replacing with the same set twice gives the same result, so a resend is harmless.
    await this.send('configuration', { method: 'POST', version: 'v1.0', path: `${path}/assign`, body, retry: 'reads' });
  }

  async getGroup(groupId: string): Promise<GroupInfo | undefined> {
    try {
      const body = await this.send('directory', { method: 'GET', version: 'v1.0', path: `/groups/${encodePathSegment(groupId)}`, query: { $select: 'id,displayName' }, retry: 'reads' });
      return parseGroup(body);
    } catch (error) {
      if (isAppError(error) && error.code === 'graph.notFound') return undefined;
      throw error;
    }
  }

  async findGroupsByName(displayName: string): Promise<GroupInfo[]> {
    const items = await this.list('directory', { version: 'v1.0', path: '/groups', query: { $filter: equals('displayName', displayName), $select: 'id,displayName' } });
    return parseAll(items, parseGroup);
  }

  async memberGroups(userOid: string, groupIds: readonly string[]): Promise<string[]> {
    const body = await this.send('directory', {
      method: 'POST',
      version: 'v1.0',
      path: `/users/${encodePathSegment(userOid)}/checkMemberGroups`,
      body: { groupIds },
      // A read despite the POST.
      retry: 'reads',
    });
    if (!isRecord(body) || !Array.isArray(body.value)) throw new AppError('graph.unexpected', 'Microsoft Graph answered checkMemberGroups without a value array.');
    return body.value.filter((id): id is string => typeof id === 'string');
  }

  async probeDelegatedPermission(permission: string): Promise<PermissionProbe> {
    const probe = this.options.probe;
    if (!probe) return 'notChecked';
    try {
      await probe(permission);
      return 'granted';
    } catch (error) {
      if (isAppError(error) && error.code === 'auth.consentRequired') return 'notConsented';
      throw error;
    }
  }

  async probeAppOnlyRead(): Promise<void> {
    const { appOnly } = this.options;
    await appOnly.http('directory').send(
      { method: 'GET', version: 'v1.0', path: `${BASE}/managedDevices`, query: { $top: 1, $select: 'id' }, retry: 'reads' },
      appOnly.principal,
    );
  }
}
