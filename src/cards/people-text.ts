import type { DirectoryUser } from '../domain/model';
import { t, type Locale } from '../i18n';

/** At most this many people are listed when a name is ambiguous. */
export const MAX_LISTED_PEOPLE = 10;

/**
 * Several people match what the helpdesk typed (history, show passcode): who they are, and how
 * to ask again with the sign-in name (`example` is the command with a `{upn}` placeholder filled).
 */
export function severalPeopleText(query: string, candidates: readonly DirectoryUser[], example: (upn: string) => string, locale: Locale): string {
  const shown = candidates.slice(0, MAX_LISTED_PEOPLE);
  const list = shown.map((user) => `- ${t(locale, 'device.owner', { name: user.displayName, upn: user.userPrincipalName })}`).join('\n');
  const first = shown[0]?.userPrincipalName ?? 'alice@contoso.com';
  return [t(locale, 'people.several', { query }), list, t(locale, 'people.askAgain', { example: example(first) })].join('\n\n');
}

/** Nobody matches what the helpdesk typed. */
export function noPersonText(query: string, locale: Locale): string {
  return t(locale, 'people.none', { query });
}

/** The commands used as examples in those answers, in the asker's language. */
export const peopleExamples = {
  history: (upn: string, locale: Locale): string => t(locale, 'people.example.history', { upn }),
  showPasscode: (upn: string, locale: Locale): string => t(locale, 'people.example.showPasscode', { upn }),
};
