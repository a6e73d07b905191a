import assert from 'node:assert/strict';
import { checkSsoToken, decodeJwtClaims } from '../../../../src/adapters/identity/sso-token';
import { AGENT_OID, CLIENT, NOW_MS, TENANT, ssoToken, unsignedJwt } from './support/unsigned-jwt';

const expected = { tenantId: TENANT, clientId: CLIENT, oid: AGENT_OID, nowMs: NOW_MS };

function rejectedWith(token: string, reason: RegExp, options = expected): void {
  assert.throws(
    () => checkSsoToken(token, options),
    (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal((error as { code?: unknown }).code, 'auth.tokenRejected');
      assert.match(error.message, reason);
      assert.ok(!error.message.includes(token), 'the token must not appear in the error');
      return true;
    },
  );
}

describe('Teams SSO token checks', () => {
  it('accepts a token for our tenant, our app (api://botid-…) and the activity user', () => {
    const claims = checkSsoToken(ssoToken(), expected);
    assert.equal(claims.oid, AGENT_OID);
    assert.equal(claims.tid, TENANT);
  });

  it('accepts the bare client id as audience, and ids in another letter case', () => {
    checkSsoToken(ssoToken({ aud: CLIENT.toUpperCase(), tid: TENANT.toUpperCase() }), { ...expected, oid: AGENT_OID.toUpperCase() });
  });

  it('accepts an audience list containing our app', () => {
    checkSsoToken(ssoToken({ aud: ['https://other', CLIENT] }), expected);
  });

  it('refuses a token from another tenant', () => {
    rejectedWith(ssoToken({ tid: '99999999-0000-4000-8000-000000000000' }), /another tenant/);
  });

  it('refuses a token for another app', () => {
    rejectedWith(ssoToken({ aud: 'api://botid-someone-else' }), /another app/);
    rejectedWith(ssoToken({ aud: 'https://graph.microsoft.com' }), /another app/);
  });

  it('refuses a token of another user than the one who sent the activity', () => {
    rejectedWith(ssoToken({ oid: 'b0b0b0b0-0000-4000-8000-000000000009' }), /another user/);
  });

  it('refuses an expired token', () => {
    rejectedWith(ssoToken({ exp: Math.floor(NOW_MS / 1000) - 1 }), /expired/);
  });

  it('refuses a token not valid before a time well in the future', () => {
    rejectedWith(ssoToken({ nbf: Math.floor(NOW_MS / 1000) + 3600 }), /not valid yet/);
  });

  it('refuses tokens missing a claim', () => {
    rejectedWith(ssoToken({ tid: undefined }), /tid/);
    rejectedWith(ssoToken({ oid: 42 }), /oid/);
    rejectedWith(ssoToken({ aud: [] }), /aud/);
    rejectedWith(ssoToken({ exp: 'tomorrow' }), /exp/);
  });

  it('refuses what is not a JWT', () => {
    rejectedWith('not-a-token', /not a JWT/);
    rejectedWith('a.b', /not a JWT/);
    rejectedWith('a.b+c/.d', /not a JWT/);
    rejectedWith(`x.${Buffer.from('not json').toString('base64url')}.y`, /not JSON/);
    rejectedWith(`x.${Buffer.from('[1,2]').toString('base64url')}.y`, /not a JSON object/);
  });

  it('decodes base64url payloads (with - and _)', () => {
    const claims = decodeJwtClaims(unsignedJwt({ name: '山田 ~~~ ???' }));
    assert.equal(claims['name'], '山田 ~~~ ???');
  });
});
