import assert from 'node:assert/strict';
import { ConfidentialClientApplication, InteractionRequiredAuthError } from '@azure/msal-node';
import { DEMO_USERS, type RunningSimulator } from '../../../src/simulator';
import { call, claimsOf, startTestSimulator } from './helpers';

const GRAPH_SCOPES = [
  'https://graph.microsoft.com/DeviceManagementManagedDevices.PrivilegedOperations.All',
  'https://graph.microsoft.com/DeviceManagementManagedDevices.Read.All',
  'https://graph.microsoft.com/User.Read.All',
];

/** The bot's own msal configuration, pointed at the simulator. */
function msalFor(sim: RunningSimulator, secret = sim.clientSecret): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: sim.clientId,
      clientSecret: secret,
      authority: `${sim.url}/${sim.tenantId}`,
      knownAuthorities: [new URL(sim.url).host],
    },
  });
}

describe('simulator Entra ID: discovery and tokens with the real msal-node', () => {
  let sim: RunningSimulator;

  beforeEach(async () => {
    sim = await startTestSimulator();
  });
  afterEach(() => sim.close());

  it('acquireTokenOnBehalfOf exchanges a Teams SSO token for a delegated Graph token', async () => {
    const result = await msalFor(sim).acquireTokenOnBehalfOf({ oboAssertion: sim.signSsoToken(DEMO_USERS.hanaSuzuki), scopes: GRAPH_SCOPES });
    assert.ok(result);
    assert.equal(result.tokenType, 'Bearer');
    for (const s of GRAPH_SCOPES) assert.ok(result.scopes.includes(s), s);
    const claims = claimsOf(result.accessToken);
    assert.equal(claims.oid, DEMO_USERS.hanaSuzuki);
    assert.equal(claims.tid, sim.tenantId);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.match(String(claims.scp), /DeviceManagementManagedDevices\.PrivilegedOperations\.All/);
    // msal discovered the endpoints from the simulator and nothing else
    assert.ok(sim.requests.every((r) => r.path.startsWith(`/${sim.tenantId}/`)));
    assert.equal(sim.countRequests({ pathIncludes: '/.well-known/openid-configuration' }), 1);
  });

  it('msal answers a second OBO for the same assertion from its cache', async () => {
    const cca = msalFor(sim);
    const assertion = sim.signSsoToken(DEMO_USERS.hanaSuzuki);
    const first = await cca.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: GRAPH_SCOPES });
    const second = await cca.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: GRAPH_SCOPES });
    assert.equal(second?.accessToken, first?.accessToken);
    assert.equal(sim.countRequests({ method: 'POST', pathIncludes: '/oauth2/v2.0/token' }), 1);
  });

  it('acquireTokenByClientCredential gets an app-only token carrying the granted roles', async () => {
    const result = await msalFor(sim).acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    assert.ok(result);
    const claims = claimsOf(result.accessToken);
    assert.equal(claims.idtyp, 'app');
    assert.deepEqual(claims.roles, sim.tenant.app.applicationPermissions);
    assert.equal(claims.appid, sim.clientId);
  });

  it('without admin consent, OBO fails with consent_required (AADSTS65001), which msal raises as interaction required', async () => {
    sim.tenant.adminConsentGranted = false;
    await assert.rejects(
      msalFor(sim).acquireTokenOnBehalfOf({ oboAssertion: sim.signSsoToken(DEMO_USERS.hanaSuzuki), scopes: GRAPH_SCOPES }),
      (error: unknown) => {
        assert.ok(error instanceof InteractionRequiredAuthError);
        assert.equal(error.errorCode, 'invalid_grant');
        assert.equal(error.subError, 'consent_required');
        assert.match(error.errorMessage, /AADSTS65001/);
        return true;
      },
    );
  });

  it('asking for a permission the admin never granted is consent_required too', async () => {
    await assert.rejects(
      msalFor(sim).acquireTokenOnBehalfOf({ oboAssertion: sim.signSsoToken(DEMO_USERS.hanaSuzuki), scopes: ['https://graph.microsoft.com/Mail.Send'] }),
      (error: unknown) => error instanceof InteractionRequiredAuthError && error.subError === 'consent_required',
    );
  });

  it('a user who must pass MFA gets AADSTS50076 with a claims challenge', async () => {
    const kenji = sim.tenant.users.find((u) => u.id === DEMO_USERS.kenjiSato);
    assert.ok(kenji);
    kenji.mfaRequired = true;
    await assert.rejects(
      msalFor(sim).acquireTokenOnBehalfOf({ oboAssertion: sim.signSsoToken(DEMO_USERS.kenjiSato), scopes: GRAPH_SCOPES }),
      (error: unknown) => {
        assert.ok(error instanceof InteractionRequiredAuthError);
        assert.match(error.errorMessage, /AADSTS50076/);
        assert.ok(error.claims && JSON.parse(error.claims));
        return true;
      },
    );
  });

  it('a wrong client secret is invalid_client (401)', async () => {
    await assert.rejects(msalFor(sim, 'wrong').acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }), /invalid_client|AADSTS7000215/);
  });

  describe('the token endpoint checks the assertion', () => {
    const obo = (assertion: string) =>
      call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, {
        form: {
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          client_id: sim.clientId,
          client_secret: sim.clientSecret,
          assertion,
          requested_token_use: 'on_behalf_of',
          scope: GRAPH_SCOPES.join(' '),
        },
      });
    const codeOf = (answer: { body: unknown }) => (answer.body as { error_codes: number[] }).error_codes[0];

    it('answers like Entra on success: Bearer, scope, expires_in, access_token', async () => {
      const answer = await obo(sim.signSsoToken(DEMO_USERS.aliceSmith));
      assert.equal(answer.status, 200);
      const body = answer.body as Record<string, unknown>;
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.expires_in, 3599);
      assert.equal(typeof body.access_token, 'string');
      assert.match(String(body.scope), /https:\/\/graph\.microsoft\.com\/User\.Read\.All/);
      assert.equal(answer.headers.get('cache-control')?.includes('no-store'), true);
    });

    it('refuses an expired assertion (beyond five minutes of skew) with AADSTS500133', async () => {
      const past = Math.floor(Date.now() / 1000) - 3600;
      const answer = await obo(sim.signSsoToken(DEMO_USERS.hanaSuzuki, { iat: past - 3600, nbf: past - 3600, exp: past }));
      assert.equal(answer.status, 400);
      assert.equal((answer.body as { error: string }).error, 'invalid_grant');
      assert.equal(codeOf(answer), 500133);
    });

    it('refuses an assertion for another audience or tenant with AADSTS50013', async () => {
      assert.equal(codeOf(await obo(sim.signSsoToken(DEMO_USERS.hanaSuzuki, { aud: 'some-other-app' }))), 50013);
      assert.equal(codeOf(await obo(sim.signSsoToken(DEMO_USERS.hanaSuzuki, { tid: '00000000-0000-4000-8000-000000000000' }))), 50013);
    });

    it('accepts the api://botid-{clientId} audience of v1 Teams tokens', async () => {
      const answer = await obo(sim.signSsoToken(DEMO_USERS.hanaSuzuki, { aud: `api://botid-${sim.clientId}` }));
      assert.equal(answer.status, 200);
    });

    it('refuses a token it did not sign, and garbage', async () => {
      const genuine = sim.signSsoToken(DEMO_USERS.hanaSuzuki);
      const [h, p] = genuine.split('.');
      const forged = `${h}.${p}.${Buffer.from('not the signature').toString('base64url')}`;
      assert.equal(codeOf(await obo(forged)), 50013);
      assert.equal(codeOf(await obo('not-a-jwt')), 50027);
    });

    it('refuses an unknown user with AADSTS50034', async () => {
      assert.equal(codeOf(await obo(sim.signSsoToken('99999999-0000-4000-8000-000000000000'))), 50034);
    });

    it('error answers carry error, AADSTS description, codes, trace and correlation ids', async () => {
      const answer = await call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, {
        form: { grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret, scope: 'https://graph.microsoft.com/User.Read.All' },
        headers: { 'client-request-id': 'corr-1' },
      });
      assert.equal(answer.status, 400);
      const body = answer.body as Record<string, unknown>;
      assert.equal(body.error, 'invalid_scope');
      assert.match(String(body.error_description), /^AADSTS1002012: .*Correlation ID: corr-1/);
      assert.equal(body.correlation_id, 'corr-1');
      assert.equal(typeof body.trace_id, 'string');
    });

    it('an unknown tenant is AADSTS90002', async () => {
      const answer = await call(sim, 'GET', '/fabrikam.com/v2.0/.well-known/openid-configuration');
      assert.equal(answer.status, 400);
      assert.equal(codeOf(answer), 90002);
    });
  });

  it('the admin consent link shows a consent page whose Accept grants consent', async () => {
    sim.tenant.adminConsentGranted = false;
    const page = await call(sim, 'GET', `/${sim.tenantId}/adminconsent?client_id=${sim.clientId}`);
    assert.equal(page.status, 200);
    assert.match(String(page.body), /<form method="post">/);
    await call(sim, 'POST', `/${sim.tenantId}/adminconsent?client_id=${sim.clientId}`);
    assert.equal(sim.tenant.adminConsentGranted, true);
  });

  it('publishes discovery and JWKS pointing at itself; the JWKS key verifies its SSO tokens', async () => {
    const config = (await call(sim, 'GET', `/${sim.tenantId}/v2.0/.well-known/openid-configuration`)).body as Record<string, string>;
    assert.equal(config.issuer, `${sim.url}/${sim.tenantId}/v2.0`);
    assert.equal(config.token_endpoint, `${sim.url}/${sim.tenantId}/oauth2/v2.0/token`);
    assert.ok(config.authorization_endpoint?.startsWith(sim.url));
    const jwks = (await call(sim, 'GET', config.jwks_uri?.slice(sim.url.length) ?? '')).body as { keys: Array<Record<string, string>> };
    const { createPublicKey, createVerify } = await import('node:crypto');
    const token = sim.signSsoToken(DEMO_USERS.aliceSmith);
    const [h, p, s] = token.split('.') as [string, string, string];
    const kid = (JSON.parse(Buffer.from(h, 'base64url').toString()) as { kid: string }).kid;
    const jwk = jwks.keys.find((k) => k.kid === kid);
    assert.ok(jwk);
    const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
    assert.equal(createVerify('RSA-SHA256').update(`${h}.${p}`).verify(key, Buffer.from(s, 'base64url')), true);
    const claims = claimsOf(token);
    assert.equal(claims.aud, sim.clientId);
    assert.equal(claims.scp, 'access_as_user');
    assert.equal(claims.iss, config.issuer);
    assert.equal((claims.exp as number) - (claims.iat as number), 3600);
  });
});
