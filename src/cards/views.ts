/**
 * Everything the bot shows: Adaptive Cards expanded from the templates in `/cards` and texts
 * from the i18n catalogs. The bot layer calls only these.
 */
import type { Attachment } from 'botbuilder';
import type { ResetFlow, ResetProgress } from '../domain/reset/reset-flow';
import type { Locale } from '../i18n';
import { confirmCard, pickDeviceCard, pickUserCard } from './choice-cards';
import { statusCard } from './status-card';

export { errorText } from './failure-text';
export { helpText } from './help-text';
export { intuneDeviceUrl } from './links';
export { hiddenPasscodeCard, passcodeCard } from './passcode-cards';

/** The card of a flow in its current state (what the shared conversation or the 1:1 shows). */
export function flowCard(flow: ResetFlow, locale: Locale): Attachment {
  switch (flow.state) {
    case 'choosingUser':
      return pickUserCard(flow, locale);
    case 'choosingDevice':
      return pickDeviceCard(flow, locale);
    case 'confirming':
      return confirmCard(flow, locale);
    default:
      return statusCard(flow, flow.state, locale);
  }
}

/** The flow card while the reset runs (no buttons), with progress. */
export function progressCard(flow: ResetFlow, progress: ResetProgress, locale: Locale): Attachment {
  return statusCard(flow, 'resetting', locale, progress);
}
