import { strict as assert } from 'node:assert';
import { CryptoProvider } from '@azure/msal-node';
import { createPkcePair, s256Challenge } from '../../../../src/server/sign-in/pkce';

describe('PKCE (RFC 7636, S256)', () => {
  it('computes the S256 challenge of the RFC 7636 example verifier', () => {
    assert.equal(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a 43-character base64url verifier whose challenge is its S256 hash', () => {
    const pair = createPkcePair();
    assert.match(pair.verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(pair.challenge, s256Challenge(pair.verifier));
    assert.equal(pair.method, 'S256');
  });

  it('makes a different verifier every time', () => {
    const verifiers = new Set(Array.from({ length: 50 }, () => createPkcePair().verifier));
    assert.equal(verifiers.size, 50);
  });

  it("agrees with msal-node's PKCE helper: msal's verifiers hash to msal's challenges", async () => {
    const msal = new CryptoProvider();
    for (let i = 0; i < 20; i++) {
      const { verifier, challenge } = await msal.generatePkceCodes();
      assert.equal(s256Challenge(verifier), challenge);
    }
  });
});
