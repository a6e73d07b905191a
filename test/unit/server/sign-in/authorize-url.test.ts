import { strict as assert } from 'node:assert';
import { ConfidentialClientApplication, type INetworkModule, type NetworkResponse } from '@azure/msal-node';
import { accessAsUserScope, authorizeUrl, type AuthorizeUrlSettings } from '../../../../src/server/sign-in/authorize-url';
import { createPkcePair } from '../../../../src/server/sign-in/pkce';
import type { SignInAttempt } from '../../../../src/server/sign-in/sign-in-attempts';

const TENANT = '11111111-1111-4111-8111-111111111111';
const CLIENT = '22222222-2222-4222-8222-222222222222';
const AUTHORITY = 'https://login.example.com';
const SETTINGS: AuthorizeUrlSettings = { authorityHost: AUTHORITY, tenantId: TENANT, clientId: CLIENT, redirectUri: 'https://passcodedesk.example.com/auth/callback' };
const CLAIMS = '{"access_token":{"capolids":{"essential":true,"values":["ca01"]}}}';

/** The authority's discovery document, served to msal without a network. */
class DiscoveryOnly implements INetworkModule {
  async sendGetRequestAsync<T>(url: string): Promise<NetworkResponse<T>> {
    assert.equal(url, `${AUTHORITY}/${TENANT}/v2.0/.well-known/openid-configuration`);
    const base = `${AUTHORITY}/${TENANT}`;
    const body = {
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      issuer: `${base}/v2.0`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
    };
    return { headers: {}, body: body as T, status: 200 };
  }
  async sendPostRequestAsync<T>(): Promise<NetworkResponse<T>> {
    throw new Error('no POST expected');
  }
}

function attempt(extra: Partial<SignInAttempt> = {}): SignInAttempt {
  const pkce = createPkcePair();
  return {
    state: 'state-123',
    subject: { tenantId: TENANT, oid: 'aaaaaaaa-0000-4000-8000-000000000001' },
    locale: 'en',
    codeVerifier: pkce.verifier,
    codeChallenge: pkce.challenge,
    nonce: 'nonce-456',
    expiresAt: Date.now() + 60_000,
    ...extra,
  };
}

/** What msal-node's own getAuthCodeUrl writes for the same attempt. */
async function msalUrl(a: SignInAttempt): Promise<URL> {
  const msal = new ConfidentialClientApplication({
    auth: { clientId: CLIENT, authority: `${AUTHORITY}/${TENANT}`, clientSecret: 'unused', knownAuthorities: [new URL(AUTHORITY).host] },
    system: { networkClient: new DiscoveryOnly() },
  });
  return new URL(
    await msal.getAuthCodeUrl({
      scopes: [accessAsUserScope(CLIENT)],
      redirectUri: SETTINGS.redirectUri,
      state: a.state,
      nonce: a.nonce,
      codeChallenge: a.codeChallenge,
      codeChallengeMethod: 'S256',
      ...(a.loginHint ? { loginHint: a.loginHint } : {}),
      ...(a.claims ? { claims: a.claims } : {}),
    }),
  );
}

const scopesOf = (url: URL): string[] => (url.searchParams.get('scope') ?? '').split(' ').sort();

describe("Entra's authorize URL for the sign-in page", () => {
  for (const [name, extra] of [
    ['a first sign-in', {}],
    ["an agent's login_hint and a Conditional Access claims challenge", { loginHint: 'hana@contoso.example', claims: CLAIMS }],
  ] as const) {
    it(`asks Entra for what msal-node's getAuthCodeUrl asks, for ${name}`, async () => {
      const a = attempt(extra);
      const ours = new URL(authorizeUrl(SETTINGS, a));
      const theirs = await msalUrl(a);
      assert.equal(`${ours.origin}${ours.pathname}`, `${theirs.origin}${theirs.pathname}`);
      assert.deepEqual(scopesOf(ours), scopesOf(theirs));
      for (const [key, value] of ours.searchParams) if (key !== 'scope' && key !== 'claims') assert.equal(value, theirs.searchParams.get(key), key);
      // msal merges optional ID-token claims of its own into the claims; the access-token challenge is ours, unchanged.
      const theirClaims = JSON.parse(theirs.searchParams.get('claims') ?? '{}') as Record<string, unknown>;
      assert.deepEqual(theirClaims.access_token, a.claims ? (JSON.parse(a.claims) as Record<string, unknown>).access_token : undefined);
      assert.deepEqual(Object.keys(theirClaims).filter((k) => k !== 'access_token' && k !== 'id_token'), []);
      // Beyond ours, msal adds its telemetry (library, version, OS, request id), client_info and clidata for its account
      // cache, and X-AnchorMailbox (a routing hint repeating login_hint).
      const extras = [...theirs.searchParams.keys()].filter((key) => !ours.searchParams.has(key));
      assert.deepEqual(extras.filter((key) => !/^(x-client-|client-request-id$|client_info$|clidata$|claims$|X-AnchorMailbox$)/.test(key)), [], extras.join());
    });
  }

});
