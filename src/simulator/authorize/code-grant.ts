import { createHash, randomBytes } from 'node:crypto';
import type { SimContext } from '../context';
import { issuerOf } from '../context';
import { signJwt, type JwtClaims } from '../jwt';
import { entraError, type EntraRequest, type EntraResult } from '../token-routes';
import { TOKEN_LIFETIME_SECONDS } from '../tokens';
import type { SimUser } from '../types';
import { redeemCode, type IssuedCode } from './authorization-codes';

const NO_STORE = { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' };

const missing = (req: EntraRequest, name: string): EntraResult =>
  entraError(req, 400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);

/** base64url(SHA-256(verifier)): the only PKCE method the simulator accepts (S256). */
const s256 = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

function times(): { iat: number; nbf: number; exp: number } {
  const iat = Math.floor(Date.now() / 1000);
  return { iat, nbf: iat, exp: iat + TOKEN_LIFETIME_SECONDS };
}

const pairwiseSub = (oid: string, appId: string): string => createHash('sha256').update(`${oid}|${appId}`).digest('base64url').slice(0, 43);

/**
 * An access token for the app's own API, issued to the app itself: the same kind of token as a
 * Teams SSO token (aud = the app, scp access_as_user), so it can be the assertion of an
 * on-behalf-of. `amr` says whether the MFA step was passed.
 */
function accessToken(ctx: SimContext, user: SimUser, issued: IssuedCode): string {
  const app = ctx.state.app;
  const claims: JwtClaims = {
    aud: app.clientId,
    iss: issuerOf(ctx),
    ...times(),
    ...(issued.acrs.length > 0 ? { acrs: issued.acrs } : {}),
    amr: issued.mfa ? ['pwd', 'mfa'] : ['pwd'],
    azp: app.clientId,
    azpacr: '1',
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    scp: issued.scopes.map((s) => s.slice(s.lastIndexOf('/') + 1)).join(' '),
    sub: pairwiseSub(user.id, app.clientId),
    tid: ctx.state.tenantId,
    uti: randomBytes(16).toString('base64url'),
    ver: '2.0',
  };
  return signJwt(claims, ctx.signingKey);
}

function idToken(ctx: SimContext, user: SimUser, issued: IssuedCode): string {
  const app = ctx.state.app;
  return signJwt(
    {
      aud: app.clientId,
      iss: issuerOf(ctx),
      ...times(),
      name: user.displayName,
      ...(issued.nonce ? { nonce: issued.nonce } : {}),
      oid: user.id,
      preferred_username: user.userPrincipalName,
      sub: pairwiseSub(user.id, app.clientId),
      tid: ctx.state.tenantId,
      ver: '2.0',
    },
    ctx.signingKey,
  );
}

/**
 * `grant_type=authorization_code` at the token endpoint (client already authenticated): the code
 * works once and in time, for the client and redirect URI it was issued to, and with the PKCE
 * verifier whose S256 hash is the challenge of the authorize request.
 */
export function authorizationCodeGrant(ctx: SimContext, req: EntraRequest, form: URLSearchParams): EntraResult {
  const code = form.get('code');
  if (!code) return missing(req, 'code');
  const redirectUri = form.get('redirect_uri');
  if (!redirectUri) return missing(req, 'redirect_uri');
  const lookup = redeemCode(ctx, code);
  if (!lookup.ok) {
    if (lookup.reason === 'redeemed') return entraError(req, 400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
    if (lookup.reason === 'expired') return entraError(req, 400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
    return entraError(req, 400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
  }
  const issued = lookup.issued;
  if (issued.clientId !== form.get('client_id')) {
    return entraError(req, 400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.');
  }
  if (issued.redirectUri !== redirectUri) {
    return entraError(req, 400, 'invalid_grant', 500112, 'The reply address does not match the reply address provided when requesting Authorization code.');
  }
  if (issued.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier');
    if (!verifier) return missing(req, 'code_verifier');
    if (s256(verifier) !== issued.codeChallenge) {
      return entraError(req, 400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
    }
  }
  const user = ctx.state.users.find((u) => u.id === issued.userId);
  if (!user || !user.accountEnabled) return entraError(req, 400, 'invalid_grant', 50057, 'The user account is disabled.');

  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: issued.scopes.join(' '),
    expires_in: TOKEN_LIFETIME_SECONDS - 1,
    ext_expires_in: TOKEN_LIFETIME_SECONDS - 1,
    access_token: accessToken(ctx, user, issued),
  };
  if (issued.openid) body.id_token = idToken(ctx, user, issued);
  if (form.get('client_info') === '1') {
    body.client_info = Buffer.from(JSON.stringify({ uid: user.id, utid: ctx.state.tenantId })).toString('base64url');
  }
  return { status: 200, headers: NO_STORE, body };
}
