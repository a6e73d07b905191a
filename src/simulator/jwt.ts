import { createHash, generateKeyPair, createSign, createVerify, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

/** The simulator's token signing key (RS256), published through the JWKS endpoint. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A JSON Web Key as Entra publishes it. */
export interface PublicJwk {
  kty: 'RSA';
  use: 'sig';
  kid: string;
  x5t: string;
  n: string;
  e: string;
  alg: 'RS256';
  issuer?: string;
}

export type JwtClaims = Record<string, unknown>;

export type VerifyResult =
  | { ok: true; claims: JwtClaims }
  | { ok: false; reason: 'malformed' | 'badSignature' | 'expired' | 'notYetValid' };

/** Entra and Graph tolerate five minutes of clock skew on token lifetimes. */
export const CLOCK_SKEW_SECONDS = 300;

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** A fresh RSA key for one simulator run (generated off the event loop). */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const kid = createHash('sha1').update(der).digest('base64url');
  return { kid, privateKey, publicKey };
}

export function publicJwk(key: SigningKey, issuer?: string): PublicJwk {
  const jwk = key.publicKey.export({ format: 'jwk' });
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new Error('RSA key without modulus');
  return { kty: 'RSA', use: 'sig', kid: key.kid, x5t: key.kid, n: jwk.n, e: jwk.e, alg: 'RS256', ...(issuer ? { issuer } : {}) };
}

export function signJwt(claims: JwtClaims, key: SigningKey): string {
  const header = { typ: 'JWT', alg: 'RS256', kid: key.kid, x5t: key.kid };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key.privateKey);
  return `${input}.${b64url(signature)}`;
}

function parseJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Check signature (our key only) and lifetime (`exp`, `nbf`, with clock skew). */
export function verifyJwt(token: string, key: SigningKey, nowSeconds: number): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [h, p, s] = parts as [string, string, string];
  const header = parseJson(h);
  const claims = parseJson(p);
  if (!isObject(header) || !isObject(claims)) return { ok: false, reason: 'malformed' };
  if (header.alg !== 'RS256' || header.kid !== key.kid) return { ok: false, reason: 'badSignature' };
  const valid = createVerify('RSA-SHA256').update(`${h}.${p}`).verify(key.publicKey, Buffer.from(s, 'base64url'));
  if (!valid) return { ok: false, reason: 'badSignature' };
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS <= nowSeconds) return { ok: false, reason: 'expired' };
  if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_SKEW_SECONDS > nowSeconds) return { ok: false, reason: 'notYetValid' };
  return { ok: true, claims };
}
