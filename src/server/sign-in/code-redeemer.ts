import type { AccountInfo, AuthenticationResult, AuthorizationCodeRequest } from '@azure/msal-node';

/** What the page's callback redeems: the code, with what the authorize request was made with. */
export interface CodeRedemption {
  code: string;
  redirectUri: string;
  codeVerifier: string;
  nonce: string;
  scopes: string[];
  claims?: string;
}

/** Turns an authorization code into the user's access token for our API (the OBO assertion). */
export interface CodeRedeemer {
  redeem(request: CodeRedemption): Promise<string>;
}

/** The msal calls we need; `ConfidentialClientApplication` satisfies it, tests pass a fake. */
export interface AuthorizationCodeClient {
  acquireTokenByCode(request: AuthorizationCodeRequest): Promise<AuthenticationResult | null>;
  getTokenCache(): { removeAccount(account: AccountInfo): Promise<void> };
}

/**
 * Redemption by msal-node's `acquireTokenByCode` as a confidential client (client credential plus
 * the PKCE verifier). Server-side on purpose: the code is worth nothing without our credential,
 * the verifier never reaches the browser, and no token ever does either — the page only gets a
 * short code that stands for the result.
 *
 * The client must be its own msal instance: the account is removed from its cache right away,
 * because the token's only use is as the assertion of the on-behalf-of that follows.
 */
export class MsalCodeRedeemer implements CodeRedeemer {
  constructor(private readonly msal: AuthorizationCodeClient) {}

  async redeem(request: CodeRedemption): Promise<string> {
    const result = await this.msal.acquireTokenByCode({
      code: request.code,
      redirectUri: request.redirectUri,
      codeVerifier: request.codeVerifier,
      nonce: request.nonce,
      scopes: request.scopes,
      ...(request.claims ? { claims: request.claims } : {}),
    });
    if (result?.account) await this.msal.getTokenCache().removeAccount(result.account);
    if (!result?.accessToken) throw new Error('Entra answered the authorization code without an access token.');
    return result.accessToken;
  }
}
