import type { Storage, StoreItem } from 'botbuilder';
import { parseStoredReference, type StoredConversationReference } from '../../adapters/teams/conversation-reference';
import { parsePendingCommand, storedCommand, type PendingCommand } from './pending-command';

/**
 * A request that waits for the agent's sign-in: what to run once Teams hands us an SSO token.
 * Holds no token: only the command, the locale and where to answer.
 */
export interface PendingSignIn {
  /** What the agent typed, understood: run as if typed again once the sign-in is done. */
  command: PendingCommand;
  locale: string;
  /** The agent's Teams account id in the origin (to reach their 1:1 later). */
  agentAccountId: string;
  origin: StoredConversationReference;
  originIsPersonal: boolean;
  /** ISO time the request was stored. */
  createdAt: string;
}

/** Pending sign-ins, one per agent (a newer request replaces an older one). */
export interface PendingSignInStore {
  save(tenantId: string, oid: string, pending: PendingSignIn): Promise<void>;
  /**
   * Return the agent's pending request and mark it taken, exactly once even when two instances
   * race for it; undefined when there is none, it was taken, or it expired.
   */
  take(tenantId: string, oid: string): Promise<PendingSignIn | undefined>;
}

interface PendingSignInItem extends StoreItem {
  pending?: unknown;
  takenAt?: string;
}

/**
 * PendingSignInStore on botbuilder Storage (MemoryStorage locally, BlobsStorage with several
 * instances). `take` is compare-and-set through the item's eTag.
 */
export class StoragePendingSignInStore implements PendingSignInStore {
  constructor(
    private readonly storage: Storage,
    /** A request older than this is not run after a late sign-in: the agent has moved on. */
    private readonly maxAgeMs = 15 * 60 * 1000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async save(tenantId: string, oid: string, pending: PendingSignIn): Promise<void> {
    // A reset also keeps the older `query` field, which instances of the previous release read.
    const legacy = pending.command.kind === 'resetFor' ? { query: pending.command.query } : {};
    const item: PendingSignInItem = { pending: { ...pending, command: storedCommand(pending.command), ...legacy }, eTag: '*' };
    await this.storage.write({ [keyOf(tenantId, oid)]: item });
  }

  async take(tenantId: string, oid: string): Promise<PendingSignIn | undefined> {
    const key = keyOf(tenantId, oid);
    const items = await this.storage.read([key]);
    const item = items[key] as PendingSignInItem | undefined;
    if (!item || item.takenAt) return undefined;
    const pending = parsePending(item.pending);
    if (!pending) return undefined;
    const taken: PendingSignInItem = { takenAt: this.now().toISOString(), eTag: item.eTag };
    try {
      await this.storage.write({ [key]: taken });
    } catch {
      // eTag conflict: another turn (or instance) took it first.
      return undefined;
    }
    const age = this.now().getTime() - Date.parse(pending.createdAt);
    return Number.isFinite(age) && age <= this.maxAgeMs ? pending : undefined;
  }
}

function keyOf(tenantId: string, oid: string): string {
  return `pendingSignIn-${tenantId}-${oid}`;
}

function parsePending(value: unknown): PendingSignIn | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const origin = parseStoredReference(v.origin);
  const command = parsePendingCommand(v.command, v.query);
  if (
    !command ||
    typeof v.locale !== 'string' ||
    typeof v.agentAccountId !== 'string' ||
    typeof v.originIsPersonal !== 'boolean' ||
    typeof v.createdAt !== 'string' ||
    !origin
  ) {
    return undefined;
  }
  return {
    command,
    locale: v.locale,
    agentAccountId: v.agentAccountId,
    origin,
    originIsPersonal: v.originIsPersonal,
    createdAt: v.createdAt,
  };
}
