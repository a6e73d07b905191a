import assert from 'node:assert/strict';
import { DelegatedSessions, TOKEN_RENEWAL_MARGIN_MS, heldToken } from '../../../../src/adapters/identity/delegated-sessions';

const NOW = Date.parse('2026-11-25T08:00:00Z');
const HOUR = 60 * 60 * 1000;
const oid = (i: number) => `a9a9a9a9-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe('DelegatedSessions', () => {
  it('keeps a session by oid whatever its case, until forgotten', () => {
    const sessions = new DelegatedSessions();
    sessions.start(oid(1), 'assertion-1', NOW + HOUR, NOW);
    assert.equal(sessions.get(oid(1).toUpperCase(), NOW)?.assertion, 'assertion-1');
    assert.equal(sessions.delete(oid(1)), true);
    assert.equal(sessions.get(oid(1), NOW), undefined);
  });

  it('a new sign-in replaces the assertion and the tokens held for the old one', () => {
    const sessions = new DelegatedSessions();
    sessions.start(oid(1), 'old', NOW + HOUR, NOW).tokens.set('scopes', { value: 'old-token', expiresAtMs: NOW + HOUR });
    sessions.start(oid(1), 'new', NOW + HOUR, NOW);
    const session = sessions.get(oid(1), NOW);
    assert.equal(session?.assertion, 'new');
    assert.equal(session?.tokens.size, 0);
    assert.equal(sessions.size, 1);
  });

  it('beyond the cap, the agent whose session was used least recently is dropped', () => {
    const sessions = new DelegatedSessions(3);
    for (const i of [1, 2, 3]) sessions.start(oid(i), `assertion-${i}`, NOW + HOUR, NOW);
    sessions.get(oid(1), NOW);
    sessions.start(oid(4), 'assertion-4', NOW + HOUR, NOW);
    assert.equal(sessions.size, 3);
    assert.equal(sessions.get(oid(2), NOW), undefined);
    for (const i of [1, 3, 4]) assert.ok(sessions.get(oid(i), NOW), `agent ${i} keeps the session`);
  });

  it('a session whose assertion has expired stays while a held token can still be used', () => {
    const sessions = new DelegatedSessions();
    sessions.start(oid(1), 'assertion', NOW + HOUR, NOW).tokens.set('scopes', { value: 'token', expiresAtMs: NOW + 2 * HOUR });
    assert.ok(sessions.get(oid(1), NOW + HOUR + 1));
    assert.equal(sessions.get(oid(1), NOW + 2 * HOUR - TOKEN_RENEWAL_MARGIN_MS), undefined);
    assert.equal(sessions.size, 0);
  });

  it('expired sessions of agents who do not come back are dropped when others sign in', () => {
    const sessions = new DelegatedSessions();
    for (const i of [1, 2, 3]) sessions.start(oid(i), `assertion-${i}`, NOW + HOUR, NOW);
    sessions.start(oid(4), 'assertion-4', NOW + 3 * HOUR, NOW + 2 * HOUR);
    assert.equal(sessions.size, 1);
  });

  it('refuses a cap that is not a positive whole number', () => {
    assert.throws(() => new DelegatedSessions(0));
    assert.throws(() => new DelegatedSessions(1.5));
  });
});

describe('heldToken', () => {
  it('hands out a token only while it has more than the renewal margin left, then lets it go', () => {
    const sessions = new DelegatedSessions();
    const session = sessions.start(oid(1), 'assertion', NOW + HOUR, NOW);
    session.tokens.set('scopes', { value: 'token', expiresAtMs: NOW + HOUR });
    assert.equal(heldToken(session, 'scopes', NOW), 'token');
    assert.equal(heldToken(session, 'other scopes', NOW), undefined);
    assert.equal(heldToken(session, 'scopes', NOW + HOUR - TOKEN_RENEWAL_MARGIN_MS), undefined);
    assert.equal(session.tokens.size, 0);
  });
});
