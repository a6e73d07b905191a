import type { Logger } from '../../ports/logger';
import type { TokenCacheStore } from '../../ports/token-cache-store';
import { lastAccessTokenExpiryMs } from './msal-cache-expiry';
import { TokenCacheKeyError, type TokenCacheCipher } from './token-cache-cipher';

/** A token is handed out only while it has this long left (msal's own renewal offset is the same). */
export const TOKEN_RENEWAL_MARGIN_MS = 5 * 60 * 1000;

/**
 * One agent's sign-in as kept in their partition: the assertion (Teams SSO token or the sign-in
 * page's token) that msal exchanges on the agent's behalf, and msal's serialized cache of the Graph
 * tokens it gave. msal keys those tokens by a hash of the assertion, so the assertion must travel
 * with them for another instance to find them.
 */
export interface AgentSession {
  assertion: string;
  assertionExpiresAtMs: number;
  msalCache: string;
}

/** A session as read, with the store's version of it (for writes that must not undo a sign-out). */
export interface StoredAgentSession extends AgentSession {
  version?: string;
}

/**
 * Every agent's sign-in, sealed with the token cache key in the shared store (one partition per
 * agent oid). A record lives as long as the agent can still be served from it: until its assertion
 * expires or, later, its last Graph token is due for renewal. A record no configured key opens is
 * treated as no sign-in (fail closed): the agent signs in again, which replaces it.
 */
export class AgentTokenCaches {
  constructor(
    private readonly store: TokenCacheStore,
    private readonly cipher: TokenCacheCipher,
    private readonly now: () => number,
    private readonly logger?: Logger,
  ) {}

  /** The agent's usable session, or undefined (none, expired, or not openable with our keys). */
  async read(oid: string): Promise<StoredAgentSession | undefined> {
    const partition = partitionOf(oid);
    const record = await this.store.get(partition);
    if (!record) return undefined;
    if (record.expiresAtMs <= this.now()) {
      await this.store.delete(partition);
      return undefined;
    }
    let session: AgentSession | undefined;
    try {
      session = parseSession(this.cipher.open(record.sealed, partition));
    } catch (error) {
      if (!(error instanceof TokenCacheKeyError)) throw error;
      // The key's value never appears; the reason says which setting to look at.
      this.logger?.error('auth.tokenCacheUnreadable', { oid, reason: error.message, meaning: 'the agent is asked to sign in again' });
      return undefined;
    }
    return session ? { ...session, version: record.version } : undefined;
  }

  /**
   * Seal and keep the session until it can serve no more. With `ifVersion`, only over that version:
   * false when the record changed or went meanwhile (a sign-out on another instance stays a sign-out).
   */
  async write(oid: string, session: AgentSession, ifVersion?: string): Promise<boolean> {
    const partition = partitionOf(oid);
    const expiresAtMs = usableUntilMs(session);
    if (expiresAtMs <= this.now()) {
      await this.store.delete(partition);
      return false;
    }
    const plain = JSON.stringify({ assertion: session.assertion, assertionExpiresAtMs: session.assertionExpiresAtMs, msalCache: session.msalCache });
    return this.store.set(partition, { sealed: this.cipher.seal(plain, partition), expiresAtMs }, ifVersion);
  }

  async delete(oid: string): Promise<void> {
    await this.store.delete(partitionOf(oid));
  }
}

/** The agent's partition: the oid as Entra writes it, in one letter case. */
export function partitionOf(oid: string): string {
  return oid.trim().toLowerCase();
}

/** Until when a session can serve a token: its assertion's life, or its last token's life before renewal. */
export function usableUntilMs(session: AgentSession): number {
  return Math.max(session.assertionExpiresAtMs, lastAccessTokenExpiryMs(session.msalCache) - TOKEN_RENEWAL_MARGIN_MS);
}

function parseSession(plain: string): AgentSession | undefined {
  const value: unknown = JSON.parse(plain);
  if (typeof value !== 'object' || value === null) return undefined;
  const { assertion, assertionExpiresAtMs, msalCache } = value as Record<string, unknown>;
  if (typeof assertion !== 'string' || typeof assertionExpiresAtMs !== 'number' || typeof msalCache !== 'string') return undefined;
  return { assertion, assertionExpiresAtMs, msalCache };
}
