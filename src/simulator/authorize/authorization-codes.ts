import { randomBytes } from 'node:crypto';
import type { SimContext } from '../context';

/** What an authorization code stands for until it is redeemed at the token endpoint. */
export interface IssuedCode {
  clientId: string;
  redirectUri: string;
  /** PKCE; absent when the client sent none (then no verifier is asked for). */
  codeChallenge?: string;
  userId: string;
  /** The resource scopes granted (of the app's own API), as requested. */
  scopes: string[];
  /** `openid` was asked for: an ID token comes with the access token. */
  openid: boolean;
  nonce?: string;
  /** The user passed the MFA step (asked for by a `claims` challenge). */
  mfa: boolean;
  /** `acrs` values the claims challenge asked for (authentication contexts), satisfied by the MFA step. */
  acrs: string[];
  expiresAt: number;
  redeemedAt?: number;
}

/** Entra's authorization codes live about ten minutes. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

/**
 * The codes of one simulator. Kept beside the context (not in it) so this endpoint needs no
 * change to the shared context type; the WeakMap lets a closed simulator's codes go.
 */
const CODES = new WeakMap<SimContext, Map<string, IssuedCode>>();

function codesOf(ctx: SimContext): Map<string, IssuedCode> {
  let codes = CODES.get(ctx);
  if (!codes) {
    codes = new Map();
    CODES.set(ctx, codes);
  }
  return codes;
}

export function issueCode(ctx: SimContext, issued: Omit<IssuedCode, 'expiresAt' | 'redeemedAt'>, now = Date.now()): string {
  const codes = codesOf(ctx);
  for (const [code, entry] of codes) {
    if (entry.expiresAt <= now) codes.delete(code);
  }
  // Real codes are long opaque strings starting with a version marker; the shape does not matter to clients.
  const code = `1.${randomBytes(48).toString('base64url')}`;
  codes.set(code, { ...issued, expiresAt: now + CODE_LIFETIME_MS });
  return code;
}

export type CodeLookup = { ok: true; issued: IssuedCode } | { ok: false; reason: 'unknown' | 'expired' | 'redeemed' };

/** Take a code for redemption: it works once, and only within its lifetime. */
export function redeemCode(ctx: SimContext, code: string, now = Date.now()): CodeLookup {
  const issued = codesOf(ctx).get(code);
  if (!issued) return { ok: false, reason: 'unknown' };
  if (issued.redeemedAt !== undefined) return { ok: false, reason: 'redeemed' };
  if (issued.expiresAt <= now) return { ok: false, reason: 'expired' };
  issued.redeemedAt = now;
  return { ok: true, issued };
}
