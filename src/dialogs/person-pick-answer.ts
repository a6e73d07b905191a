import { MessageFactory, type Activity } from 'botbuilder';
import type { PersonPickOffers } from '../bot/person-pick/person-pick-offers';
import { errorFields } from '../bot/user-facing-error';
import { personPickCard, type PickFeature } from '../cards/person-pick-card';
import { MAX_LISTED_PEOPLE, peopleExamples, severalPeopleText } from '../cards/people-text';
import type { Actor, DirectoryUser } from '../domain/model';
import type { Locale } from '../i18n';
import type { Logger } from '../ports/logger';

/** What the agent typed matched several people: what to offer them. */
export interface PersonPick {
  feature: PickFeature;
  agent: Actor;
  query: string;
  candidates: readonly DirectoryUser[];
  /** The reason given with `show passcode`, kept with the offer for the click. */
  reason?: string;
}

/** A Choose button per person; when the offer cannot be kept, the names and how to ask again. */
export async function personPickAnswer(offers: Pick<PersonPickOffers, 'offer'>, pick: PersonPick, locale: Locale, log: Logger): Promise<Partial<Activity>> {
  const listed = pick.candidates.slice(0, MAX_LISTED_PEOPLE);
  try {
    const offer = await offers.offer({
      feature: pick.feature,
      agent: { oid: pick.agent.oid, name: pick.agent.name },
      query: pick.query,
      ...(pick.reason ? { reason: pick.reason } : {}),
      candidateIds: listed.map((user) => user.id),
    });
    return MessageFactory.attachment(personPickCard(pick.feature, offer.id, pick.query, listed, locale));
  } catch (error) {
    log.warn(`dialog.${pick.feature}.offerNotKept`, errorFields(error));
    return MessageFactory.text(severalPeopleText(pick.query, listed, (upn) => peopleExamples[pick.feature](upn, locale), locale));
  }
}
