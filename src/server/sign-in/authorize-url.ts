import type { SignInAttempt } from './sign-in-attempts';

/** The scope of the Teams SSO token: what the page asks for, so the result goes through the same on-behalf-of. */
export function accessAsUserScope(clientId: string): string {
  return `api://botid-${clientId}/access_as_user`;
}

export interface AuthorizeUrlSettings {
  /** `https://login.microsoftonline.com` or the simulator. */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** Where Entra sends the browser back: `{public URL}/auth/callback`, registered on the app (Web). */
  redirectUri: string;
}

/**
 * Entra's authorize URL for one attempt: authorization code with PKCE (S256), our API's
 * `access_as_user` scope, the attempt's `state` and `nonce`, and the agent's `login_hint` and
 * `claims` challenge when known.
 *
 * Not msal's `getAuthCodeUrl`: it is async and first resolves the authority's discovery document
 * over the network, while `/auth/start` answers synchronously from memory (the attempt and this
 * URL). What it writes asks Entra for the same thing — a test compares the two — plus msal's
 * telemetry and optional ID-token claims. Should starting an attempt become async, the sign-in
 * service's msal client (`createInteractiveSignIn`) can write it instead.
 */
export function authorizeUrl(settings: AuthorizeUrlSettings, attempt: SignInAttempt): string {
  const host = settings.authorityHost.replace(/\/+$/, '');
  const url = new URL(`${host}/${encodeURIComponent(settings.tenantId)}/oauth2/v2.0/authorize`);
  const params = url.searchParams;
  params.set('client_id', settings.clientId);
  params.set('response_type', 'code');
  params.set('redirect_uri', settings.redirectUri);
  params.set('response_mode', 'query');
  params.set('scope', `${accessAsUserScope(settings.clientId)} openid profile offline_access`);
  params.set('state', attempt.state);
  params.set('nonce', attempt.nonce);
  params.set('code_challenge', attempt.codeChallenge);
  params.set('code_challenge_method', 'S256');
  if (attempt.loginHint) params.set('login_hint', attempt.loginHint);
  if (attempt.claims) params.set('claims', attempt.claims);
  return url.toString();
}
