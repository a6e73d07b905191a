/**
 * PKCE for the sign-in page's authorization code. msal-node has the same helper,
 * `new CryptoProvider().generatePkceCodes()`, but it answers with a Promise (its crypto interface
 * is shared with msal-browser), and an attempt is made synchronously, in one step, by
 * `SignInAttempts.begin`. The whole of RFC 7636 S256 is the two node:crypto calls below; the tests
 * check them against the RFC's example and against msal's own pairs. Where a caller can await,
 * msal's helper is a drop-in replacement (same verifier and challenge).
 */
import { createHash, randomBytes } from 'node:crypto';

/** A PKCE pair (RFC 7636): the verifier stays on the server, the challenge goes to Entra. */
export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)), without padding. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A fresh pair; 32 random bytes give a 43-character verifier, the shortest RFC 7636 allows. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256Challenge(verifier), method: 'S256' };
}
