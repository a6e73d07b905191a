import type { AuthenticationResult, OnBehalfOfRequest } from '@azure/msal-node';
import { AppError } from '../../domain/errors';
import type { DelegatedTokenProvider } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import { DEFAULT_MAX_SESSIONS, DelegatedSessions, heldToken, type DelegatedSession } from './delegated-sessions';
import { mapMsalError } from './msal-errors';
import { checkSsoToken } from './sso-token';

/** The msal calls we need; ConfidentialClientApplication satisfies it, tests pass a fake. */
export interface OnBehalfOfClient {
  acquireTokenOnBehalfOf(request: OnBehalfOfRequest): Promise<AuthenticationResult | null>;
  /** Empties msal's own token cache. */
  clearCache(): void;
}

/** Microsoft Graph hosts that are their own resource identifier (public and national clouds). */
const GRAPH_RESOURCE_HOSTS = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'graph.microsoft.de',
  'microsoftgraph.chinacloudapi.cn',
]);

/**
 * The resource the Graph scopes are requested for: the endpoint's origin when it is a Microsoft
 * Graph cloud, else Microsoft Graph's public identifier. A token is always *for Graph*; a private
 * endpoint (the simulator, a proxy) is where it is sent, not what Entra issues it for, and Entra
 * would answer AADSTS500011 (resource not found) for `https://127.0.0.1:8443/User.Read.All`.
 */
export function graphResourceFor(graphEndpoint: string): string {
  const url = new URL(graphEndpoint);
  return GRAPH_RESOURCE_HOSTS.has(url.hostname.toLowerCase()) ? url.origin : 'https://graph.microsoft.com';
}

/** The delegated Graph permissions every agent's sign-in asks for. */
export const SIGN_IN_PERMISSIONS: readonly string[] = [
  'DeviceManagementManagedDevices.PrivilegedOperations.All',
  'DeviceManagementManagedDevices.Read.All',
  'User.Read.All',
  'GroupMember.Read.All',
];

/** Delegated Graph permissions (default: the sign-in's) as scopes of the Graph resource. */
export function graphScopes(graphResource: string, permissions: readonly string[] = SIGN_IN_PERMISSIONS): string[] {
  const resource = graphResource.replace(/\/+$/, '');
  return permissions.map((permission) => `${resource}/${permission}`);
}

/** Where an administrator grants consent for the whole tenant. */
export function adminConsentUrl(authorityHost: string, tenantId: string, clientId: string): string {
  return `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/adminconsent?client_id=${encodeURIComponent(clientId)}`;
}

export interface MsalDelegatedTokenProviderOptions {
  msal: OnBehalfOfClient;
  tenantId: string;
  clientId: string;
  authorityHost: string;
  graphEndpoint: string;
  /** Override the resource of the Graph scopes; default `graphResourceFor(graphEndpoint)`. */
  graphResource?: string;
  logger?: Logger;
  /** Default: system time. */
  now?: () => number;
  /** Agents with a session at most; beyond it the least recently used is dropped. Default DEFAULT_MAX_SESSIONS. */
  maxSessions?: number;
}

/**
 * On-behalf-of Graph tokens for agents, in memory only.
 *
 * A session is the agent's Teams SSO token (the OBO assertion) and the Graph tokens exchanged for
 * it, keyed by oid (see DelegatedSessions for its bounds). getGraphToken answers with the held
 * token while it has more than a few minutes left, else exchanges the stored assertion again;
 * once Entra refuses an assertion that has expired, the session is dropped and the agent is asked
 * to sign in again.
 *
 * msal's own cache is emptied after each exchange: the tokens are held here already, and msal
 * would otherwise keep a second copy of every agent's tokens for the life of the process, and
 * scan all of them on each lookup.
 */
export class MsalDelegatedTokenProvider implements DelegatedTokenProvider {
  private readonly sessions: DelegatedSessions;
  private readonly scopes: string[];
  private readonly scopesKey: string;
  private readonly consentUrl: string;
  private readonly now: () => number;

  private readonly resource: string;

