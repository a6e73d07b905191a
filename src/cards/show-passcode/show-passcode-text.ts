import { formatDateTime, t, type Locale } from '../../i18n';

/** What the helpdesk is told about "show passcode for …" where the passcode itself is not. */
export const showPasscodeTexts = {
  /** Asked in a channel or group chat: the passcode went to the agent's 1:1. */
  sentPrivately: (device: string, locale: Locale): string => t(locale, 'showPasscode.sentPrivately', { device }),
  /** The agent's 1:1 cannot be reached, so the passcode was not shown anywhere. */
  unreachable: (locale: Locale): string => t(locale, 'showPasscode.unreachable'),
  /** The newest reset removed the passcode: nothing to show, the employee must set one. */
  removed: (device: string, startedAt: string, locale: Locale): string =>
    t(locale, 'platforms.showPasscode.removed', { device, date: formatDateTime(startedAt, locale) }),
};
