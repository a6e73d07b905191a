import { t, type Locale } from '../../i18n';

/** What a shared conversation is told about `history`: the records themselves go to the asker's 1:1 only. */
export const historyTexts = {
  /** Asked in a channel or group chat: the answer went to the agent's 1:1. */
  sentPrivately: (locale: Locale): string => t(locale, 'history.sentPrivately'),
  /** The agent's 1:1 cannot be reached, so the records were not shown anywhere. */
  unreachable: (locale: Locale): string => t(locale, 'history.unreachable'),
};
