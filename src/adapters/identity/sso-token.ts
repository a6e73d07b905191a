import { AppError } from '../../domain/errors';

/**
 * Reading a Teams SSO token before the on-behalf-of exchange. The claims are decoded WITHOUT
 * verifying the signature: Entra verifies it during on-behalf-of and refuses a forged token. The
 * checks here stop a token meant for another tenant, app or user from reaching Entra at all.
 */

/** The claims we read; everything else in the token is ignored. */
export interface SsoTokenClaims {
  tid: string;
  oid: string;
  aud: string[];
  /** Expiry, seconds since the epoch. */
  exp: number;
  nbf?: number;
}

export interface SsoTokenExpectation {
  tenantId: string;
  clientId: string;
  /** The activity's `from.aadObjectId`. */
  oid: string;
  /** Default: the system time. */
  nowMs?: number;
}

/** Tolerance for clocks that disagree a little (seconds). */
const CLOCK_SKEW_SECONDS = 300;

function rejected(reason: string): AppError {
  // The reason names the failed check only; the token itself never goes into an error.
  return new AppError('auth.tokenRejected', `The Teams sign-in token was refused: ${reason}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decode a JWT's payload (base64url JSON); throws auth.tokenRejected when it is not one. */
export function decodeJwtClaims(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1] || !/^[A-Za-z0-9_-]+$/.test(parts[1])) throw rejected('not a JWT');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw rejected('the payload is not JSON');
  }
  if (!isRecord(payload)) throw rejected('the payload is not a JSON object');
  return payload;
}

function readClaims(payload: Record<string, unknown>): SsoTokenClaims {
  const { tid, oid, aud, exp, nbf } = payload;
  if (typeof tid !== 'string' || !tid) throw rejected('no tenant (tid)');
  if (typeof oid !== 'string' || !oid) throw rejected('no user (oid)');
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
  if (!audiences.length) throw rejected('no audience (aud)');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw rejected('no expiry (exp)');
  return { tid, oid, aud: audiences, exp, nbf: typeof nbf === 'number' && Number.isFinite(nbf) ? nbf : undefined };
}

const sameId = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Check tid = our tenant, aud = our app (`{clientId}` or `api://botid-{clientId}`), oid = the
 * activity's user, and that the token is within its lifetime. Returns the claims read.
 */
export function checkSsoToken(token: string, expected: SsoTokenExpectation): SsoTokenClaims {
  const claims = readClaims(decodeJwtClaims(token));
  const nowSeconds = (expected.nowMs ?? Date.now()) / 1000;
  if (!sameId(claims.tid, expected.tenantId)) throw rejected('it was issued for another tenant');
  const audiences = [expected.clientId, `api://botid-${expected.clientId}`];
  if (!claims.aud.some((aud) => audiences.some((ok) => sameId(aud, ok)))) throw rejected('it was issued for another app');
  if (!sameId(claims.oid, expected.oid)) throw rejected('it belongs to another user');
  if (claims.exp <= nowSeconds) throw rejected('it has expired');
  if (claims.nbf !== undefined && claims.nbf > nowSeconds + CLOCK_SKEW_SECONDS) throw rejected('it is not valid yet');
  return claims;
}
