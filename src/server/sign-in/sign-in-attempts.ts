import { randomBytes } from 'node:crypto';
import type { Locale } from '../../i18n';
import type { SignInLinkRequest, SignInSubject } from '../../bot/sign-in/interactive/interactive-sign-in';
import { createPkcePair } from './pkce';
import { dropOldest } from '../../shared/recency-map';
import { PerUserKeys } from './per-user-keys';

/** One trip to Entra's authorize endpoint, remembered under its `state` until the callback. */
export interface SignInAttempt {
  /** The opaque `state` sent to Entra; it finds this attempt again at the callback. */
  state: string;
  subject: SignInSubject;
  locale: Locale;
  loginHint?: string;
  claims?: string;
  /** PKCE verifier, redeemed with the code; never leaves the server. */
  codeVerifier: string;
  codeChallenge: string;
  /** Bound into the ID token by Entra and checked by msal at redemption. */
  nonce: string;
  expiresAt: number;
}

interface Ticket extends SignInLinkRequest {
  expiresAt: number;
}

interface Challenge {
  claims?: string;
  loginHint?: string;
  expiresAt: number;
}

export type Lookup<T> = { ok: true; value: T } | { ok: false; reason: 'unknown' | 'expired' };

export interface SignInAttemptsOptions {
  /** How long a link on a card opens the page. Default 15 minutes, like a pending request. */
  ticketTtlMs?: number;
  /** How long the agent has between opening the page and coming back from Entra. Default 10 minutes. */
  attemptTtlMs?: number;
  now?: () => number;
  /** Bound on each map, against a flood of links or page loads. */
  maxEntries?: number;
  /**
   * Links, and round trips, one agent may have pending at once (default 3); one more drops that
   * agent's oldest. So one agent cannot fill a map and push out other agents' sign-ins.
   */
  maxPerUser?: number;
}

/**
 * Links (tickets) and authorize round trips (attempts) of the interactive sign-in.
 *
 * A link carries an opaque ticket id, never the user or the challenge: the ticket names the agent
 * the bot meant (from the activity's aadObjectId). Each page load makes a new attempt with its own
 * `state`, PKCE pair and nonce; the callback takes the attempt once. So the authorization code is
 * only redeemed for the round trip that asked for it, and the result is bound to that agent.
 *
 * In memory: the attempt holds a PKCE verifier, and the page and its callback are two requests
 * of one browser a few seconds apart (with several instances, session affinity keeps them on one).
 */
export class SignInAttempts {
  private readonly tickets = new Map<string, Ticket>();
  private readonly attempts = new Map<string, SignInAttempt>();
  private readonly challenges = new Map<string, Challenge>();
  private readonly ticketTtlMs: number;
  private readonly attemptTtlMs: number;
  private readonly now: () => number;
  private readonly maxEntries: number;
  private readonly ticketsByUser: PerUserKeys;
  private readonly attemptsByUser: PerUserKeys;

  constructor(options: SignInAttemptsOptions = {}) {
    this.ticketTtlMs = options.ticketTtlMs ?? 15 * 60 * 1000;
    this.attemptTtlMs = options.attemptTtlMs ?? 10 * 60 * 1000;
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 10_000;
    const maxPerUser = options.maxPerUser ?? DEFAULT_MAX_PER_USER;
    this.ticketsByUser = new PerUserKeys(maxPerUser, this.maxEntries);
    this.attemptsByUser = new PerUserKeys(maxPerUser, this.maxEntries);
  }

  /** A ticket id for a link to the page. */
  issueTicket(request: SignInLinkRequest): string {
    const now = this.now();
    const id = randomBytes(24).toString('base64url');
    admit(this.tickets, this.ticketsByUser, keyOf(request), id, { ...request, expiresAt: now + this.ticketTtlMs }, now, this.maxEntries);
    if (request.claims !== undefined || request.loginHint !== undefined) this.noteChallenge(request, request);
    return id;
  }

  /** A claims challenge or user name learnt later applies to the agent's links still open. */
  noteChallenge(subject: SignInSubject, challenge: { claims?: string; loginHint?: string }): void {
    const now = this.now();
    const key = keyOf(subject);
    const known = this.challenges.get(key);
    const current = known && known.expiresAt > now ? known : undefined;
    const challenges = bounded(this.challenges, now, this.maxEntries);
    // Moved to the end with its new expiry, which keeps the map in expiry order.
    challenges.delete(key);
    challenges.set(key, {
      claims: challenge.claims ?? current?.claims,
      loginHint: challenge.loginHint ?? current?.loginHint,
      expiresAt: now + this.ticketTtlMs,
    });
  }

  /** Start a round trip from a link: a fresh state, PKCE pair and nonce. */
  begin(ticketId: string): Lookup<SignInAttempt> {
    const now = this.now();
    const ticket = this.tickets.get(ticketId);
    if (!ticket) return { ok: false, reason: 'unknown' };
    if (ticket.expiresAt <= now) {
      this.tickets.delete(ticketId);
      return { ok: false, reason: 'expired' };
    }
    const subject: SignInSubject = { tenantId: ticket.tenantId, oid: ticket.oid };
    const learnt = this.challenges.get(keyOf(subject));
    const latest = learnt && learnt.expiresAt > now ? learnt : undefined;
    const pkce = createPkcePair();
    const attempt: SignInAttempt = {
      state: randomBytes(32).toString('base64url'),
      subject,
      locale: ticket.locale,
      loginHint: ticket.loginHint ?? latest?.loginHint,
      claims: ticket.claims ?? latest?.claims,
      codeVerifier: pkce.verifier,
      codeChallenge: pkce.challenge,
      nonce: randomBytes(16).toString('base64url'),
      expiresAt: now + this.attemptTtlMs,
    };
    admit(this.attempts, this.attemptsByUser, keyOf(subject), attempt.state, attempt, now, this.maxEntries);
    return { ok: true, value: attempt };
  }

  /** The attempt behind a `state` coming back from Entra, once. */
  take(state: string): Lookup<SignInAttempt> {
    const attempt = this.attempts.get(state);
    if (!attempt) return { ok: false, reason: 'unknown' };
    this.attempts.delete(state);
    if (attempt.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, value: attempt };
  }
}

/** Links or round trips one agent may have pending at once. */
const DEFAULT_MAX_PER_USER = 3;

const keyOf = (subject: SignInSubject): string => `${subject.tenantId.trim().toLowerCase()}|${subject.oid.trim().toLowerCase()}`;

/**
 * Drop expired entries, then the oldest ones beyond the bound; returns the map for chaining. Each
 * map has one TTL and an entry is (re)inserted at the end, so insertion order is expiry order and
 * the sweep stops at the first entry still valid instead of walking every entry on every call.
 */
function bounded<V extends { expiresAt: number }>(map: Map<string, V>, now: number, max: number): Map<string, V> {
  // Room for the one entry about to be added.
  dropOldest(map, max - 1, (value) => value.expiresAt <= now);
  return map;
}

/** Add an agent's entry to a bounded map; beyond their few pending ones, that agent's oldest goes. */
function admit<V extends { expiresAt: number }>(map: Map<string, V>, byUser: PerUserKeys, user: string, key: string, value: V, now: number, max: number): void {
  bounded(map, now, max);
  for (const old of byUser.add(user, key, (held) => map.has(held))) map.delete(old);
  map.set(key, value);
}
