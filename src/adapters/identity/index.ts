import type { DelegatedTokenProvider } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import { createConfidentialClient } from './confidential-client';
import { MsalDelegatedTokenProvider } from './msal-delegated-token-provider';

export { createConfidentialClient, knownAuthoritiesFor } from './confidential-client';
export { MsalDelegatedTokenProvider, graphScopes, graphResourceFor, adminConsentUrl, type OnBehalfOfClient } from './msal-delegated-token-provider';
export { SimulatorSsoSource } from './simulator-sso-source';
export { checkSsoToken, decodeJwtClaims } from './sso-token';

export interface DelegatedTokenProviderSettings {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  graphEndpoint: string;
  /** Resource of the Graph scopes; default: see graphResourceFor. */
  graphResource?: string;
  logger?: Logger;
}

/** msal confidential client + on-behalf-of provider. Called by the composition root only. */
export function createDelegatedTokenProvider(settings: DelegatedTokenProviderSettings): DelegatedTokenProvider {
  const logger = settings.logger?.child({ component: 'identity' });
  return new MsalDelegatedTokenProvider({
    msal: createConfidentialClient({ ...settings, logger }),
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    authorityHost: settings.authorityHost,
    graphEndpoint: settings.graphEndpoint,
    graphResource: settings.graphResource,
    logger,
  });
}
