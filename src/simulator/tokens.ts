import { createHash, randomBytes } from 'node:crypto';
import type { SimContext } from './context';
import { GRAPH_RESOURCE, TEAMS_CLIENT_ID, issuerOf } from './context';
import { signJwt, type JwtClaims } from './jwt';
import type { SimUser } from './types';

/** Access tokens live an hour, like Entra's default (`expires_in` 3599). */
export const TOKEN_LIFETIME_SECONDS = 3600;

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const uti = (): string => randomBytes(16).toString('base64url');
/** A stable per-app subject, as Entra issues pairwise `sub` values. */
const pairwiseSub = (oid: string, appId: string): string => createHash('sha256').update(`${oid}|${appId}`).digest('base64url').slice(0, 43);

function lifetime(): { iat: number; nbf: number; exp: number } {
  const iat = nowSeconds();
  return { iat, nbf: iat, exp: iat + TOKEN_LIFETIME_SECONDS };
}

/**
 * A Teams SSO token for the bot's app: what Teams hands the bot in `signin/tokenExchange`
 * (v2.0, aud = the app's client id, scp access_as_user). `overrides` replace claims.
 */
export function signSsoToken(ctx: SimContext, user: SimUser, overrides: Record<string, unknown> = {}): string {
  const claims: JwtClaims = {
    aud: ctx.state.app.clientId,
    iss: issuerOf(ctx),
    ...lifetime(),
    azp: TEAMS_CLIENT_ID,
    azpacr: '0',
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    scp: 'access_as_user',
    sub: pairwiseSub(user.id, TEAMS_CLIENT_ID),
    tid: ctx.state.tenantId,
    uti: uti(),
    ver: '2.0',
    ...overrides,
  };
  return signJwt(claims, ctx.signingKey);
}

/** A delegated Graph access token (v1.0 format, as Graph tokens are). */
export function signDelegatedGraphToken(ctx: SimContext, user: SimUser, scopes: readonly string[]): string {
  const app = ctx.state.app;
  return signJwt(
    {
      aud: GRAPH_RESOURCE,
      iss: issuerOf(ctx),
      ...lifetime(),
      amr: ['pwd', 'mfa'],
      app_displayname: app.displayName,
      appid: app.clientId,
      appidacr: '1',
      idtyp: 'user',
      name: user.displayName,
      oid: user.id,
      scp: scopes.join(' '),
      sub: pairwiseSub(user.id, app.clientId),
      tid: ctx.state.tenantId,
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
      uti: uti(),
      ver: '1.0',
    },
    ctx.signingKey,
  );
}

/** An app-only Graph access token; `roles` is left out when nothing was granted, as Entra does. */
export function signAppGraphToken(ctx: SimContext, roles: readonly string[]): string {
  const app = ctx.state.app;
  const servicePrincipalId = createHash('sha256').update(`sp|${app.clientId}`).digest('hex');
  const spOid = `${servicePrincipalId.slice(0, 8)}-${servicePrincipalId.slice(8, 12)}-4${servicePrincipalId.slice(13, 16)}-8${servicePrincipalId.slice(17, 20)}-${servicePrincipalId.slice(20, 32)}`;
  return signJwt(
    {
      aud: GRAPH_RESOURCE,
      iss: issuerOf(ctx),
      ...lifetime(),
      app_displayname: app.displayName,
      appid: app.clientId,
      appidacr: '1',
      idtyp: 'app',
      oid: spOid,
      sub: spOid,
      tid: ctx.state.tenantId,
      uti: uti(),
      ver: '1.0',
      ...(roles.length > 0 ? { roles: [...roles] } : {}),
    },
    ctx.signingKey,
  );
}
