import type { AuthenticationResult, ClientCredentialRequest } from '@azure/msal-node';
import { AppError } from '../../domain/errors';
import type { AppTokenProvider } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import { mapMsalError } from './msal-errors';

/** The one msal call we need; ConfidentialClientApplication satisfies it, tests pass a fake. */
export interface ClientCredentialClient {
  acquireTokenByClientCredential(request: ClientCredentialRequest): Promise<AuthenticationResult | null>;
}

export interface MsalAppTokenProviderOptions {
  msal: ClientCredentialClient;
  /** Resource of Microsoft Graph, e.g. `https://graph.microsoft.com` (see graphResourceFor). */
  graphResource: string;
  /** Where an administrator grants the app's permissions (shown on consent_required). */
  consentUrl: string;
  logger?: Logger;
}

/**
 * The bot's own app-only Graph token (client credentials), for reads that hold only
 * `DeviceManagementManagedDevices.Read.All`. msal keeps the token in its in-memory cache and
 * answers from it until it is about to expire. The token is never logged nor stored by us.
 *
 * Errors: auth.consentRequired (details.consentUrl) when the tenant has not granted the app's
 * permissions; auth.unexpected otherwise (wrong secret, unknown app, network).
 */
export class MsalAppTokenProvider implements AppTokenProvider {
  private readonly scopes: string[];

  constructor(private readonly options: MsalAppTokenProviderOptions) {
    // Client credentials take the resource's `.default` scope: whatever the admin granted the app.
    this.scopes = [`${options.graphResource.replace(/\/+$/, '')}/.default`];
  }

  async getAppGraphToken(): Promise<string> {
    let result: AuthenticationResult | null;
    try {
      result = await this.options.msal.acquireTokenByClientCredential({ scopes: this.scopes });
    } catch (error) {
      const mapped = mapMsalError(error, { phase: 'signIn', consentUrl: this.options.consentUrl }).error;
      // No user is involved: "sign in again" or "token rejected" would point at the wrong person.
      const appError =
        mapped.code === 'auth.consentRequired'
          ? mapped
          : new AppError('auth.unexpected', 'The bot could not get its own Microsoft Graph token.', {
              ...(mapped.details.errorCode !== undefined ? { errorCode: mapped.details.errorCode } : {}),
              ...(mapped.details.status !== undefined ? { status: mapped.details.status } : {}),
            });
      this.options.logger?.warn('auth.appTokenFailed', { code: appError.code, errorCode: appError.details.errorCode });
      throw appError;
    }
    if (!result?.accessToken) {
      throw new AppError('auth.unexpected', 'Entra answered the client credentials request without an access token.');
    }
    return result.accessToken;
  }
}
