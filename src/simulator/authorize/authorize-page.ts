import type { SimContext } from '../context';
import { isTenantSegment } from '../state';
import type { EntraRequest, EntraResult } from '../token-routes';
import type { SimUser } from '../types';
import { issueCode } from './authorization-codes';
import { readClaimsChallenge } from './mfa';

/**
 * `GET|POST /{tenant}/oauth2/v2.0/authorize`: a small stand-in for Entra's sign-in pages.
 * Step 1 picks (or confirms, from `login_hint`) the user; step 2, only when a `claims` challenge
 * was passed, is a simulated MFA approval; then the browser goes to `redirect_uri` with `code` and
 * `state`. Authorization code flow only (`response_type=code`, `response_mode=query`), PKCE S256.
 */

const HTML = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The authorize request's parameters: from the query (GET) or carried in the form (POST). */
interface AuthorizeParams {
  raw: URLSearchParams;
  clientId: string;
  redirectUri: string;
  state: string | null;
}

function page(title: string, body: string, status = 200): EntraResult {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>
<h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
  return { status, headers: HTML, body: html };
}

/** Entra shows an error page (no redirect) when the client or the redirect URI cannot be trusted. */
function errorPage(code: number, text: string): EntraResult {
  return page('Sorry, but we’re having trouble signing you in.', `<p id="error">AADSTS${code}: ${escapeHtml(text)}</p>`, 400);
}

