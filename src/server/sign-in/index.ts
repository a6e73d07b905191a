import type { Logger } from '../../ports/logger';
import { createConfidentialClient, type ConfidentialClientSettings } from '../../adapters/identity/confidential-client';
import { MsalCodeRedeemer } from './code-redeemer';
import { InteractiveSignInService } from './interactive-sign-in-service';

export { InteractiveSignInService, SIGN_IN_PATHS, type CallbackOutcome, type StartOutcome } from './interactive-sign-in-service';
export { registerSignInRoutes, loadTeamsJs, type SignInPages, type SignInRoutesDeps } from './sign-in-routes';
export { MsalCodeRedeemer, type CodeRedeemer, type AuthorizationCodeClient } from './code-redeemer';
export { HandoverCodes } from './handover-codes';
export { SignInAttempts } from './sign-in-attempts';
export { createPkcePair, s256Challenge } from './pkce';

export interface InteractiveSignInSettings {
  /** The Entra app and its credential: the same as for on-behalf-of. */
  client: Omit<ConfidentialClientSettings, 'logger'>;
  /** The bot's public base URL, read when needed; undefined: the page is not offered. */
  publicBaseUrl: () => string | undefined;
  logger: Logger;
}

/**
 * The interactive sign-in fallback, with its own msal confidential client for redeeming codes
 * (kept apart from the on-behalf-of client, whose cache holds the agents' sessions).
 */
export function createInteractiveSignIn(settings: InteractiveSignInSettings): InteractiveSignInService {
  const msal = createConfidentialClient({ ...settings.client, logger: settings.logger });
  return new InteractiveSignInService({
    authorityHost: settings.client.authorityHost,
    tenantId: settings.client.tenantId,
    clientId: settings.client.clientId,
    publicBaseUrl: settings.publicBaseUrl,
    redeemer: new MsalCodeRedeemer(msal),
    logger: settings.logger,
  });
}
