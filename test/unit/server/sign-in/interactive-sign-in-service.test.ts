import { strict as assert } from 'node:assert';
import { InteractiveSignInService } from '../../../../src/server/sign-in/interactive-sign-in-service';
import type { CodeRedeemer, CodeRedemption } from '../../../../src/server/sign-in/code-redeemer';
import { s256Challenge } from '../../../../src/server/sign-in/pkce';
import { MemoryLogger } from '../../../fakes';
import { unsignedJwt } from '../../adapters/identity/support/unsigned-jwt';

const TENANT = '11111111-1111-4111-8111-111111111111';
const CLIENT = '22222222-2222-4222-8222-222222222222';
const AGENT = { tenantId: TENANT, oid: 'aaaaaaaa-0000-4000-8000-000000000001' };
const BOT = 'https://passcodedesk.example.com';
const AUTHORITY = 'https://login.example.com';
const CLAIMS = '{"access_token":{"capolids":{"essential":true,"values":["ca01"]}}}';

/** Redeems every code for a token of `oid` (the account the browser signed in with). */
class FakeRedeemer implements CodeRedeemer {
  readonly calls: CodeRedemption[] = [];
  oid = AGENT.oid;
  failWith?: Error;
  async redeem(request: CodeRedemption): Promise<string> {
    this.calls.push(request);
    if (this.failWith) throw this.failWith;
    return unsignedJwt({ aud: CLIENT, tid: TENANT, oid: this.oid, scp: 'access_as_user', exp: Math.floor(Date.now() / 1000) + 3600 });
  }
}

function ticketOf(link: string): string {
  return new URL(link).searchParams.get('ticket') ?? '';
}

