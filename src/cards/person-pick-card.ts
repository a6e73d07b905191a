import type { Attachment } from 'botbuilder';
import historyTemplate from '../../cards/history-pick-person.json';
import passcodeTemplate from '../../cards/show-passcode-pick-person.json';
import type { DirectoryUser } from '../domain/model';
import { t, type Locale } from '../i18n';
import { CardTemplate } from './card-template';
import { MAX_LISTED_PEOPLE } from './people-text';

/** The commands that can end in a pick card: `history …` and `show passcode for …`. */
export type PickFeature = 'history' | 'showPasscode';

/** One person on a pick card: who they are, and the id their Choose button sends. */
export interface PersonRow {
  id: string;
  name: string;
  upn: string;
  department: string;
  hasDepartment: boolean;
}

/** What the pick cards bind to. */
export interface PersonPickData {
  lang: Locale;
  title: string;
  hint: string;
  /** The offer the buttons belong to; the bot looks up everything else by it. */
  offerId: string;
  candidates: PersonRow[];
  chooseLabel: string;
}

/** One template per feature: they differ only in the verb their buttons send (pickHistoryPerson, pickPasscodePerson). */
const TEMPLATES: Record<PickFeature, CardTemplate<PersonPickData>> = {
  history: new CardTemplate<PersonPickData>(historyTemplate),
  showPasscode: new CardTemplate<PersonPickData>(passcodeTemplate),
};

/** Each feature's texts (written out, so every catalog key can be found in the source). */
const KEYS: Record<PickFeature, Record<'title' | 'hint' | 'stale' | 'notYours' | 'notOffered', string>> = {
  history: {
    title: 'history.pick.title',
    hint: 'history.pick.hint',
    stale: 'history.pick.stale',
    notYours: 'history.pick.notYours',
    notOffered: 'history.pick.notOffered',
  },
  showPasscode: {
    title: 'showPasscode.pick.title',
    hint: 'showPasscode.pick.hint',
    stale: 'showPasscode.pick.stale',
    notYours: 'showPasscode.pick.notYours',
    notOffered: 'showPasscode.pick.notOffered',
  },
};

/** The people to list, at most MAX_LISTED_PEOPLE. */
export function personRows(candidates: readonly DirectoryUser[]): PersonRow[] {
  return candidates.slice(0, MAX_LISTED_PEOPLE).map((user) => ({
    id: user.id,
    name: user.displayName,
    upn: user.userPrincipalName,
    department: user.department ?? '',
    hasDepartment: Boolean(user.department),
  }));
}

/** What the agent typed matched several people: one Choose button each. */
export function personPickCard(feature: PickFeature, offerId: string, query: string, candidates: readonly DirectoryUser[], locale: Locale): Attachment {
  return TEMPLATES[feature].render({
    lang: locale,
    title: t(locale, KEYS[feature].title, { query }),
    hint: t(locale, KEYS[feature].hint),
    offerId,
    candidates: personRows(candidates),
    chooseLabel: t(locale, 'common.choose'),
  });
}

/** What the clicking person reads when a pick is refused; nothing was shown. */
export function personPickTexts(feature: PickFeature, locale: Locale) {
  return {
    /** The list expired, was already used, or is unknown. */
    stale: t(locale, KEYS[feature].stale),
    /** Another helpdesk member's list. */
    notYours: (agent: string) => t(locale, KEYS[feature].notYours, { agent }),
    /** A person who was not on the list. */
    notOffered: t(locale, KEYS[feature].notOffered),
  };
}
