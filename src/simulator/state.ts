import type { SimDevice, SimTenantState, SimUser, TenantSeed } from './types';

/** A private, mutable copy of the seed (the seed itself is never changed). */
export function createTenantState(seed: TenantSeed, app: { clientId?: string; clientSecret?: string }): SimTenantState {
  const state = structuredClone(seed);
  if (app.clientId) state.app.clientId = app.clientId;
  if (app.clientSecret) state.app.clientSecret = app.clientSecret;
  return state;
}

/** A user by object id or user principal name (case-insensitive), as `/users/{id|upn}` resolves. */
export function findUser(state: SimTenantState, idOrUpn: string): SimUser | undefined {
  const key = idOrUpn.toLowerCase();
  return state.users.find((u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
}

export function findDevice(state: SimTenantState, id: string): SimDevice | undefined {
  const key = id.toLowerCase();
  return state.devices.find((d) => d.id.toLowerCase() === key);
}

export function devicesOf(state: SimTenantState, userId: string): SimDevice[] {
  return state.devices.filter((d) => d.userId === userId);
}

/** Is this tenant addressed by the path segment (its id or one of its domains)? */
export function isTenantSegment(state: SimTenantState, segment: string): boolean {
  const key = segment.toLowerCase();
  return key === state.tenantId.toLowerCase() || state.domains.some((d) => d.toLowerCase() === key);
}
