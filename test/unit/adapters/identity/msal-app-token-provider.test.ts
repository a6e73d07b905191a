import assert from 'node:assert/strict';
import { ServerError, type AuthenticationResult, type ClientCredentialRequest } from '@azure/msal-node';
import { MsalAppTokenProvider, type ClientCredentialClient } from '../../../../src/adapters/identity/msal-app-token-provider';
import { memoryLogger } from '../../../fakes';
import { rejection } from '../../../support/app-error';

const CONSENT_URL = 'https://login.example.test/tenant-1/adminconsent?client_id=app-1';

class FakeClientCredentials implements ClientCredentialClient {
  readonly requests: ClientCredentialRequest[] = [];
  answer: () => Promise<AuthenticationResult | null> = async () => ({ accessToken: 'app-token-1' }) as AuthenticationResult;

  acquireTokenByClientCredential(request: ClientCredentialRequest): Promise<AuthenticationResult | null> {
    this.requests.push(request);
    return this.answer();
  }
}

describe('MsalAppTokenProvider (client credentials)', () => {
  it('asks for the Graph resource’s .default scope and returns the token', async () => {
    const msal = new FakeClientCredentials();
    const provider = new MsalAppTokenProvider({ msal, graphResource: 'https://graph.microsoft.com/', consentUrl: CONSENT_URL });

    assert.equal(await provider.getAppGraphToken(), 'app-token-1');
    assert.deepEqual(msal.requests, [{ scopes: ['https://graph.microsoft.com/.default'] }]);
  });

  it('missing consent becomes auth.consentRequired with the admin-consent link', async () => {
    const msal = new FakeClientCredentials();
    msal.answer = async () => {
      throw new ServerError('invalid_grant', 'corr', 'AADSTS65001: The user or administrator has not consented.', 'consent_required', '65001', 400);
    };
    const provider = new MsalAppTokenProvider({ msal, graphResource: 'https://graph.microsoft.com', consentUrl: CONSENT_URL });

    const error = await rejection(provider.getAppGraphToken());

    assert.equal(error.code, 'auth.consentRequired');
    assert.equal(error.details.consentUrl, CONSENT_URL);
  });

  it('any other failure is the bot’s own problem (auth.unexpected), never a user sign-in prompt; nothing secret is logged', async () => {
    const msal = new FakeClientCredentials();
    msal.answer = async () => {
      throw new ServerError('invalid_client', 'corr', 'AADSTS7000215: Invalid client secret provided.', undefined, '7000215', 401);
    };
    const logger = memoryLogger();
    const provider = new MsalAppTokenProvider({ msal, graphResource: 'https://graph.microsoft.com', consentUrl: CONSENT_URL, logger });

    const error = await rejection(provider.getAppGraphToken());

    assert.equal(error.code, 'auth.unexpected');
    assert.equal(error.details.errorCode, 'AADSTS7000215');
    assert.deepEqual(logger.events(), ['auth.appTokenFailed']);
  });

  it('an answer without a token is refused', async () => {
    const msal = new FakeClientCredentials();
    msal.answer = async () => null;
    const provider = new MsalAppTokenProvider({ msal, graphResource: 'https://graph.microsoft.com', consentUrl: CONSENT_URL });
    assert.equal((await rejection(provider.getAppGraphToken())).code, 'auth.unexpected');
  });
});
