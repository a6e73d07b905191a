import type { SimContext } from './context';
import { GRAPH_APP_ID, GRAPH_RESOURCE } from './context';
import { graphError, type GraphResult, type RequestIds } from './graph-errors';
import { verifyJwt } from './jwt';

/** Who a Graph request runs as, taken from a token the simulator issued. */
export type Principal =
  | { kind: 'user'; oid: string; appId: string; scopes: ReadonlySet<string> }
  | { kind: 'app'; appId: string; roles: ReadonlySet<string> };

/** The value for the request log: the user's object id, or 'app'. */
export const principalLabel = (p: Principal): string => (p.kind === 'user' ? p.oid : 'app');

function unauthorized(ctx: SimContext, message: string, ids: RequestIds): GraphResult {
  const result = graphError(401, 'InvalidAuthenticationToken', message, ids);
  result.headers = {
    'WWW-Authenticate': `Bearer realm="", authorization_uri="${ctx.url}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
  };
  return result;
}

const lower = (values: unknown): Set<string> =>
  new Set((Array.isArray(values) ? values : []).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase()));

/** Check the bearer token as Graph does: present, well formed, signed, alive, for Graph, for this tenant. */
export function authenticate(ctx: SimContext, authorization: string | undefined, ids: RequestIds): Principal | GraphResult {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return unauthorized(ctx, 'Access token is empty.', ids);
  const verified = verifyJwt(match[1] as string, ctx.signingKey, Math.floor(Date.now() / 1000));
  if (!verified.ok) {
    const messages = {
      malformed: 'IDX14100: JWT is not well formed, there are no dots (.).',
      badSignature: 'Access token validation failure.',
      expired: 'Lifetime validation failed, the token is expired.',
      notYetValid: 'Lifetime validation failed, the token is not yet valid.',
    } as const;
    return unauthorized(ctx, messages[verified.reason], ids);
  }
  const c = verified.claims;
  if (c.aud !== GRAPH_RESOURCE && c.aud !== GRAPH_APP_ID) return unauthorized(ctx, 'Access token validation failure. Invalid audience.', ids);
  if (c.tid !== ctx.state.tenantId) return unauthorized(ctx, 'Access token validation failure. Invalid issuer.', ids);
  const appId = typeof c.appid === 'string' ? c.appid : '';
  if (c.idtyp === 'app') return { kind: 'app', appId, roles: lower(c.roles) };
  const oid = typeof c.oid === 'string' ? c.oid : '';
  const user = ctx.state.users.find((u) => u.id === oid);
  if (!user || !user.accountEnabled) return unauthorized(ctx, 'Access token validation failure. The user is disabled or deleted.', ids);
  const scopes = lower(typeof c.scp === 'string' ? c.scp.split(' ') : []);
  return { kind: 'user', oid, appId, scopes };
}

export const isPrincipal = (v: Principal | GraphResult): v is Principal => 'kind' in v;

/**
 * Permission sets as the Graph reference lists them: any one of the alternatives, each of which
 * needs all of its permissions.
 */
export interface Requirement {
  delegated: string[][];
  application: string[][];
}

export function isGranted(p: Principal, req: Requirement): boolean {
  const held = p.kind === 'user' ? p.scopes : p.roles;
  const alternatives = p.kind === 'user' ? req.delegated : req.application;
  return alternatives.some((all) => all.every((perm) => held.has(perm.toLowerCase())));
}

const any = (...names: string[]): string[][] => names.map((n) => [n]);

export const READ_USERS: Requirement = {
  delegated: any('User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'),
  application: any('User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'),
};

export const READ_ME: Requirement = {
  delegated: any('User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'),
  application: [],
};

const userAndGroups = (users: string[]): string[][] =>
  users.flatMap((u) => [[u, 'GroupMember.Read.All'], [u, 'Group.Read.All']]).concat([['Directory.Read.All']]);

export const CHECK_OWN_GROUPS: Requirement = {
  delegated: [['User.Read'], ...userAndGroups(['User.ReadBasic.All', 'User.Read.All'])],
  application: [],
};

export const CHECK_USER_GROUPS: Requirement = {
  delegated: userAndGroups(['User.ReadBasic.All', 'User.Read.All']),
  application: userAndGroups(['User.Read.All']),
};

export const READ_DEVICES: Requirement = {
  delegated: any('DeviceManagementManagedDevices.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All'),
  application: any('DeviceManagementManagedDevices.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All'),
};

/** The reset runs as the agent: delegated only (the agent's Intune role applies on top). */
export const RESET_PASSCODE: Requirement = {
  delegated: any('DeviceManagementManagedDevices.PrivilegedOperations.All'),
  application: [],
};