describe('Interactive sign-in service (the page\'s round trip through Entra)', () => {
  let redeemer: FakeRedeemer;
  let logger: MemoryLogger;
  let publicUrl: string | undefined;
  let service: InteractiveSignInService;

  beforeEach(() => {
    redeemer = new FakeRedeemer();
    logger = new MemoryLogger();
    publicUrl = BOT;
    service = new InteractiveSignInService({
      authorityHost: AUTHORITY,
      tenantId: TENANT,
      clientId: CLIENT,
      publicBaseUrl: () => publicUrl,
      redeemer,
      logger,
    });
  });

  /** Open the agent's link and come back from Entra with a code: what the browser does. */
  async function roundTrip(claims?: string): Promise<{ authorize: URL; outcome: Awaited<ReturnType<InteractiveSignInService['complete']>> }> {
    const link = service.linkFor({ ...AGENT, locale: 'en', claims, loginHint: 'hana@contoso.com' });
    assert.ok(link);
    const started = service.start(ticketOf(link));
    assert.ok(started.ok);
    const authorize = new URL(started.redirectTo);
    const outcome = await service.complete({ state: authorize.searchParams.get('state') ?? '', code: 'the-code' });
    return { authorize, outcome };
  }

  it('makes links under the public URL that carry an opaque ticket only', () => {
    const link = service.linkFor({ ...AGENT, locale: 'en', claims: CLAIMS, loginHint: 'hana@contoso.com' }) ?? '';
    assert.ok(link.startsWith(`${BOT}/auth/start?ticket=`));
    assert.ok(!link.includes(AGENT.oid) && !link.includes('hana') && !link.includes('capolids'), 'no user or challenge in the link');
  });

  it('when there is no public URL, then there is no link (the page is not offered)', () => {
    publicUrl = undefined;
    assert.equal(service.linkFor({ ...AGENT, locale: 'en' }), undefined);
    assert.deepEqual(service.start('any'), { ok: false, reason: 'unavailable' });
  });

  it('sends the browser to Entra\'s authorize endpoint for access_as_user with PKCE, state, nonce, login_hint and the claims challenge', async () => {
    const { authorize } = await roundTrip(CLAIMS);
    assert.equal(`${authorize.origin}${authorize.pathname}`, `${AUTHORITY}/${TENANT}/oauth2/v2.0/authorize`);
    const q = authorize.searchParams;
    assert.equal(q.get('client_id'), CLIENT);
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('redirect_uri'), `${BOT}/auth/callback`);
    assert.deepEqual(q.get('scope')?.split(' '), [`api://botid-${CLIENT}/access_as_user`, 'openid', 'profile', 'offline_access']);
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.equal(q.get('login_hint'), 'hana@contoso.com');
    assert.equal(q.get('claims'), CLAIMS);
    assert.ok(q.get('state') && q.get('nonce'));
  });

  it('redeems the code server-side with the PKCE verifier of that round trip, and hands over a one-time code', async () => {
    const { authorize, outcome } = await roundTrip(CLAIMS);
    assert.ok(outcome.ok);
    assert.match(outcome.handoverCode, /^\d{6}$/);
    const call = redeemer.calls[0];
    assert.ok(call);
    assert.equal(s256Challenge(call.codeVerifier), authorize.searchParams.get('code_challenge'));
    assert.equal(call.nonce, authorize.searchParams.get('nonce'));
    assert.equal(call.redirectUri, `${BOT}/auth/callback`);
    assert.equal(call.claims, CLAIMS);
    assert.deepEqual(call.scopes, [`api://botid-${CLIENT}/access_as_user`]);

    const redeemed = service.redeemHandover(outcome.handoverCode, AGENT);
    assert.ok(redeemed.ok);
    assert.equal(redeemed.assertion.split('.').length, 3);
    assert.deepEqual(service.redeemHandover(outcome.handoverCode, AGENT), { ok: false, reason: 'used' });
  });

  it('when the browser signed in with another account than the agent\'s, then no code is handed over', async () => {
    redeemer.oid = 'cccccccc-0000-4000-8000-000000000003';
    const { outcome } = await roundTrip();
    assert.deepEqual(outcome, { ok: false, reason: 'otherAccount', locale: 'en' });
  });

  it('when Entra sends an error back (cancelled, refused), then nothing is redeemed', async () => {
    const link = service.linkFor({ ...AGENT, locale: 'ja' }) ?? '';
    const started = service.start(ticketOf(link));
    assert.ok(started.ok);
    const state = new URL(started.redirectTo).searchParams.get('state') ?? '';
    const outcome = await service.complete({ state, error: 'access_denied' });
    assert.deepEqual(outcome, { ok: false, reason: 'denied', locale: 'ja' });
    assert.equal(redeemer.calls.length, 0);
  });

  it('when the code cannot be redeemed, then the sign-in failed and nothing but the error kind is logged', async () => {
    redeemer.failWith = Object.assign(new Error('AADSTS501481: The Code_Verifier does not match'), { errorCode: 'invalid_grant' });
    const { outcome } = await roundTrip();
    assert.deepEqual(outcome, { ok: false, reason: 'failed', locale: 'en' });
    assert.ok(logger.lines.some((l) => l.event === 'signIn.interactive.callbackRefused' && l.fields.error === 'invalid_grant'));
  });

  it('when a callback comes with a state it never sent, or the same state again, then it is refused', async () => {
    assert.deepEqual(await service.complete({ state: 'forged', code: 'x' }), { ok: false, reason: 'unknownState' });
    const { authorize } = await roundTrip();
    const replay = await service.complete({ state: authorize.searchParams.get('state') ?? '', code: 'the-code' });
    assert.deepEqual(replay, { ok: false, reason: 'unknownState' });
    assert.equal(redeemer.calls.length, 1, 'the code was redeemed once');
  });

  it('logs no code, state, ticket or token', async () => {
    const { authorize, outcome } = await roundTrip(CLAIMS);
    assert.ok(outcome.ok);
    service.redeemHandover(outcome.handoverCode, AGENT);
    const text = logger.text();
    for (const secret of [authorize.searchParams.get('state') ?? '', authorize.searchParams.get('nonce') ?? '', 'the-code']) {
      assert.ok(!text.includes(secret), 'a sign-in value was logged');
    }
    // Six digits may occur inside an id; the code must not be a value of its own.
    assert.ok(!text.includes(`"${outcome.handoverCode}"`), 'the handover code was logged');
    assert.ok(!/eyJ/.test(text), 'a token was logged');
  });
});
