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
import { ConsoleLogger } from '../adapters/logging/console-logger';
import { ServiceUrlAllowList, serviceUrlHost } from '../adapters/teams/service-url-allow-list';
import type { Logger } from '../ports/logger';
import { AllowedServiceUrlConnectors } from './allowed-service-urls';
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
 *
 * Service URLs outside `serviceUrls` are refused both ways: an authenticated activity naming one
 * gets 401 before its turn runs (so no conversation from there is ever kept), and no connector
 * client — the only way anything is sent — is built for one (see allowed-service-urls.ts).
 */
export interface StrictAuthenticationOptions {
  /** The service URLs the bot talks to; every one by default (local use, no identity). */
  serviceUrls?: ServiceUrlAllowList;
  logger?: Logger;
}

export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  /** Connector and user-token clients reused across turns (see ReusedConnectorClients). */
  private readonly clients = new ReusedConnectorClients();
  /** The issuer of the channel's tokens; undefined without a bot identity (nothing is authenticated). */
  private readonly channelIssuer: string | undefined;
  private readonly serviceUrls: ServiceUrlAllowList;
  private readonly logger: Logger;

  constructor(config: ConfigurationBotFrameworkAuthenticationOptions = {}, options: StrictAuthenticationOptions = {}) {
    super(config);
    fixEmulatorIssuers();
    this.channelIssuer = config.MicrosoftAppId ? channelIssuerOf(config) : undefined;
    this.serviceUrls = options.serviceUrls ?? ServiceUrlAllowList.anyHost();
    this.logger = options.logger ?? new ConsoleLogger();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    if (this.channelIssuer !== undefined && channelTokenRefusal(authHeader, this.channelIssuer)) {
      throw unauthorized();
    }
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw unauthorized();
    }
    // Logged only here, past the token checks: refused tokens cannot fill the log.
    if (!this.serviceUrls.allows(activity.serviceUrl)) {
      this.logger.warn('bot.serviceUrl.refused', { host: serviceUrlHost(activity.serviceUrl), direction: 'inbound' });
      throw unauthorized();
    }
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: this.connectorsFor(result.claimsIdentity, factory) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.connectorsFor(claimsIdentity, super.createConnectorFactory(claimsIdentity));
  }

  /** Checked before reuse, so a refused service URL never has a client. */
  private connectorsFor(claimsIdentity: ClaimsIdentity, inner: ConnectorFactory): ConnectorFactory {
    return new AllowedServiceUrlConnectors(this.clients.connectorFactory(claimsIdentity, inner), this.serviceUrls, this.logger);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.clients.userTokenClient(claimsIdentity, () => super.createUserTokenClient(claimsIdentity));
  }
}

/** One answer for every refusal: which check failed is nobody's business but the log's. */
function unauthorized(): AuthenticationError {
  return new AuthenticationError('Unauthorized: the request could not be authenticated.', 401);
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
