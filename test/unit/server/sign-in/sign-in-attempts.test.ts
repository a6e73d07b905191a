import { strict as assert } from 'node:assert';
import { s256Challenge } from '../../../../src/server/sign-in/pkce';
import { SignInAttempts, type SignInAttempt } from '../../../../src/server/sign-in/sign-in-attempts';

const TENANT = '11111111-1111-4111-8111-111111111111';
const AGENT = { tenantId: TENANT, oid: 'aaaaaaaa-0000-4000-8000-000000000001' };
const OTHER = { tenantId: TENANT, oid: 'bbbbbbbb-0000-4000-8000-000000000002' };

function begun(attempts: SignInAttempts, ticket: string): SignInAttempt {
  const result = attempts.begin(ticket);
  if (!result.ok) throw new Error(`not begun: ${result.reason}`);
  return result.value;
}

describe('Sign-in attempts (links and the state of each round trip to Entra)', () => {
  let nowMs: number;
  let attempts: SignInAttempts;
  beforeEach(() => {
    nowMs = Date.parse('2026-11-25T10:00:00Z');
    attempts = new SignInAttempts({ ticketTtlMs: 15 * 60 * 1000, attemptTtlMs: 10 * 60 * 1000, now: () => nowMs });
  });

  it('binds the state of a round trip to the agent the link was made for', () => {
    const ticket = attempts.issueTicket({ ...AGENT, locale: 'ja' });
    const attempt = begun(attempts, ticket);
    assert.deepEqual(attempt.subject, AGENT);
    assert.equal(attempt.locale, 'ja');
    const taken = attempts.take(attempt.state);
    assert.ok(taken.ok);
    assert.deepEqual(taken.value.subject, AGENT);
  });

  it('gives each page load its own state, PKCE pair and nonce', () => {
    const ticket = attempts.issueTicket({ ...AGENT, locale: 'en' });
    const first = begun(attempts, ticket);
    const second = begun(attempts, ticket);
    assert.notEqual(first.state, second.state);
    assert.notEqual(first.codeVerifier, second.codeVerifier);
    assert.notEqual(first.nonce, second.nonce);
    assert.equal(first.codeChallenge, s256Challenge(first.codeVerifier));
  });

  it('when a state comes back twice, then the second time it is unknown', () => {
    const attempt = begun(attempts, attempts.issueTicket({ ...AGENT, locale: 'en' }));
    assert.equal(attempts.take(attempt.state).ok, true);
    assert.deepEqual(attempts.take(attempt.state), { ok: false, reason: 'unknown' });
  });

  it('when the agent comes back from Entra too late, then the state has expired', () => {
    const attempt = begun(attempts, attempts.issueTicket({ ...AGENT, locale: 'en' }));
    nowMs += 10 * 60 * 1000;
    assert.deepEqual(attempts.take(attempt.state), { ok: false, reason: 'expired' });
  });

  it('when a link is opened after its lifetime, then it has expired', () => {
    const ticket = attempts.issueTicket({ ...AGENT, locale: 'en' });
    nowMs += 15 * 60 * 1000;
    assert.deepEqual(attempts.begin(ticket), { ok: false, reason: 'expired' });
  });

  it('when links keep coming, then expired ones are let go and, beyond the bound, the oldest', () => {
    const bounded = new SignInAttempts({ ticketTtlMs: 60_000, maxEntries: 2, now: () => nowMs });
    const expired = bounded.issueTicket({ ...AGENT, locale: 'en' });
    nowMs += 60_000;
    const oldest = bounded.issueTicket({ ...AGENT, locale: 'en' });
    assert.deepEqual(bounded.begin(expired), { ok: false, reason: 'unknown' });
    const middle = bounded.issueTicket({ ...AGENT, locale: 'en' });
    const newest = bounded.issueTicket({ ...AGENT, locale: 'en' });
    assert.deepEqual(bounded.begin(oldest), { ok: false, reason: 'unknown' });
    assert.equal(bounded.begin(middle).ok, true);
    assert.equal(bounded.begin(newest).ok, true);
  });

  it('when one agent loads their page again and again, then another agent\'s round trip is never pushed out', () => {
    const bounded = new SignInAttempts({ maxEntries: 10, now: () => nowMs });
    const others = begun(bounded, bounded.issueTicket({ ...OTHER, locale: 'en' }));
    const flooding = bounded.issueTicket({ ...AGENT, locale: 'en' });
    for (let i = 0; i < 100; i++) begun(bounded, flooding);

    assert.equal(bounded.take(others.state).ok, true);
  });

  it('when an agent has more than three round trips pending, then their oldest goes first and the newest three still work', () => {
    const ticket = attempts.issueTicket({ ...AGENT, locale: 'en' });
    const [first, ...rest] = [1, 2, 3, 4].map(() => begun(attempts, ticket));

    assert.deepEqual(attempts.take(first!.state), { ok: false, reason: 'unknown' });
    assert.deepEqual(rest.map((attempt) => attempts.take(attempt.state).ok), [true, true, true]);
  });

  it('when the bot makes link after link for one agent, then another agent\'s link keeps working, and that agent keeps their newest three', () => {
    const bounded = new SignInAttempts({ maxEntries: 10, now: () => nowMs });
    const othersLink = bounded.issueTicket({ ...OTHER, locale: 'en' });
    const links = Array.from({ length: 100 }, () => bounded.issueTicket({ ...AGENT, locale: 'en' }));

    assert.equal(bounded.begin(othersLink).ok, true);
    assert.deepEqual(links.slice(-4).map((link) => bounded.begin(link).ok), [false, true, true, true]);
  });

  it('a challenge learnt again lives on from then, while older ones expire', () => {
    const short = new SignInAttempts({ ticketTtlMs: 60_000, now: () => nowMs });
    short.noteChallenge(AGENT, { loginHint: 'hana@contoso.com' });
    short.noteChallenge(OTHER, { loginHint: 'kenji@contoso.com' });
    nowMs += 30_000;
    short.noteChallenge(AGENT, { claims: '{"access_token":{}}' });
    nowMs += 45_000;
    const agentLink = begun(short, short.issueTicket({ ...AGENT, locale: 'en' }));
    const otherLink = begun(short, short.issueTicket({ ...OTHER, locale: 'en' }));
    assert.equal(agentLink.loginHint, 'hana@contoso.com');
    assert.equal(agentLink.claims, '{"access_token":{}}');
    assert.equal(otherLink.loginHint, undefined);
  });

  it('refuses a state or a ticket it never made', () => {
    assert.deepEqual(attempts.begin('made-up'), { ok: false, reason: 'unknown' });
    assert.deepEqual(attempts.take('made-up'), { ok: false, reason: 'unknown' });
  });

  it('carries the claims challenge and the login hint of the link', () => {
    const attempt = begun(attempts, attempts.issueTicket({ ...AGENT, locale: 'en', claims: '{"access_token":{}}', loginHint: 'hana@contoso.com' }));
    assert.equal(attempt.claims, '{"access_token":{}}');
    assert.equal(attempt.loginHint, 'hana@contoso.com');
  });

  it('when a claims challenge is learnt after a link was sent, then that link passes it on too', () => {
    const ticket = attempts.issueTicket({ ...AGENT, locale: 'en' });
    attempts.noteChallenge(AGENT, { claims: '{"access_token":{"acrs":{"essential":true,"values":["c1"]}}}', loginHint: 'hana@contoso.com' });
    const attempt = begun(attempts, ticket);
    assert.match(attempt.claims ?? '', /acrs/);
    assert.equal(attempt.loginHint, 'hana@contoso.com');
  });

  it('keeps one agent\'s challenge away from another agent\'s links', () => {
    const othersTicket = attempts.issueTicket({ ...OTHER, locale: 'en' });
    attempts.noteChallenge(AGENT, { claims: '{"access_token":{}}' });
    assert.equal(begun(attempts, othersTicket).claims, undefined);
  });
});
