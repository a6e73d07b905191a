import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem } from 'botbuilder';
import type { PickFeature } from '../../cards/person-pick-card';

export type { PickFeature };

/**
 * The people one agent was offered on one pick card, kept server-side: a button sends only the
 * offer id and a person id, and a click counts only for the agent it was offered to, for a
 * person on the list, while the offer lasts.
 */
export interface PersonPickOffer {
  id: string;
  feature: PickFeature;
  agent: { oid: string; name: string };
  /** The name the agent typed; the domain searches it again when a person is chosen. */
  query: string;
  /** The reason the agent stated (`show passcode for … because …`), used again on the click. */
  reason?: string;
  candidateIds: string[];
  createdAt: string;
}

export type NewPersonPickOffer = Omit<PersonPickOffer, 'id' | 'createdAt'>;

/** How long a pick card's buttons work: long enough to read it, short enough to stay current. */
export const PICK_OFFER_TTL_MS = 60 * 60 * 1000;

export interface PersonPickOffersOptions {
  now?: () => Date;
  newId?: () => string;
  ttlMs?: number;
}

interface OfferItem extends StoreItem {
  offer?: unknown;
}

/**
 * Pick offers on botbuilder Storage (BlobsStorage with several instances), so any instance can
 * answer a click on a card another one posted. Holds ids, names and the typed text only.
 */
export class PersonPickOffers {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly ttlMs: number;

  constructor(
    private readonly storage: Storage,
    options: PersonPickOffersOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.ttlMs = options.ttlMs ?? PICK_OFFER_TTL_MS;
  }

  /** Record what the card about to be posted offers. */
  async offer(input: NewPersonPickOffer): Promise<PersonPickOffer> {
    const offer: PersonPickOffer = { ...input, candidateIds: [...input.candidateIds], id: this.newId(), createdAt: this.now().toISOString() };
    const item: OfferItem = { offer };
    await this.storage.write({ [keyOf(offer.id)]: item });
    return offer;
  }

  /** The offer, while it lasts; undefined when unknown, withdrawn, expired or unreadable. */
  async find(id: string): Promise<PersonPickOffer | undefined> {
    const key = keyOf(id);
    const items = await this.storage.read([key]);
    const offer = parseOffer((items[key] as OfferItem | undefined)?.offer);
    if (!offer || offer.id !== id) return undefined;
    const age = this.now().getTime() - Date.parse(offer.createdAt);
    return age >= 0 && age < this.ttlMs ? offer : undefined;
  }

  /** A used offer's buttons stop working. */
  async withdraw(id: string): Promise<void> {
    await this.storage.delete([keyOf(id)]);
  }
}

function keyOf(id: string): string {
  return `personPick-${id}`;
}

/** Stored data is checked like input: anything not shaped like an offer is no offer. */
function parseOffer(value: unknown): PersonPickOffer | undefined {
  if (!isRecord(value) || !isRecord(value.agent)) return undefined;
  const { id, feature, agent, query, reason, candidateIds, createdAt } = value;
  if (typeof id !== 'string' || (feature !== 'history' && feature !== 'showPasscode')) return undefined;
  if (typeof agent.oid !== 'string' || typeof agent.name !== 'string') return undefined;
  if (typeof query !== 'string' || typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) return undefined;
  if (!Array.isArray(candidateIds) || !candidateIds.every((candidate) => typeof candidate === 'string')) return undefined;
  if (reason !== undefined && typeof reason !== 'string') return undefined;
  const offer: PersonPickOffer = { id, feature, agent: { oid: agent.oid, name: agent.name }, query, candidateIds: [...candidateIds], createdAt };
  if (reason !== undefined) offer.reason = reason;
  return offer;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
