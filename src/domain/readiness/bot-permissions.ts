import type { ReadinessGateway } from '../../ports/readiness-gateway';
import { attempt } from './failures';
import {
  adminConsentLink,
  type BotPermissionsCheck,
  type CheckStatus,
  type GroupState,
  type HelpdeskGroupRole,
  type ItemState,
  type ReadinessContext,
  type ScopeState,
} from './model';

async function probeScopes(gateway: ReadinessGateway, permissions: readonly string[]): Promise<ScopeState[]> {
  return Promise.all(
    permissions.map(async (permission): Promise<ScopeState> => {
      const probe = await attempt(() => gateway.probeDelegatedPermission(permission));
      if (!probe.ok) return { permission, state: 'failed' };
      const state: ItemState = probe.value === 'granted' ? 'ok' : probe.value === 'notConsented' ? 'missing' : 'notChecked';
      return { permission, state };
    }),
  );
}

async function groupStates(gateway: ReadinessGateway, context: ReadinessContext): Promise<GroupState[]> {
  const configured: Array<{ role: HelpdeskGroupRole; id?: string }> = [
    { role: 'helpdesk', id: context.helpdeskGroupId || undefined },
    { role: 'admin', id: context.adminGroupId || undefined },
  ];
  const states = await Promise.all(
    configured.map(async ({ role, id }): Promise<GroupState> => {
      if (!id) return { role, state: 'missing', membership: 'notChecked' };
      const read = await attempt(() => gateway.getGroup(id));
      if (!read.ok) return { role, id, state: 'failed', membership: 'notChecked', failure: read.failure };
      return read.value
        ? { role, id, displayName: read.value.displayName, state: 'ok', membership: 'notChecked' }
        : { role, id, state: 'missing', membership: 'notChecked' };
    }),
  );
  const userOid = context.userOid;
  const existing = states.filter((g) => g.state === 'ok' && g.id).map((g) => g.id as string);
  if (gateway.mode !== 'delegated' || !userOid || existing.length === 0) return states;
  const member = await attempt(() => gateway.memberGroups(userOid, existing));
  return states.map((g) => {
    if (g.state !== 'ok' || !g.id) return g;
    if (!member.ok) return { ...g, membership: 'failed', failure: member.failure };
    const inGroup = member.value.some((id) => id.toLowerCase() === g.id?.toLowerCase());
    return { ...g, membership: inGroup ? 'ok' : 'missing' };
  });
}

/** `missing` anywhere fails the check; a `failed` read alone makes it unknown; `notChecked` is neutral. */
export function statusOf(states: readonly ItemState[]): CheckStatus {
  if (states.includes('missing')) return 'fail';
  if (states.includes('failed')) return 'unknown';
  return 'pass';
}

/**
 * Check 3: each delegated permission the bot uses is consented (one on-behalf-of per permission,
 * signed-in runs only), the app-only read works, the helpdesk groups exist and the asking admin
 * is in them.
 */
export async function checkBotPermissions(gateway: ReadinessGateway, context: ReadinessContext): Promise<BotPermissionsCheck> {
  const [scopes, appOnlyRead, groups] = await Promise.all([
    probeScopes(gateway, context.delegatedPermissions),
    attempt(() => gateway.probeAppOnlyRead()),
    groupStates(gateway, context),
  ]);
  // Any failure means the app-only read does not work (only a transient one leaves it open).
  const appOnly: BotPermissionsCheck['appOnly'] = appOnlyRead.ok
    ? { state: 'ok' }
    : { state: appOnlyRead.failure.reason === 'unavailable' ? 'failed' : 'missing', failure: appOnlyRead.failure };
  const states: ItemState[] = [
    ...scopes.map((s) => s.state),
    appOnly.state,
    ...groups.flatMap((g) => [g.state, g.membership]),
  ];
  return {
    status: statusOf(states),
    scopes,
    consentUrl: adminConsentLink(context.authorityHost, context.tenantId, context.clientId),
    appOnly,
    groups,
  };
}
