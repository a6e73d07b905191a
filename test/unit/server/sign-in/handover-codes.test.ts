import { strict as assert } from 'node:assert';
import { HandoverCodes } from '../../../../src/server/sign-in/handover-codes';

const TENANT = '11111111-1111-4111-8111-111111111111';
const AGENT = { tenantId: TENANT, oid: 'aaaaaaaa-0000-4000-8000-000000000001' };
const OTHER = { tenantId: TENANT, oid: 'bbbbbbbb-0000-4000-8000-000000000002' };

describe('Handover codes (the one-time code the sign-in page hands to Teams)', () => {
  let nowMs: number;
  let codes: HandoverCodes;
  beforeEach(() => {
    nowMs = Date.parse('2026-11-25T10:00:00Z');
    codes = new HandoverCodes({ ttlMs: 5 * 60 * 1000, now: () => nowMs });
  });

  it('issues a six-digit code that gives back the assertion to its user', () => {
    const code = codes.issue(AGENT, 'assertion-1');
    assert.match(code, /^\d{6}$/);
    assert.deepEqual(codes.redeem(code, AGENT), { ok: true, assertion: 'assertion-1' });
  });

  it('when a code is redeemed a second time, then it is refused as used', () => {
    const code = codes.issue(AGENT, 'assertion-1');
    codes.redeem(code, AGENT);
    assert.deepEqual(codes.redeem(code, AGENT), { ok: false, reason: 'used' });
  });

  it('when the code is older than its lifetime, then it is refused as expired', () => {
    const code = codes.issue(AGENT, 'assertion-1');
    nowMs += 5 * 60 * 1000;
    assert.deepEqual(codes.redeem(code, AGENT), { ok: false, reason: 'expired' });
  });

  it('when the code is redeemed just before it expires, then it still works', () => {
    const code = codes.issue(AGENT, 'assertion-1');
    nowMs += 5 * 60 * 1000 - 1;
    assert.equal(codes.redeem(code, AGENT).ok, true);
  });

  it('when another user sends the code, then it is refused and still works for its owner', () => {
    const code = codes.issue(AGENT, 'assertion-1');
    assert.deepEqual(codes.redeem(code, OTHER), { ok: false, reason: 'otherUser' });
    assert.deepEqual(codes.redeem(code, { tenantId: 'another-tenant', oid: AGENT.oid }), { ok: false, reason: 'otherUser' });
    assert.deepEqual(codes.redeem(code, AGENT), { ok: true, assertion: 'assertion-1' });
  });

  it('matches the user regardless of letter case in the ids', () => {
    const code = codes.issue(AGENT, 'assertion-1');
    assert.equal(codes.redeem(code, { tenantId: TENANT.toUpperCase(), oid: AGENT.oid.toUpperCase() }).ok, true);
  });

  it('refuses a code it never issued', () => {
    assert.deepEqual(codes.redeem('123456', AGENT), { ok: false, reason: 'unknown' });
  });

  it('gives every live code its own value', () => {
    const many = Array.from({ length: 200 }, (_, i) => codes.issue({ tenantId: TENANT, oid: `user-${i}` }, `assertion-${i}`));
    assert.equal(new Set(many).size, 200);
  });
});
