/**
 * The part of the simulated tenant that the readiness check reads: enterprise applications,
 * Intune policies of the three kinds that can turn on PIN recovery, and compliance policies.
 */

/** An enterprise application (service principal). */
export interface SimServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  /** The tenant that owns the app (Microsoft's for the PIN reset apps). */
  appOwnerOrganizationId: string;
}

/** An assignment as Graph returns it: a target such as `#microsoft.graph.groupAssignmentTarget`. */
export interface SimAssignment {
  id: string;
  target: { '@odata.type': string; groupId?: string };
}

/** How one device reports on a policy; absent devices are computed from the assignments. */
export type SimPolicyDeviceState = 'succeeded' | 'pending' | 'error' | 'failed' | 'conflict' | 'notApplicable';

interface SimPolicyBase {
  id: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  assignments: SimAssignment[];
  /** Per managed device id: a state other than the computed one (e.g. an error). */
  deviceStateOverrides?: Record<string, SimPolicyDeviceState>;
}

/** `/deviceManagement/deviceConfigurations`: every property besides the bookkeeping is returned as is. */
export interface SimDeviceConfiguration extends SimPolicyBase {
  '@odata.type': string;
  displayName: string;
  description: string | null;
  version: number;
  /** Type-specific properties (`omaSettings`, `pinRecoveryEnabled`, …). */
  properties: Record<string, unknown>;
}

/** `/deviceManagement/deviceCompliancePolicies`: the same shape as a profile (`properties` such as `passwordRequired`). */
export type SimCompliancePolicy = SimDeviceConfiguration;

/** `/deviceManagement/intents` (endpoint security profiles, beta). */
export interface SimIntent extends SimPolicyBase {
  displayName: string;
  description: string;
  templateId: string;
  /** deviceManagementSettingInstance objects, as Graph returns them. */
  settings: Array<Record<string, unknown>>;
}

/** `/deviceManagement/configurationPolicies` (Settings catalog, beta). */
export interface SimConfigurationPolicy extends SimPolicyBase {
  name: string;
  description: string;
  platforms: string;
  technologies: string;
  /** deviceManagementConfigurationSetting objects (`settingInstance` trees), as Graph returns them. */
  settings: Array<Record<string, unknown>>;
}

export interface SimReadinessState {
  servicePrincipals: SimServicePrincipal[];
  deviceConfigurations: SimDeviceConfiguration[];
  compliancePolicies: SimCompliancePolicy[];
  intents: SimIntent[];
  configurationPolicies: SimConfigurationPolicy[];
}

/** A tenant with none of it. */
export const emptyReadiness = (): SimReadinessState => ({
  servicePrincipals: [],
  deviceConfigurations: [],
  compliancePolicies: [],
  intents: [],
  configurationPolicies: [],
});
