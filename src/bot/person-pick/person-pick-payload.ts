import { isId, readExecute, type ClickAuthentication } from '../approvals/request-card-payload';
import type { PickFeature } from './person-pick-offers';

/** The Choose buttons of the pick cards, and the feature each belongs to. */
export const PICK_VERBS = { pickHistoryPerson: 'history', pickPasscodePerson: 'showPasscode' } as const satisfies Record<string, PickFeature>;
export type PickVerb = keyof typeof PICK_VERBS;

/** A checked click on a pick card: the offer and the person, nothing else. */
export interface PersonPickClick {
  verb: PickVerb;
  feature: PickFeature;
  offerId: string;
  userId: string;
  authentication?: ClickAuthentication;
}

/** Reads an `adaptiveCard/action` value; undefined for anything not shaped exactly like a Choose click. */
export function parsePersonPick(value: unknown): PersonPickClick | undefined {
  const read = readExecute(value);
  if (!read || !isPickVerb(read.verb)) return undefined;
  const { offerId, userId } = read.data;
  if (!isId(offerId) || !isId(userId)) return undefined;
  const click: PersonPickClick = { verb: read.verb, feature: PICK_VERBS[read.verb], offerId, userId };
  if (read.authentication) click.authentication = read.authentication;
  return click;
}

function isPickVerb(verb: string): verb is PickVerb {
  return Object.prototype.hasOwnProperty.call(PICK_VERBS, verb);
}
