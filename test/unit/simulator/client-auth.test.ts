import assert from 'node:assert/strict';
import { X509Certificate, createHash, createSign, randomUUID } from 'node:crypto';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createDelegatedTokenProvider } from '../../../src/adapters/identity';
import { parseClientCertificate, type ClientCertificate } from '../../../src/config/client-certificate';
import { DEMO_USERS, type RunningSimulator } from '../../../src/simulator';
import { MemoryLogger } from '../../fakes/memory-logger';
import { makeAppCertificate, type TestCertificate } from '../../support/test-certificates';
import { call, claimsOf, startTestSimulator } from './helpers';

const GRAPH_SCOPES = ['https://graph.microsoft.com/User.Read.All'];

describe('simulator Entra ID: the app authenticates with a certificate (client assertion)', function () {
  this.timeout(30_000);
  let sim: RunningSimulator;
  let registered: TestCertificate;
  let stranger: TestCertificate;
  const credentialOf = (c: TestCertificate): ClientCertificate => {
    const parsed = parseClientCertificate(c.pem, 'app.pem');
    if (typeof parsed === 'string') throw new Error(parsed);
    return parsed;
  };

  before(async () => {
    [registered, stranger] = await Promise.all([makeAppCertificate(), makeAppCertificate()]);
  });
  beforeEach(async () => {
    sim = await startTestSimulator();
    sim.tenant.app.certificates = [registered.cert];
  });
  afterEach(() => sim.close());

  /** The bot's msal configuration with a certificate instead of the secret. */
  const msalWith = (c: TestCertificate): ConfidentialClientApplication => {
    const { thumbprintSha256, privateKey, x5c } = credentialOf(c);
    return new ConfidentialClientApplication({
      auth: { clientId: sim.clientId, authority: `${sim.url}/${sim.tenantId}`, knownAuthorities: [new URL(sim.url).host], clientCertificate: { thumbprintSha256, privateKey, x5c } },
    });
  };

  it("on-behalf-of through the bot's own token provider works with the registered certificate", async () => {
    const logger = new MemoryLogger();
    const tokens = createDelegatedTokenProvider({
      authorityHost: sim.url,
      tenantId: sim.tenantId,
      clientId: sim.clientId,
      clientCertificate: credentialOf(registered),
      graphEndpoint: sim.url,
      logger,
    });
    await tokens.signIn(sim.signSsoToken(DEMO_USERS.hanaSuzuki), DEMO_USERS.hanaSuzuki);
    const claims = claimsOf(await tokens.getGraphToken(DEMO_USERS.hanaSuzuki));
    assert.equal(claims.oid, DEMO_USERS.hanaSuzuki);
    assert.equal(claims.appid, sim.clientId);
    // Start-up says which credential is in use, and never its key.
    const said = logger.lines.find((l) => l.event === 'identity.credential');
    assert.deepEqual(said?.fields.credential, 'certificate');
    assert.equal(said?.fields.thumbprintSha256, createHash('sha256').update(new X509Certificate(registered.cert).raw).digest('hex').toUpperCase());
    assert.doesNotMatch(logger.text(), /PRIVATE KEY|MII[A-Za-z0-9+/]{20}/);
  });

  it('client credentials (app-only) work with the registered certificate too', async () => {
    const result = await msalWith(registered).acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    assert.equal(claimsOf(result!.accessToken).idtyp, 'app');
  });

  it('a certificate the app does not have is refused: 401 invalid_client, AADSTS700027', async () => {
    await assert.rejects(
      msalWith(stranger).acquireTokenOnBehalfOf({ oboAssertion: sim.signSsoToken(DEMO_USERS.hanaSuzuki), scopes: GRAPH_SCOPES }),
      (error: unknown) => {
        const e = error as { errorCode?: string; errorMessage?: string };
        assert.equal(e.errorCode, 'invalid_client');
        assert.match(e.errorMessage ?? '', /AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application/);
        return true;
      },
    );
  });

  it('an app without any certificate refuses every assertion', async () => {
    sim.tenant.app.certificates = undefined;
    await assert.rejects(msalWith(registered).acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }), /AADSTS700027/);
  });

  describe('the token endpoint checks the assertion like Entra', () => {
    const thumbprint = (c: TestCertificate, hash: 'sha256' | 'sha1'): string => createHash(hash).update(new X509Certificate(c.cert).raw).digest('base64url');
    const endpoint = (): string => `${sim.url}/${sim.tenantId}/oauth2/v2.0/token`;
    const now = (): number => Math.floor(Date.now() / 1000);

    /** A client assertion as msal builds one, with parts to override. */
    const assertion = (o: { header?: Record<string, unknown>; claims?: Record<string, unknown>; signWith?: TestCertificate; alg?: 'RS256' } = {}): string => {
      const header = { alg: o.alg ?? 'RS256', typ: 'JWT', 'x5t#S256': thumbprint(registered, 'sha256'), ...o.header };
      const claims = { aud: endpoint(), iss: sim.clientId, sub: sim.clientId, jti: randomUUID(), nbf: now(), exp: now() + 600, ...o.claims };
      const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return `${input}.${createSign('RSA-SHA256').update(input).sign((o.signWith ?? registered).key, 'base64url')}`;
    };
    const clientCredentials = (clientAssertion: string, extra: Record<string, string> = {}) =>
      call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, {
        form: {
          grant_type: 'client_credentials',
          client_id: sim.clientId,
          scope: 'https://graph.microsoft.com/.default',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: clientAssertion,
          ...extra,
        },
      });
    const refusal = (answer: { status: number; body: unknown }) => {
      const body = answer.body as { error: string; error_codes: number[] };
      return [answer.status, body.error, body.error_codes[0]];
    };

    it('accepts an RS256 assertion naming the certificate by its SHA-1 thumbprint (x5t)', async () => {
      const answer = await clientCredentials(assertion({ header: { 'x5t#S256': undefined, x5t: thumbprint(registered, 'sha1') } }));
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    });

    it("refuses an assertion naming the registered certificate but signed with another key (signature)", async () => {
      const answer = await clientCredentials(assertion({ signWith: stranger }));
      assert.deepEqual(refusal(answer), [401, 'invalid_client', 700027]);
      assert.match(String((answer.body as { error_description: string }).error_description), /failed signature validation/);
    });

    it('refuses an assertion for another audience (AADSTS50012)', async () => {
      assert.deepEqual(refusal(await clientCredentials(assertion({ claims: { aud: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' } }))), [401, 'invalid_client', 50012]);
    });

    it("refuses an assertion whose issuer or subject is not the app (AADSTS700021)", async () => {
      assert.deepEqual(refusal(await clientCredentials(assertion({ claims: { iss: randomUUID() } }))), [401, 'invalid_client', 700021]);
      assert.deepEqual(refusal(await clientCredentials(assertion({ claims: { sub: randomUUID() } }))), [401, 'invalid_client', 700021]);
    });

    it('refuses an expired assertion, beyond five minutes of clock skew (AADSTS700024)', async () => {
      assert.deepEqual(refusal(await clientCredentials(assertion({ claims: { nbf: now() - 3600, exp: now() - 400 } }))), [401, 'invalid_client', 700024]);
      assert.equal((await clientCredentials(assertion({ claims: { exp: now() - 100 } }))).status, 200);
    });

    it('refuses garbage, a missing or wrong client_assertion_type, and a secret sent with an assertion', async () => {
      assert.deepEqual(refusal(await clientCredentials('not.a.jwt')), [401, 'invalid_client', 50027]);
      assert.equal((await clientCredentials(assertion(), { client_assertion_type: 'urn:example:other' })).status, 400);
      assert.deepEqual(refusal(await clientCredentials(assertion(), { client_secret: sim.clientSecret })), [400, 'invalid_request', 9002313]);
    });

    it('still accepts the client secret, and refuses a wrong one with AADSTS7000215', async () => {
      const form = { grant_type: 'client_credentials', client_id: sim.clientId, scope: 'https://graph.microsoft.com/.default' };
      assert.equal((await call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, { form: { ...form, client_secret: sim.clientSecret } })).status, 200);
      assert.deepEqual(refusal(await call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, { form: { ...form, client_secret: 'wrong' } })), [401, 'invalid_client', 7000215]);
      assert.deepEqual(refusal(await call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, { form })), [401, 'invalid_client', 7000218]);
    });
  });
});
