import type { Attachment } from 'botbuilder';
import getPasscodeTemplate from '../../../cards/request-get-passcode.json';
import type { FlowFailure } from '../../domain/reset/reset-flow';
import type { InFlightReset } from '../../ports/in-flight-store';
import { formatDateTime, t, type Locale } from '../../i18n';
import { CardTemplate, type Fact } from '../card-template';
import { describeFailure } from '../failure-text';

interface GetPasscodeData {
  lang: Locale;
  inFlightId: string;
  title: string;
  body: string;
  facts: Fact[];
  getLabel: string;
}

const getPasscode = new CardTemplate<GetPasscodeData>(getPasscodeTemplate);

/**
 * Posted to the agent's 1:1 when a reset outlived a restart and the agent has no session here:
 * one click signs them in (loginRequest) and reads the outcome from Intune (never from storage).
 */
export function getPasscodeCard(entry: InFlightReset, locale: Locale): Attachment {
  return getPasscode.render({
    lang: locale,
    inFlightId: entry.id,
    title: t(locale, 'recovery.title', { device: entry.deviceName }),
    body: t(locale, 'recovery.body', { device: entry.deviceName }),
    facts: [
      { label: t(locale, 'fact.device'), value: entry.deviceName },
      { label: t(locale, 'recovery.fact.sentAt'), value: formatDateTime(entry.postedAt, locale) },
    ],
    getLabel: t(locale, 'recovery.get'),
  });
}

/** What the Get passcode button becomes once used (the passcode arrives as its own message). */
export function recoveryTexts(locale: Locale) {
  return {
    /** Nothing left to deliver: already delivered (here or elsewhere), or running right now. */
    nothingToDeliver: t(locale, 'recovery.nothingToDeliver'),
    /** Intune is still working on it; the agent gets it when it is done. */
    stillRunning: (device: string) => t(locale, 'recovery.stillRunning', { device }),
    /** The recovered reset failed: what happened and what to do, with the error code. */
    failed: (device: string, failure: FlowFailure, deviceId: string) => {
      const view = describeFailure({ ...failure, deviceId }, locale);
      return [t(locale, 'recovery.failed', { device }), view.what, view.next, ...view.links, ...view.notes].join('\n\n');
    },
    /** The self-service reset finished: the identity question follows in the 1:1. */
    verifyNext: (device: string) => t(locale, 'recovery.verifyNext', { device }),
  };
}
