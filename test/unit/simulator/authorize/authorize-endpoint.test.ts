import assert from 'node:assert/strict';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { DEMO_USERS, type RunningSimulator } from '../../../../src/simulator';
import { createPkcePair } from '../../../../src/server/sign-in/pkce';
import { call, claimsOf, startTestSimulator } from '../helpers';

const REDIRECT = 'http://127.0.0.1:3978/auth/callback';
const CLAIMS = '{"access_token":{"capolids":{"essential":true,"values":["ca01"]}}}';

function msalFor(sim: RunningSimulator): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: { clientId: sim.clientId, clientSecret: sim.clientSecret, authority: `${sim.url}/${sim.tenantId}`, knownAuthorities: [new URL(sim.url).host] },
  });
}

describe('simulator Entra ID: authorize page and the authorization code grant (PKCE)', () => {
  let sim: RunningSimulator;
  beforeEach(async () => {
    sim = await startTestSimulator();
  });
  afterEach(() => sim.close());

  function authorizeQuery(challenge: string, extra: Record<string, string> = {}): string {
    return new URLSearchParams({
      client_id: sim.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT,
      response_mode: 'query',
      scope: `api://botid-${sim.clientId}/access_as_user openid profile offline_access`,
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    }).toString();
  }

  /** A form POST to the authorize page, without following its redirect. */
  async function postAuthorize(form: Record<string, string>): Promise<{ status: number; location: string; body: string }> {
    const res = await fetch(`${sim.url}/${sim.tenantId}/oauth2/v2.0/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    return { status: res.status, location: res.headers.get('location') ?? '', body: await res.text() };
  }

  /** Walk the page's steps as a browser would (user, then MFA if asked); return the redirect. */
  async function signIn(query: string, user: string, steps: Array<'password' | 'mfa'>): Promise<URL> {
    let location = '';
    for (const step of steps) {
      const answer = await postAuthorize({ request: query, step, user });
      if (answer.status === 302) {
        location = answer.location;
        break;
      }
      assert.equal(answer.status, 200);
    }
    assert.ok(location, 'the page redirected back');
    return new URL(location);
  }

  it('shows a sign-in page with the hinted user preselected', async () => {
    const { challenge } = createPkcePair();
    const page = await call(sim, 'GET', `/${sim.tenantId}/oauth2/v2.0/authorize?${authorizeQuery(challenge, { login_hint: 'HANA@contoso.com' })}`);
    assert.equal(page.status, 200);
    assert.match(String(page.body), new RegExp(`<option value="${DEMO_USERS.hanaSuzuki}" selected>`));
  });

  it('with a claims challenge, asks for MFA; the redeemed token then shows MFA and the on-behalf-of of an MFA user works', async () => {
    sim.tenant.users.find((u) => u.id === DEMO_USERS.hanaSuzuki)!.mfaRequired = true;
    const pkce = createPkcePair();
    const query = authorizeQuery(pkce.challenge, { claims: CLAIMS });
    const afterPassword = await postAuthorize({ request: query, step: 'password', user: DEMO_USERS.hanaSuzuki });
    assert.equal(afterPassword.status, 200);
    assert.match(afterPassword.body, /Approve/);
    const back = await signIn(query, DEMO_USERS.hanaSuzuki, ['mfa']);
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
    assert.equal(back.searchParams.get('state'), 'state-1');

    const msal = msalFor(sim);
    const result = await msal.acquireTokenByCode({
      code: back.searchParams.get('code') ?? '',
      redirectUri: REDIRECT,
      codeVerifier: pkce.verifier,
      nonce: 'nonce-1',
      scopes: [`api://botid-${sim.clientId}/access_as_user`],
    });
    const claims = claimsOf(result.accessToken);
    assert.equal(claims.oid, DEMO_USERS.hanaSuzuki);
    assert.equal(claims.aud, sim.clientId);
    assert.equal(claims.scp, 'access_as_user');
    assert.deepEqual(claims.amr, ['pwd', 'mfa']);

    const obo = await msal.acquireTokenOnBehalfOf({ oboAssertion: result.accessToken, scopes: ['https://graph.microsoft.com/User.Read.All'] });
    assert.ok(obo?.accessToken, 'the on-behalf-of works after MFA');
    await assert.rejects(
      msal.acquireTokenOnBehalfOf({ oboAssertion: sim.signSsoToken(DEMO_USERS.hanaSuzuki), scopes: ['https://graph.microsoft.com/User.Read.All'] }),
      /50076/,
      'a plain SSO token of the same user still needs MFA',
    );
  });

  it('refuses a code redeemed with the wrong PKCE verifier, and a code redeemed twice', async () => {
    const pkce = createPkcePair();
    const back = await signIn(authorizeQuery(pkce.challenge), DEMO_USERS.hanaSuzuki, ['password']);
    const code = back.searchParams.get('code') ?? '';
    const form = (verifier: string) => ({
      grant_type: 'authorization_code',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      scope: `api://botid-${sim.clientId}/access_as_user`,
    });
    const wrong = await call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, { form: form(createPkcePair().verifier) });
    assert.equal(wrong.status, 400);
    assert.match(JSON.stringify(wrong.body), /AADSTS501481/);

    const second = createPkcePair();
    const fresh = await signIn(authorizeQuery(second.challenge), DEMO_USERS.hanaSuzuki, ['password']);
    const good = { ...form(second.verifier), code: fresh.searchParams.get('code') ?? '' };
    assert.equal((await call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, { form: good })).status, 200);
    const again = await call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, { form: good });
    assert.equal(again.status, 400);
    assert.match(JSON.stringify(again.body), /AADSTS54005/);
  });

  it('without a claims challenge, signs in without MFA (amr pwd only)', async () => {
    const pkce = createPkcePair();
    const back = await signIn(authorizeQuery(pkce.challenge), DEMO_USERS.hanaSuzuki, ['password']);
    const token = await call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, {
      form: {
        grant_type: 'authorization_code',
        client_id: sim.clientId,
        client_secret: sim.clientSecret,
        code: back.searchParams.get('code') ?? '',
        redirect_uri: REDIRECT,
        code_verifier: pkce.verifier,
      },
    });
    assert.equal(token.status, 200);
    const accessToken = (token.body as { access_token: string }).access_token;
    assert.deepEqual(claimsOf(accessToken).amr, ['pwd']);
  });

  it('answers an unknown client or an unusable redirect URI with an error page, not a redirect', async () => {
    const { challenge } = createPkcePair();
    const unknownClient = await call(sim, 'GET', `/${sim.tenantId}/oauth2/v2.0/authorize?${authorizeQuery(challenge, { client_id: '00000000-0000-4000-8000-000000000000' })}`);
    assert.equal(unknownClient.status, 400);
    assert.match(String(unknownClient.body), /AADSTS700016/);
    const badRedirect = await call(sim, 'GET', `/${sim.tenantId}/oauth2/v2.0/authorize?${authorizeQuery(challenge, { redirect_uri: 'http://evil.example/cb' })}`);
    assert.equal(badRedirect.status, 400);
    assert.match(String(badRedirect.body), /AADSTS50011/);
  });

  it('sends the user back with access_denied when they cancel', async () => {
    const { challenge } = createPkcePair();
    const answer = await postAuthorize({ request: authorizeQuery(challenge), cancel: '1' });
    assert.equal(answer.status, 302);
    const back = new URL(answer.location);
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('state'), 'state-1');
  });
});
