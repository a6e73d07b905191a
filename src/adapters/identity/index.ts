import type { AppTokenProvider } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import type { TokenCacheStore } from '../../ports/token-cache-store';
import { MemoryTokenCacheStore } from '../memory/memory-token-cache-store';
import { AgentTokenCaches } from './agent-token-caches';
import { confidentialClientFactory, createConfidentialClient, describeCredential, type ClientCertificateCredential } from './confidential-client';
import { TokenCacheCipher, type TokenCacheKeys } from './token-cache-cipher';
import { MsalAppTokenProvider } from './msal-app-token-provider';
import { adminConsentUrl, graphResourceFor, MsalDelegatedTokenProvider } from './msal-delegated-token-provider';

export { createConfidentialClient, knownAuthoritiesFor, describeCredential, type ClientCertificateCredential } from './confidential-client';
export { MsalDelegatedTokenProvider, graphScopes, graphResourceFor, adminConsentUrl, SIGN_IN_PERMISSIONS, type OnBehalfOfClient, type OnBehalfOfClientFactory } from './msal-delegated-token-provider';
export type { TokenCacheKeys } from './token-cache-cipher';
export { MsalAppTokenProvider, type ClientCredentialClient } from './msal-app-token-provider';
export { SimulatorSsoSource } from './simulator-sso-source';
export { checkSsoToken, decodeJwtClaims } from './sso-token';

export interface DelegatedTokenProviderSettings {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** The app's credential: a client secret, or a certificate (tenants that forbid secrets). */
  clientSecret?: string;
  clientCertificate?: ClientCertificateCredential;
  graphEndpoint: string;
  /** Resource of the Graph scopes; default: see graphResourceFor. */
  graphResource?: string;
  logger?: Logger;
  /** Per request to Entra; default DEFAULT_TOKEN_TIMEOUT_MS (10 s). */
  timeoutMs?: number;
}

/** Where agents' tokens are kept: shared storage with the settings' keys, or (demo) this process. */
export interface TokenCacheSettings {
  store: TokenCacheStore;
  keys: TokenCacheKeys;
}

/**
 * msal confidential clients + on-behalf-of provider over the token cache. Without `tokenCache`
 * the cache stays in this process (a demo without storage, tests), sealed with a key of its own.
 * Called by the composition root only.
 */
export function createDelegatedTokenProvider(settings: DelegatedTokenProviderSettings, tokenCache?: TokenCacheSettings): MsalDelegatedTokenProvider {
  const logger = settings.logger?.child({ component: 'identity' });
  // Said once at start-up, so an operator sees which credential is in use (never its value).
  logger?.info('identity.credential', describeCredential(settings));
  logger?.info('identity.tokenCache', { shared: tokenCache !== undefined, previousKey: tokenCache?.keys.previous !== undefined });
  const cipher = tokenCache ? new TokenCacheCipher(tokenCache.keys) : TokenCacheCipher.withRandomKey();
  const now = Date.now;
  return new MsalDelegatedTokenProvider({
    msal: confidentialClientFactory({ ...settings, logger }),
    caches: new AgentTokenCaches(tokenCache?.store ?? new MemoryTokenCacheStore(), cipher, now, logger),
    now,
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    authorityHost: settings.authorityHost,
    graphEndpoint: settings.graphEndpoint,
    graphResource: settings.graphResource,
    logger,
  });
}

/**
 * msal confidential client + app-only (client credentials) provider, for the bot's own reads of an
 * employee's devices. Called by the composition root only.
 */
export function createAppTokenProvider(settings: DelegatedTokenProviderSettings): AppTokenProvider {
  const logger = settings.logger?.child({ component: 'identity' });
  return new MsalAppTokenProvider({
    msal: createConfidentialClient({ ...settings, logger }),
    graphResource: settings.graphResource ?? graphResourceFor(settings.graphEndpoint),
    consentUrl: adminConsentUrl(settings.authorityHost, settings.tenantId, settings.clientId),
    logger,
  });
}
