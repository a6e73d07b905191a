import { randomInt } from 'node:crypto';
import type { HandoverRedemption, SignInSubject } from '../../bot/sign-in/interactive/interactive-sign-in';

interface HandoverEntry extends SignInSubject {
  assertion: string;
  expiresAt: number;
  usedAt?: number;
}

export interface HandoverCodesOptions {
  /** How long a code can be redeemed. Default 5 minutes: the agent is at the page right now. */
  ttlMs?: number;
  now?: () => number;
  /** Codes kept at most (live ones); the oldest go first. A bound against a flood of sign-ins. */
  maxEntries?: number;
}

const DIGITS = 6;

/**
 * Short one-time codes that stand for a finished interactive sign-in: the page hands one to Teams
 * (or shows it), Teams sends it back in `signin/verifyState`, and the bot takes the user assertion
 * it stands for. A code works once, for a few minutes, and only for the user it was issued to: six
 * digits are enough because a guess can only ever yield the guesser's own sign-in.
 *
 * In memory on purpose: a code stands for a token, and tokens are never written to storage. With
 * several instances, the verifyState must reach the instance that served the page; otherwise the
 * code is unknown there, the agent is told so and signs in again (as after a restart).
 */
export class HandoverCodes {
  private readonly entries = new Map<string, HandoverEntry>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(options: HandoverCodesOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5 * 60 * 1000;
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** A fresh code for this user's assertion. */
  issue(subject: SignInSubject, assertion: string): string {
    const now = this.now();
    this.evict(now);
    let code: string;
    do {
      code = String(randomInt(0, 10 ** DIGITS)).padStart(DIGITS, '0');
    } while (this.entries.has(code));
    this.entries.set(code, { tenantId: subject.tenantId, oid: subject.oid, assertion, expiresAt: now + this.ttlMs });
    return code;
  }

  /**
   * The assertion behind a code, once. A code offered by another user is refused and stays
   * valid for its owner; a used or expired one is refused.
   */
  redeem(code: string, subject: SignInSubject): HandoverRedemption {
    const now = this.now();
    const entry = this.entries.get(code.trim());
    if (!entry) return { ok: false, reason: 'unknown' };
    if (!sameId(entry.tenantId, subject.tenantId) || !sameId(entry.oid, subject.oid)) return { ok: false, reason: 'otherUser' };
    if (entry.usedAt !== undefined) return { ok: false, reason: 'used' };
    if (entry.expiresAt <= now) {
      this.entries.delete(code);
      return { ok: false, reason: 'expired' };
    }
    // Keep a used entry (without its assertion) until it expires, to tell "used" from "unknown".
    const assertion = entry.assertion;
    entry.assertion = '';
    entry.usedAt = now;
    return { ok: true, assertion };
  }

  private evict(now: number): void {
    for (const [code, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(code);
    }
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

const sameId = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
