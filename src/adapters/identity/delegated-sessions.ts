import { dropOldest, putNewest } from '../../shared/recency-map';

/** A Graph token obtained on behalf of an agent, and until when it may be used. */
export interface HeldToken {
  value: string;
  expiresAtMs: number;
}

/** One agent's sign-in: the assertion to exchange, and the Graph tokens it has already given. */
export interface DelegatedSession {
  assertion: string;
  assertionExpiresAtMs: number;
  /** By scope set (space-separated scopes): the sign-in's scopes, or a readiness check's one permission. */
  tokens: Map<string, HeldToken>;
}

/** Enough for any helpdesk; a session holds two tokens of a few kB. */
export const DEFAULT_MAX_SESSIONS = 5_000;

/**
 * Agents' on-behalf-of sessions, by oid, in memory and bounded: a session is dropped once
 * neither its assertion nor any of its tokens can be used any more, and beyond `maxSessions` the
 * least recently used agent is dropped (that agent is asked to sign in again, as after a restart).
 */
export class DelegatedSessions {
  private readonly sessions = new Map<string, DelegatedSession>();

  constructor(private readonly maxSessions: number = DEFAULT_MAX_SESSIONS) {
    if (!Number.isInteger(maxSessions) || maxSessions < 1) throw new Error('maxSessions must be a positive whole number.');
  }

  /** The agent's usable session (now the most recently used), or undefined. */
  get(oid: string, nowMs: number): DelegatedSession | undefined {
    const key = keyOf(oid);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    if (!usable(session, nowMs)) {
      this.sessions.delete(key);
      return undefined;
    }
    putNewest(this.sessions, key, session);
    return session;
  }

  /** Start (or restart, with a new assertion) the agent's session; it holds no token yet. */
  start(oid: string, assertion: string, assertionExpiresAtMs: number, nowMs: number): DelegatedSession {
    const key = keyOf(oid);
    const session: DelegatedSession = { assertion, assertionExpiresAtMs, tokens: new Map() };
    putNewest(this.sessions, key, session);
    // Agents who never come back do not stay: a cheap sweep from the least recently used end.
    dropOldest(this.sessions, this.maxSessions, (stale) => !usable(stale, nowMs));
    return session;
  }

  delete(oid: string): boolean {
    return this.sessions.delete(keyOf(oid));
  }

  get size(): number {
    return this.sessions.size;
  }
}

/** A token is handed out only while it has this long left, so a Graph call never carries one that expires on the way. */
export const TOKEN_RENEWAL_MARGIN_MS = 5 * 60 * 1000;

/** The held token for these scopes when it has more than the renewal margin left. */
export function heldToken(session: DelegatedSession, scopesKey: string, nowMs: number): string | undefined {
  const token = session.tokens.get(scopesKey);
  if (!token) return undefined;
  if (token.expiresAtMs - TOKEN_RENEWAL_MARGIN_MS > nowMs) return token.value;
  session.tokens.delete(scopesKey);
  return undefined;
}

function usable(session: DelegatedSession, nowMs: number): boolean {
  if (session.assertionExpiresAtMs > nowMs) return true;
  for (const token of session.tokens.values()) {
    if (token.expiresAtMs - TOKEN_RENEWAL_MARGIN_MS > nowMs) return true;
  }
  return false;
}

const keyOf = (oid: string): string => oid.trim().toLowerCase();
