import { t, type Locale } from '../i18n';

/** Example commands shown in the help; the tests check that each one parses as a reset. */
export const HELP_EXAMPLE_KEYS = ['help.example1', 'help.example2', 'help.example3', 'help.example4'] as const;

/** What the bot does and how to ask, with examples (Teams Markdown). */
export function helpText(locale: Locale): string {
  const examples = HELP_EXAMPLE_KEYS.map((key) => `- ${t(locale, key)}`).join('\n');
  return [
    t(locale, 'help.intro'),
    t(locale, 'help.examplesTitle'),
    examples,
    t(locale, 'help.howItWorks'),
    t(locale, 'help.privacy'),
    t(locale, 'approvals.help.employees'),
    t(locale, 'approvals.help.helpdesk'),
  ].join('\n\n');
}
