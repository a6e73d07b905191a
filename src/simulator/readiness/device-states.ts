import type { SimDevice, SimTenantState, SimUser } from '../types';
import type { SimAssignment, SimPolicyDeviceState } from './types';

/** A policy as far as its device status is concerned. */
export interface AssignedPolicy {
  /** Profiles and compliance policies name their platform in their type; intents and catalog policies here are for Windows. */
  '@odata.type'?: string;
  assignments: SimAssignment[];
  deviceStateOverrides?: Record<string, SimPolicyDeviceState>;
}

export interface DeviceState {
  device: SimDevice;
  user: SimUser | undefined;
  state: SimPolicyDeviceState;
}

/** The operating system a policy applies to: Android and AOSP types to Android; the readiness check reads no other platform's status. */
const platformOf = (policy: AssignedPolicy): string => (/^#microsoft\.graph\.(android|aosp)/i.test(policy['@odata.type'] ?? '') ? 'Android' : 'Windows');

const targetType = (a: SimAssignment): string => a.target['@odata.type'].replace(/^#/, '').toLowerCase();
const inGroup = (user: SimUser, groupId: string | undefined): boolean =>
  groupId !== undefined && user.memberOf.some((g) => g.toLowerCase() === groupId.toLowerCase());

/**
 * The devices a policy reaches and how each reports. A user group reaches all of its members'
 * devices, whatever their platform: a Windows policy applies to Windows devices, an Android one to
 * Android devices, and the others show as not applicable (as Intune reports iOS devices of a user
 * group). Exclusions win.
 */
export function deviceStates(state: SimTenantState, policy: AssignedPolicy): DeviceState[] {
  const types = policy.assignments.map(targetType);
  const allDevices = types.includes('microsoft.graph.alldevicesassignmenttarget');
  const allUsers = types.some((t) => t === 'microsoft.graph.alllicensedusersassignmenttarget' || t === 'microsoft.graph.allusersassignmenttarget');
  const included = policy.assignments.filter((a) => targetType(a) === 'microsoft.graph.groupassignmenttarget').map((a) => a.target.groupId);
  const excluded = policy.assignments.filter((a) => targetType(a) === 'microsoft.graph.exclusiongroupassignmenttarget').map((a) => a.target.groupId);

  const platform = platformOf(policy);
  const userOf = (device: SimDevice): SimUser | undefined => state.users.find((u) => u.id === device.userId);
  return state.devices
    .filter((device) => {
      const user = userOf(device);
      if (user && excluded.some((g) => inGroup(user, g))) return false;
      return allDevices || (user !== undefined && (allUsers || included.some((g) => inGroup(user, g))));
    })
    .map((device) => ({
      device,
      user: userOf(device),
      state: policy.deviceStateOverrides?.[device.id] ?? (device.operatingSystem === platform ? 'succeeded' : 'notApplicable'),
    }));
}

/** How many devices are in each state. */
export function countStates(states: readonly DeviceState[]): Record<SimPolicyDeviceState, number> {
  const counts: Record<SimPolicyDeviceState, number> = { succeeded: 0, pending: 0, error: 0, failed: 0, conflict: 0, notApplicable: 0 };
  for (const s of states) counts[s.state] += 1;
  return counts;
}
