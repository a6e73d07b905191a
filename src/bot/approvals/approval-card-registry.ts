import type { Storage, StoreItem } from 'botbuilder';
import { parseStoredReference, type StoredConversationReference } from '../../adapters/teams/conversation-reference';

/** One posted copy of a request's approval card: where it is, and in which language it speaks. */
export interface CardPlacement {
  conversation: StoredConversationReference;
  activityId: string;
  locale: string;
}

/** Where a request's approval cards were posted, so every copy can be updated after a decision. */
export interface ApprovalCardRegistry {
  add(requestId: string, placements: readonly CardPlacement[]): Promise<void>;
  list(requestId: string): Promise<CardPlacement[]>;
}

interface RegistryItem extends StoreItem {
  placements?: unknown;
}

/**
 * The registry on botbuilder Storage (BlobsStorage with several instances): any instance can
 * update the cards another one posted. Holds conversation ids and activity ids only.
 */
export class StorageApprovalCardRegistry implements ApprovalCardRegistry {
  constructor(private readonly storage: Storage) {}

  async add(requestId: string, placements: readonly CardPlacement[]): Promise<void> {
    if (placements.length === 0) return;
    const key = keyOf(requestId);
    // Usually written once, by the instance that posted the cards; a retry on conflict keeps
    // a rare second writer (a re-post) from losing the first one's copies.
    for (let attempt = 0; attempt < 3; attempt++) {
      const items = await this.storage.read([key]);
      const existing = items[key] as RegistryItem | undefined;
      const merged = [...parsePlacements(existing?.placements), ...placements];
      const item: RegistryItem = existing?.eTag ? { placements: merged, eTag: existing.eTag } : { placements: merged };
      try {
        await this.storage.write({ [key]: item });
        return;
      } catch (error) {
        if (attempt === 2) throw error;
      }
    }
  }

  async list(requestId: string): Promise<CardPlacement[]> {
    const key = keyOf(requestId);
    const items = await this.storage.read([key]);
    return parsePlacements((items[key] as RegistryItem | undefined)?.placements);
  }
}

function keyOf(requestId: string): string {
  return `approvalCards-${requestId}`;
}

/** Stored data is checked like input: anything that is not a placement is dropped. */
function parsePlacements(value: unknown): CardPlacement[] {
  if (!Array.isArray(value)) return [];
  const placements: CardPlacement[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    const conversation = parseStoredReference(record.conversation);
    if (!conversation || typeof record.activityId !== 'string' || record.activityId === '') continue;
    placements.push({ conversation, activityId: record.activityId, locale: typeof record.locale === 'string' ? record.locale : 'en' });
  }
  return placements;
}
