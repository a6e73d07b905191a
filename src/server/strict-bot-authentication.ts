import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';

/**
 * Bot Framework authentication that refuses with 401 whenever a request cannot be authenticated.
 * botbuilder rethrows some token failures (e.g. a bad signature under a published key id) as a
 * plain Error, which CloudAdapter would answer with 500 and the library's message; to a caller
 * that is still "not authenticated", and the message is nobody's business.
 */
export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError('Unauthorized: the request could not be authenticated.', 401);
    }
  }
}
