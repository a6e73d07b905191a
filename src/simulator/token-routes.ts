import { randomUUID } from 'node:crypto';
import { authenticateClient } from './client-auth';
import { authorizationCodeGrant, mfaSatisfied } from './authorize';
import type { SimContext } from './context';
import { GRAPH_APP_ID, GRAPH_RESOURCE, issuerOf } from './context';
import { publicJwk, verifyJwt } from './jwt';
import { isObject } from './http-io';
import { isTenantSegment } from './state';
import { signAppGraphToken, signDelegatedGraphToken, TOKEN_LIFETIME_SECONDS } from './tokens';

/** An Entra answer: JSON, or HTML text for the consent page. */
export interface EntraResult {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface EntraRequest {
  method: string;
  /** Path segments, e.g. ['{tenant}', 'oauth2', 'v2.0', 'token']. */
  segments: string[];
  query: URLSearchParams;
  body: string;
  header(name: string): string | undefined;
}

const NO_STORE = { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' };
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Entra's error document: `error`, `error_description` starting with AADSTSnnnn, `error_codes`, ids. */
export function entraError(
  req: EntraRequest,
  status: number,
  error: string,
  code: number,
  text: string,
  extra: Record<string, unknown> = {},
): EntraResult {
  const traceId = randomUUID();
  const correlationId = req.header('client-request-id') ?? randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status,
    headers: { ...NO_STORE, 'x-ms-request-id': traceId },
    body: {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      ...extra,
    },
  };
}

const missing = (req: EntraRequest, name: string): EntraResult =>
  entraError(req, 400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);

function openIdConfiguration(ctx: SimContext, tenant: string): EntraResult {
  const base = `${ctx.url}/${tenant}`;
  const issuer = tenant === ctx.state.tenantId ? issuerOf(ctx) : `${ctx.url}/{tenantid}/v2.0`;
  return {
    status: 200,
    headers: { 'Cache-Control': 'max-age=86400, private' },
    body: {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${ctx.url}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'WW',
      cloud_instance_name: new URL(ctx.url).host,
      cloud_graph_host_name: new URL(ctx.url).host,
      msgraph_host: new URL(ctx.url).host,
      rbac_url: ctx.url,
    },
  };
}

/** Split a `scope` parameter into Graph permission names, `.default`, OIDC scopes and other resources. */
function parseScopes(raw: string): { graph: string[]; isDefault: boolean; foreign: string[] } {
  const graph: string[] = [];
  const foreign: string[] = [];
  let isDefault = false;
  for (const scope of raw.split(/\s+/).filter(Boolean)) {
    if (['openid', 'profile', 'offline_access', 'email'].includes(scope.toLowerCase())) continue;
    const prefixed = [GRAPH_RESOURCE, GRAPH_APP_ID].find((r) => scope.toLowerCase().startsWith(`${r}/`));
    const name = prefixed ? scope.slice(prefixed.length + 1) : scope.includes('/') || scope.includes(':') ? undefined : scope;
    if (name === undefined) foreign.push(scope);
    else if (name === '.default') isDefault = true;
    else graph.push(name);
  }
  return { graph, isDefault, foreign };
}

const tokenAnswer = (accessToken: string, scope?: string): EntraResult => ({
  status: 200,
  headers: NO_STORE,
  body: {
    token_type: 'Bearer',
    ...(scope !== undefined ? { scope } : {}),
    expires_in: TOKEN_LIFETIME_SECONDS - 1,
    ext_expires_in: TOKEN_LIFETIME_SECONDS - 1,
    access_token: accessToken,
  },
});

function clientCredentials(ctx: SimContext, req: EntraRequest, form: URLSearchParams): EntraResult {
  const scope = form.get('scope') ?? '';
  const parsed = parseScopes(scope);
  if (parsed.foreign.length > 0) {
    return entraError(req, 400, 'invalid_resource', 500011, `The resource principal named ${parsed.foreign[0]} was not found in the tenant named ${ctx.state.displayName}.`);
  }
  if (!parsed.isDefault || parsed.graph.length > 0) {
    return entraError(req, 400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }
  const roles = ctx.state.adminConsentGranted ? ctx.state.app.applicationPermissions : [];
  return tokenAnswer(signAppGraphToken(ctx, roles));
}

function onBehalfOf(ctx: SimContext, req: EntraRequest, form: URLSearchParams): EntraResult {
  if (form.get('requested_token_use') !== 'on_behalf_of') return missing(req, 'requested_token_use');
  const assertion = form.get('assertion');
  if (!assertion) return missing(req, 'assertion');
  const app = ctx.state.app;
  const verified = verifyJwt(assertion, ctx.signingKey, Math.floor(Date.now() / 1000));
  if (!verified.ok) {
    if (verified.reason === 'malformed') return entraError(req, 400, 'invalid_request', 50027, 'JWT token is invalid or malformed.');
    if (verified.reason === 'badSignature') return entraError(req, 400, 'invalid_grant', 50013, 'Assertion failed signature validation.');
    return entraError(req, 400, 'invalid_grant', 500133, 'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.');
  }
  const c = verified.claims;
  const audiences = [app.clientId, `api://${app.clientId}`, `api://botid-${app.clientId}`];
  if (typeof c.aud !== 'string' || !audiences.includes(c.aud)) {
    return entraError(req, 400, 'invalid_grant', 50013, `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${String(c.aud)}' and the expected audience is '${app.clientId}' or one of the Application Id URIs of this web API.`);
  }
  if (c.tid !== ctx.state.tenantId) return entraError(req, 400, 'invalid_grant', 50013, 'Assertion contains an invalid tenant.');
  const user = ctx.state.users.find((u) => u.id === c.oid);
  if (!user) return entraError(req, 400, 'invalid_grant', 50034, `The user account ${String(c.oid)} does not exist in the ${ctx.state.tenantId} directory.`);
  if (!user.accountEnabled) return entraError(req, 400, 'invalid_grant', 50057, 'The user account is disabled.');

  const scopes = parseScopes(form.get('scope') ?? '');
  if (scopes.foreign.length > 0) {
    return entraError(req, 400, 'invalid_resource', 500011, `The resource principal named ${scopes.foreign[0]} was not found in the tenant named ${ctx.state.displayName}.`);
  }
  const granted = new Set(app.delegatedPermissions.map((p) => p.toLowerCase()));
  const consented = ctx.state.adminConsentGranted && scopes.graph.every((s) => granted.has(s.toLowerCase()));
  if (!consented) {
    return entraError(req, 400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`, { suberror: 'consent_required' });
  }
  if (user.mfaRequired && !mfaSatisfied(c)) {
    return entraError(req, 400, 'invalid_grant', 50076, `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${GRAPH_APP_ID}'.`, {
      suberror: 'basic_action',
      claims: JSON.stringify({ access_token: { capolids: { essential: true, values: ['9f3c1a2b-0000-4000-8000-00000000ca01'] } } }),
    });
  }
  const scope = app.delegatedPermissions.map((p) => `${GRAPH_RESOURCE}/${p}`).join(' ');
  const answer = tokenAnswer(signDelegatedGraphToken(ctx, user, app.delegatedPermissions), scope);
  // Entra identifies the account to clients that ask with client_info=1 (msal does).
  if (form.get('client_info') === '1' && isObject(answer.body)) {
    answer.body.client_info = Buffer.from(JSON.stringify({ uid: user.id, utid: ctx.state.tenantId })).toString('base64url');
  }
  return answer;
}

function token(ctx: SimContext, req: EntraRequest): EntraResult {
  const form = new URLSearchParams(req.body);
  const grantType = form.get('grant_type');
  if (!grantType) return missing(req, 'grant_type');
  const clientId = form.get('client_id');
  if (!clientId) return missing(req, 'client_id');
  const app = ctx.state.app;
  if (clientId !== app.clientId) {
    return entraError(req, 400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${ctx.state.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
  }
  // The app proves who it is with its secret or a certificate-signed client assertion.
  const refused = authenticateClient(ctx, req, form);
  if (refused) return entraError(req, refused.status, refused.error, refused.code, refused.text);
  if (grantType === 'client_credentials') return clientCredentials(ctx, req, form);
  if (grantType === JWT_BEARER) return onBehalfOf(ctx, req, form);
  if (grantType === 'authorization_code') return authorizationCodeGrant(ctx, req, form);
  return entraError(req, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A stand-in for the admin consent prompt: a button that grants the app's permissions. */
function adminConsent(ctx: SimContext, req: EntraRequest): EntraResult {
  if (req.method === 'POST') ctx.state.adminConsentGranted = true;
  const granted = ctx.state.adminConsentGranted;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Permissions requested</title></head><body>
<h1>${escapeHtml(ctx.state.app.displayName)} — simulated tenant ${escapeHtml(ctx.state.displayName)}</h1>
<p>${granted ? 'Admin consent has been granted.' : 'This app requests permissions for your organization:'}</p>
<ul>${ctx.state.app.delegatedPermissions.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>
${granted ? '' : '<form method="post"><button type="submit">Accept</button></form>'}
</body></html>`;
  return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html };
}

/** Route an Entra request; undefined when the path is not an Entra endpoint. */
export function routeEntra(ctx: SimContext, req: EntraRequest): EntraResult | undefined {
  const [tenant = '', ...rest] = req.segments;
  const path = rest.join('/').toLowerCase();
  const known = ['v2.0/.well-known/openid-configuration', 'discovery/v2.0/keys', 'oauth2/v2.0/token', 'adminconsent'];
  if (!known.includes(path)) return undefined;
  const isCommon = ['common', 'organizations'].includes(tenant.toLowerCase());
  if (!isTenantSegment(ctx.state, tenant) && !(isCommon && path !== 'oauth2/v2.0/token')) {
    return entraError(req, 400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }
  const tenantSegment = isCommon ? tenant : ctx.state.tenantId;
  switch (path) {
    case 'v2.0/.well-known/openid-configuration':
      return req.method === 'GET' ? openIdConfiguration(ctx, tenantSegment) : undefined;
    case 'discovery/v2.0/keys':
      return req.method === 'GET' ? { status: 200, body: { keys: [publicJwk(ctx.signingKey, issuerOf(ctx))] } } : undefined;
    case 'oauth2/v2.0/token':
      return req.method === 'POST' ? token(ctx, req) : undefined;
    default:
      return adminConsent(ctx, req);
  }
}
