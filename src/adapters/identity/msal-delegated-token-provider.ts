import type { AccountInfo, AuthenticationResult, ICachePlugin, OnBehalfOfRequest } from '@azure/msal-node';
import { AppError } from '../../domain/errors';
import type { DelegatedTokenProvider } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import { agentCachePlugin } from './agent-cache-partition';
import { usableUntilMs, type AgentTokenCaches, type StoredAgentSession } from './agent-token-caches';
import { mapMsalError } from './msal-errors';
import { checkSsoToken } from './sso-token';

/** The msal calls we need; ConfidentialClientApplication satisfies it, tests pass a fake. */
export interface OnBehalfOfClient {
  acquireTokenOnBehalfOf(request: OnBehalfOfRequest): Promise<AuthenticationResult | null>;
  /** Reading the accounts loads the cache through its plugin (msal's on-behalf-of read does not). */
  getTokenCache(): { getAllAccounts(): Promise<AccountInfo[]> };
}

/** A new msal client whose token cache is the given plugin (one agent's partition). */
export type OnBehalfOfClientFactory = (cache: ICachePlugin) => OnBehalfOfClient;

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
  /** One msal client per operation, over the agent's partition of the shared token cache. */
  msal: OnBehalfOfClientFactory;
  /** Every agent's sealed sign-in, shared by all instances (memory in a demo without storage). */
  caches: AgentTokenCaches;
  tenantId: string;
  clientId: string;
  authorityHost: string;
  graphEndpoint: string;
  /** Override the resource of the Graph scopes; default `graphResourceFor(graphEndpoint)`. */
  graphResource?: string;
  logger?: Logger;
  /** Default: system time. */
  now?: () => number;
}

/**
 * On-behalf-of Graph tokens for agents, through msal's token cache shared by every instance.
 *
 * An agent's sign-in (the assertion and the Graph tokens msal exchanged for it) lives in their own
 * partition of the shared cache, sealed with the token cache key; any instance serves the agent
 * from it, also after a restart. Each operation gets its own msal client over that one partition:
 * msal holds nothing in memory between operations, so memory does not grow with the number of
 * agents, and a lookup never scans other agents' tokens. msal answers from the partition while a
 * token has more than five minutes left, else exchanges the stored assertion again; once Entra
 * refuses an assertion that has expired, the partition is deleted and the agent signs in again.
 */
export class MsalDelegatedTokenProvider implements DelegatedTokenProvider {
  private readonly scopes: string[];
  private readonly consentUrl: string;
  private readonly now: () => number;
  private readonly resource: string;

  constructor(private readonly options: MsalDelegatedTokenProviderOptions) {
    this.resource = options.graphResource ?? graphResourceFor(options.graphEndpoint);
    this.scopes = graphScopes(this.resource);
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
    // A new sign-in starts an empty partition: tokens of an earlier assertion are of no more use.
    const session: StoredAgentSession = { assertion, assertionExpiresAtMs: claims.exp * 1000, msalCache: '' };
    await this.exchange(claims.oid, session, 'signIn', this.scopes);
    this.options.logger?.info('auth.signedIn', { oid: claims.oid, source });
  }

  async getGraphToken(oid: string): Promise<string> {
    return this.tokenFor(oid, this.scopes);
  }

  /**
   * A Graph token for exactly these delegated permissions: one on-behalf-of for them alone, so
   * auth.consentRequired says that one of them is not consented (the readiness check asks per
   * permission). Other errors as getGraphToken.
   */
  async getGraphTokenFor(oid: string, permissions: readonly string[]): Promise<string> {
    return this.tokenFor(oid, graphScopes(this.resource, permissions));
  }

  async hasSession(oid: string): Promise<boolean> {
    const session = await this.options.caches.read(oid);
    return session !== undefined && usableUntilMs(session) > this.now();
  }

  async forget(oid: string): Promise<void> {
    await this.options.caches.delete(oid);
    this.options.logger?.info('auth.forgotten', { oid });
  }

  /** msal's token for these scopes from the agent's partition, or a new one for the stored assertion. */
  private async tokenFor(oid: string, scopes: string[]): Promise<string> {
    const session = await this.options.caches.read(oid);
    if (!session || usableUntilMs(session) <= this.now()) throw new AppError('auth.signInRequired', 'No sign-in is known for this user.');
    return this.exchange(oid, session, 'refresh', scopes);
  }

  private async exchange(oid: string, session: StoredAgentSession, phase: 'signIn' | 'refresh', scopes: string[]): Promise<string> {
    let result: AuthenticationResult | null;
    try {
      const msal = this.options.msal(agentCachePlugin(this.options.caches, oid, session, phase === 'refresh'));
      if (session.msalCache) await msal.getTokenCache().getAllAccounts();
      result = await msal.acquireTokenOnBehalfOf({ oboAssertion: session.assertion, scopes });
    } catch (error) {
      const mapped = mapMsalError(error, { phase, consentUrl: this.consentUrl });
      if (mapped.forgetSession) await this.forget(oid);
      this.options.logger?.warn('auth.oboFailed', {
        oid,
        phase,
        code: mapped.error.code,
        errorCode: mapped.error.details.errorCode,
      });
      throw mapped.error;
    }
    if (!result?.accessToken) {
      throw new AppError('auth.unexpected', 'Entra answered the on-behalf-of request without an access token.');
    }
    return result.accessToken;
  }
}
