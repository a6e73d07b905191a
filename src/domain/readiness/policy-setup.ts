import type { ReadinessGateway } from '../../ports/readiness-gateway';
import { isAppError } from '../errors';
import type { GroupInfo, ReadinessContext } from './model';
import { tenantIdOf } from './pin-recovery-policy';
import { customConfigurationVerdict, seedPolicySpec } from './pin-recovery-rules';

/** The delegated permission needed to create and assign the policy. */
export const POLICY_WRITE_PERMISSION = 'DeviceManagementConfiguration.ReadWrite.All';

/** Why the policy was not created. */
export type PolicySetupRefusal =
  | 'notSignedIn'
  | 'groupMissing'
  | 'groupNotFound'
  | 'groupAmbiguous'
  | 'consentMissing'
  | 'roleMissing';

export type PolicySetupOutcome =
  /** `created`: a new policy; `assigned`: the existing one gained the group; `unchanged`: it had it. */
  | { kind: 'created' | 'assigned' | 'unchanged'; policy: { id: string; name: string }; group: GroupInfo }
  | { kind: 'refused'; reason: PolicySetupRefusal; requestId?: string; matches?: number };

const MAX_GROUP_QUERY_LENGTH = 256;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type GroupLookup = { group: GroupInfo } | { refused: 'groupNotFound' | 'groupAmbiguous'; matches: number };

async function resolveGroup(gateway: ReadinessGateway, query: string): Promise<GroupLookup> {
  if (GUID.test(query)) {
    const byId = await gateway.getGroup(query);
    if (byId) return { group: byId };
  }
  const named = await gateway.findGroupsByName(query);
  if (named.length === 1 && named[0]) return { group: named[0] };
  return { refused: named.length === 0 ? 'groupNotFound' : 'groupAmbiguous', matches: named.length };
}

/**
 * The fix of check 2: the seed's Windows 10 custom policy (EnablePinRecovery = true for this
 * tenant), assigned to the group the admin named. Idempotent: an existing custom policy with the
 * setting is reused (and only gains the group), so running it twice leaves one policy.
 * Refused, without changing anything, when the admin's consent or Intune role is missing.
 */
export async function ensurePinRecoveryPolicy(
  gateway: ReadinessGateway,
  context: ReadinessContext,
  groupQuery: string,
): Promise<PolicySetupOutcome> {
  if (gateway.mode !== 'delegated') return { kind: 'refused', reason: 'notSignedIn' };
  const query = groupQuery.trim();
  if (query === '' || query.length > MAX_GROUP_QUERY_LENGTH) return { kind: 'refused', reason: 'groupMissing' };
  if ((await gateway.probeDelegatedPermission(POLICY_WRITE_PERMISSION)) !== 'granted') {
    return { kind: 'refused', reason: 'consentMissing' };
  }
  const lookup = await resolveGroup(gateway, query);
  if ('refused' in lookup) return { kind: 'refused', reason: lookup.refused, matches: lookup.matches };
  const { group } = lookup;

  try {
    const tenantId = await tenantIdOf(gateway, context.tenantId);
    const existing = (await gateway.listDeviceConfigurations()).find((c) => customConfigurationVerdict(c, tenantId) === 'enables');
    if (existing) {
      const policy = { id: existing.id, name: existing.displayName };
      const targets = await gateway.listAssignments({ kind: 'deviceConfiguration', id: existing.id });
      if (targets.some((t) => t.kind === 'group' && t.groupId.toLowerCase() === group.id.toLowerCase())) {
        return { kind: 'unchanged', policy, group };
      }
      await gateway.addGroupAssignment(existing.id, group.id);
      return { kind: 'assigned', policy, group };
    }
    const spec = seedPolicySpec(tenantId);
    const created = await gateway.createCustomConfiguration(spec);
    await gateway.addGroupAssignment(created.id, group.id);
    return { kind: 'created', policy: { id: created.id, name: spec.displayName }, group };
  } catch (error) {
    // With the consent in place, Intune's 403 means the admin's Intune role does not allow it.
    if (isAppError(error) && error.code === 'graph.forbidden') {
      return { kind: 'refused', reason: 'roleMissing', ...(error.details.requestId ? { requestId: error.details.requestId } : {}) };
    }
    throw error;
  }
}
