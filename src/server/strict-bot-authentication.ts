import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import { ReusedConnectorClients } from './reused-connector-clients';

/**
 * Bot Framework authentication that refuses with 401 whenever a request cannot be authenticated.
 * botbuilder rethrows some token failures (e.g. a bad signature under a published key id) as a
 * plain Error, which CloudAdapter would answer with 500 and the library's message; to a caller
 * that is still "not authenticated", and the message is nobody's business.
 */
export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  /** Connector and user-token clients reused across turns (see ReusedConnectorClients). */
  private readonly clients = new ReusedConnectorClients();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
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