  constructor(private readonly options: MsalDelegatedTokenProviderOptions) {
    this.resource = options.graphResource ?? graphResourceFor(options.graphEndpoint);
    this.scopes = graphScopes(this.resource);
    this.scopesKey = this.scopes.join(' ');
    this.sessions = new DelegatedSessions(options.maxSessions ?? DEFAULT_MAX_SESSIONS);
    this.consentUrl = adminConsentUrl(options.authorityHost, options.tenantId, options.clientId);
    this.now = options.now ?? Date.now;
  }

  async signIn(ssoToken: string, expectedOid: string): Promise<void> {
    await this.establish(ssoToken, expectedOid, 'teamsSso');
  }

  /**
   * The token of the interactive sign-in page is an access token for our own API, like the Teams
   * SSO token: the same checks (tenant, app, user, lifetime) and the same on-behalf-of apply, so
   * Entra decides whether the sign-in satisfied its MFA or Conditional Access claims.
   */
  async adoptUserAssertion(assertion: string, expectedOid: string): Promise<void> {
    await this.establish(assertion, expectedOid, 'interactive');
  }

  private async establish(assertion: string, expectedOid: string, source: 'teamsSso' | 'interactive'): Promise<void> {
    const claims = checkSsoToken(assertion, {
      tenantId: this.options.tenantId,
      clientId: this.options.clientId,
      oid: expectedOid,
      nowMs: this.now(),
    });
    const token = await this.exchange(assertion, 'signIn', claims.oid);
    hold(this.sessions.start(claims.oid, assertion, claims.exp * 1000, this.now()), this.scopesKey, token);
    this.options.logger?.info('auth.signedIn', { oid: claims.oid, source });
  }

  async getGraphToken(oid: string): Promise<string> {
    return this.tokenFor(oid, this.scopes, this.scopesKey);
  }

  /**
   * A Graph token for exactly these delegated permissions: one on-behalf-of for them alone, so
   * auth.consentRequired says that one of them is not consented (the readiness check asks per
   * permission). Other errors as getGraphToken.
   */
  async getGraphTokenFor(oid: string, permissions: readonly string[]): Promise<string> {
    const scopes = graphScopes(this.resource, permissions);
    return this.tokenFor(oid, scopes, scopes.join(' '));
  }

  hasSession(oid: string): boolean {
    return this.sessions.get(oid, this.now()) !== undefined;
  }

  forget(oid: string): void {
    if (this.sessions.delete(oid)) this.options.logger?.info('auth.forgotten', { oid });
  }

  /** The held token for these scopes, or a new one exchanged with the session's assertion. */
  private async tokenFor(oid: string, scopes: string[], scopesKey: string): Promise<string> {
    const session = this.sessions.get(oid, this.now());
    if (!session) throw new AppError('auth.signInRequired', 'No sign-in is known for this user.');
    const held = heldToken(session, scopesKey, this.now());
    if (held !== undefined) return held;
    const token = await this.exchange(session.assertion, 'refresh', oid, scopes);
    hold(session, scopesKey, token);
    return token.value;
  }

  private async exchange(assertion: string, phase: 'signIn' | 'refresh', oid: string, scopes: string[] = this.scopes): Promise<ExchangedToken> {
    let result: AuthenticationResult | null;
    try {
      result = await this.options.msal.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes });
    } catch (error) {
      const mapped = mapMsalError(error, { phase, consentUrl: this.consentUrl });
      if (mapped.forgetSession) this.forget(oid);
      this.options.logger?.warn('auth.oboFailed', {
        oid,
        phase,
        code: mapped.error.code,
        errorCode: mapped.error.details.errorCode,
      });
      throw mapped.error;
    }
    this.options.msal.clearCache();
    if (!result?.accessToken) {
      throw new AppError('auth.unexpected', 'Entra answered the on-behalf-of request without an access token.');
    }
    return { value: result.accessToken, expiresAtMs: result.expiresOn ? result.expiresOn.getTime() : undefined };
  }
}

/** An exchanged token; without a known expiry it is used once and not held. */
interface ExchangedToken {
  value: string;
  expiresAtMs?: number;
}

function hold(session: DelegatedSession, scopesKey: string, token: ExchangedToken): void {
  if (token.expiresAtMs !== undefined) session.tokens.set(scopesKey, { value: token.value, expiresAtMs: token.expiresAtMs });
}