/** Errors after the redirect URI is known go back to the client, with the state. */
function redirectError(params: AuthorizeParams, error: string, code: number, text: string): EntraResult {
  const url = new URL(params.redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', `AADSTS${code}: ${text}`);
  if (params.state !== null) url.searchParams.set('state', params.state);
  return { status: 302, headers: { Location: url.toString(), 'Cache-Control': 'no-store' }, body: undefined };
}

/** Loopback over http (any port), anything else over https: what the simulator accepts as a reply URL. */
function acceptableRedirect(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.hash) return false;
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** The app's own API scopes (`api://botid-{id}/x`, `api://{id}/x`, `{id}/x`), or undefined when a scope is foreign. */
function ownScopes(ctx: SimContext, scope: string): { scopes: string[]; openid: boolean } | undefined {
  const id = ctx.state.app.clientId.toLowerCase();
  const prefixes = [`api://botid-${id}/`, `api://${id}/`, `${id}/`];
  const scopes: string[] = [];
  let openid = false;
  for (const s of scope.split(/\s+/).filter(Boolean)) {
    if (OIDC_SCOPES.has(s.toLowerCase())) {
      openid ||= s.toLowerCase() === 'openid';
      continue;
    }
    if (!prefixes.some((p) => s.toLowerCase().startsWith(p))) return undefined;
    scopes.push(s);
  }
  return { scopes, openid };
}

function userByHint(ctx: SimContext, hint: string | null): SimUser | undefined {
  if (!hint) return undefined;
  const key = hint.trim().toLowerCase();
  return ctx.state.users.find((u) => u.userPrincipalName.toLowerCase() === key || u.mail?.toLowerCase() === key);
}

/** The original request, carried through the steps of the page. */
const hiddenRequest = (params: AuthorizeParams): string =>
  `<input type="hidden" name="request" value="${escapeHtml(params.raw.toString())}">`;

function signInStep(ctx: SimContext, params: AuthorizeParams): EntraResult {
  const hinted = userByHint(ctx, params.raw.get('login_hint'));
  const options = ctx.state.users
    .filter((u) => u.accountEnabled)
    .map((u) => `<option value="${escapeHtml(u.id)}"${u === hinted ? ' selected' : ''}>${escapeHtml(`${u.displayName} (${u.userPrincipalName})`)}</option>`)
    .join('');
  return page(
    `Sign in — ${ctx.state.displayName} (simulated)`,
    `<p>${escapeHtml(ctx.state.app.displayName)} wants to sign you in.</p>
<form method="post">
${hiddenRequest(params)}
<input type="hidden" name="step" value="password">
<label for="user">Account</label>
<select id="user" name="user">${options}</select>
<button type="submit" id="sign-in">Sign in</button>
<button type="submit" id="cancel" name="cancel" value="1">Cancel</button>
</form>`,
  );
}

function mfaStep(params: AuthorizeParams, user: SimUser): EntraResult {
  return page(
    'Approve sign in request (simulated)',
    `<p>Your organization requires additional verification for ${escapeHtml(user.userPrincipalName)}.</p>
<p>Open your authenticator app and approve the request.</p>
<form method="post">
${hiddenRequest(params)}
<input type="hidden" name="step" value="mfa">
<input type="hidden" name="user" value="${escapeHtml(user.id)}">
<button type="submit" id="approve">Approve</button>
<button type="submit" id="cancel" name="cancel" value="1">Cancel</button>
</form>`,
  );
}

/** Check the request as Entra does before showing anything; the errors it shows itself come first. */
function readParams(ctx: SimContext, raw: URLSearchParams): AuthorizeParams | EntraResult {
  const clientId = raw.get('client_id') ?? '';
  if (clientId !== ctx.state.app.clientId) {
    return errorPage(700016, `Application with identifier '${clientId}' was not found in the directory '${ctx.state.displayName}'.`);
  }
  const redirectUri = raw.get('redirect_uri') ?? '';
  if (!acceptableRedirect(redirectUri)) {
    return errorPage(50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`);
  }
  return { raw, clientId, redirectUri, state: raw.get('state') };
}

function complete(ctx: SimContext, params: AuthorizeParams, user: SimUser, mfa: boolean): EntraResult {
  const scope = ownScopes(ctx, params.raw.get('scope') ?? '');
  if (!scope) return redirectError(params, 'invalid_scope', 70011, 'The simulated tenant issues tokens for the app\'s own API only.');
  const challenge = readClaimsChallenge(params.raw.get('claims'));
  const code = issueCode(ctx, {
    clientId: params.clientId,
    redirectUri: params.redirectUri,
    codeChallenge: params.raw.get('code_challenge') ?? undefined,
    userId: user.id,
    scopes: scope.scopes,
    openid: scope.openid,
    nonce: params.raw.get('nonce') ?? undefined,
    mfa,
    acrs: mfa ? challenge.acrs : [],
  });
  const url = new URL(params.redirectUri);
  url.searchParams.set('code', code);
  if (params.state !== null) url.searchParams.set('state', params.state);
  return { status: 302, headers: { Location: url.toString(), 'Cache-Control': 'no-store' }, body: undefined };
}

function authorize(ctx: SimContext, req: EntraRequest): EntraResult {
  const form = req.method === 'POST' ? new URLSearchParams(req.body) : undefined;
  const read = readParams(ctx, form ? new URLSearchParams(form.get('request') ?? '') : req.query);
  if (!('raw' in read)) return read;
  const params = read;

  if (params.raw.get('response_type') !== 'code') {
    return redirectError(params, 'unsupported_response_type', 700054, 'The simulated tenant supports response_type=code only.');
  }
  const mode = params.raw.get('response_mode');
  if (mode !== null && mode !== 'query') {
    return redirectError(params, 'invalid_request', 900144, 'The simulated tenant supports response_mode=query only.');
  }
  if (params.raw.get('code_challenge') !== null && params.raw.get('code_challenge_method') !== 'S256') {
    return redirectError(params, 'invalid_request', 501491, 'The simulated tenant supports code_challenge_method=S256 only.');
  }
  if (!ownScopes(ctx, params.raw.get('scope') ?? '')) {
    return redirectError(params, 'invalid_scope', 70011, 'The simulated tenant issues tokens for the app\'s own API only.');
  }
  if (!form) return signInStep(ctx, params);
  if (form.get('cancel')) return redirectError(params, 'access_denied', 50126, 'The user canceled the authentication.');

  const user = ctx.state.users.find((u) => u.id === form.get('user'));
  if (!user) return signInStep(ctx, params);
  if (!user.accountEnabled) return redirectError(params, 'access_denied', 50057, 'The user account is disabled.');
  const challenged = readClaimsChallenge(params.raw.get('claims')).present;
  if (form.get('step') === 'mfa') return complete(ctx, params, user, true);
  return challenged ? mfaStep(params, user) : complete(ctx, params, user, false);
}

/** Route the authorize endpoint; undefined for any other path. */
export function routeAuthorize(ctx: SimContext, req: EntraRequest): EntraResult | undefined {
  const [tenant = '', ...rest] = req.segments;
  if (rest.join('/').toLowerCase() !== 'oauth2/v2.0/authorize') return undefined;
  if (req.method !== 'GET' && req.method !== 'POST') return undefined;
  if (!isTenantSegment(ctx.state, tenant) && !['common', 'organizations'].includes(tenant.toLowerCase())) {
    return errorPage(90002, `Tenant '${tenant}' not found.`);
  }
  return authorize(ctx, req);
}
