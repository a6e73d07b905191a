import { ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  GovernmentConstants,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { channelTokenRefusal } from './channel-token-gate';
import { fixEmulatorIssuers } from './fixed-emulator-issuers';
import { ReusedConnectorClients } from './reused-connector-clients';

/**
 * Bot Framework authentication that refuses with 401 whenever a request cannot be authenticated.
 * botbuilder rethrows some token failures (e.g. a bad signature under a published key id) as a
 * plain Error, which CloudAdapter would answer with 500 and the library's message; to a caller
 * that is still "not authenticated", and the message is nobody's business.
 *
 * With a bot identity, a header that cannot hold a channel token (too long, not a bearer JWT,
 * another issuer) is refused before the library reads it, and the library's list of Emulator
 * issuers is fixed at construction (see channel-token-gate.ts and fixed-emulator-issuers.ts).
 */
export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  /** Connector and user-token clients reused across turns (see ReusedConnectorClients). */
  private readonly clients = new ReusedConnectorClients();
  /** The issuer of the channel's tokens; undefined without a bot identity (nothing is authenticated). */
  private readonly channelIssuer: string | undefined;

  constructor(config: ConfigurationBotFrameworkAuthenticationOptions = {}) {
    super(config);
    fixEmulatorIssuers();
    this.channelIssuer = config.MicrosoftAppId ? channelIssuerOf(config) : undefined;
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    if (this.channelIssuer !== undefined && channelTokenRefusal(authHeader, this.channelIssuer)) {
      throw new AuthenticationError('Unauthorized: the request could not be authenticated.', 401);
    }
    try {
      const result = await super.authenticateRequest(activity, authHeader);
      const factory = result.connectorFactory;
      return factory ? { ...result, connectorFactory: this.clients.connectorFactory(result.claimsIdentity, factory) } : result;
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError('Unauthorized: the request could not be authenticated.', 401);
    }
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.clients.connectorFactory(claimsIdentity, super.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.clients.userTokenClient(claimsIdentity, () => super.createUserTokenClient(claimsIdentity));
  }
}

/**
 * The channel token issuer the library checks, picked as botframework-connector's
 * BotFrameworkAuthenticationFactory does: the configured `ToBotFromChannelTokenIssuer`, else the
 * US Government cloud's when `ChannelService` names it, else the public cloud's.
 */
export function channelIssuerOf(config: ConfigurationBotFrameworkAuthenticationOptions): string {
  if (config.ToBotFromChannelTokenIssuer) return config.ToBotFromChannelTokenIssuer;
  return config.ChannelService === GovernmentConstants.ChannelService
    ? GovernmentConstants.ToBotFromChannelTokenIssuer
    : AuthenticationConstants.ToBotFromChannelTokenIssuer;
}
