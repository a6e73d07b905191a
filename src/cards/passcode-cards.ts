import type { Attachment } from 'botbuilder';
import hiddenTemplate from '../../cards/passcode-hidden.json';
import passcodeTemplate from '../../cards/passcode.json';
import type { IssuedPasscode } from '../domain/model';
import type { ResetFlow } from '../domain/reset/reset-flow';
import { formatDateTime, t, type Locale } from '../i18n';
import { CardTemplate, type Fact } from './card-template';
import { ownerText } from './device-text';
import { deviceName } from './flow-card-parts';
import { intuneDeviceUrl } from './links';

/** What every private passcode card shows; the templates differ only in their Hide button's data. */
export interface PasscodeBody {
  lang: Locale;
  title: string;
  /** The secret. It is bound to one TextBlock of the body and to nothing else. */
  passcode: string;
  facts: Fact[];
  validityText: string;
  verifyText: string;
  hideHint: string;
  hideLabel: string;
}

interface PasscodeData extends PasscodeBody {
  flowId: string;
  revision: number;
}

export interface HiddenPasscodeData {
  lang: Locale;
  title: string;
  body: string;
  hasLink: boolean;
  linkMarkdown: string;
}

const passcode = new CardTemplate<PasscodeData>(passcodeTemplate);
const hidden = new CardTemplate<HiddenPasscodeData>(hiddenTemplate);

/** The body of a private passcode card: the device, its owner, the date Intune stops showing it. */
export function passcodeBody(issued: IssuedPasscode, owner: string | undefined, locale: Locale): PasscodeBody {
  const until = formatDateTime(issued.visibleUntil, locale);
  const facts: Fact[] = [{ label: t(locale, 'fact.device'), value: issued.deviceName }];
  if (owner) facts.push({ label: t(locale, 'fact.owner'), value: owner });
  facts.push({ label: t(locale, 'fact.visibleUntil'), value: until });
  return {
    lang: locale,
    title: t(locale, issued.workProfile ? 'platforms.workProfile.title' : 'passcode.title', { device: issued.deviceName }),
    passcode: issued.passcode,
    facts,
    validityText: [issued.workProfile ? t(locale, 'platforms.workProfile.hint') : '', t(locale, 'passcode.validity', { date: until })]
      .filter(Boolean)
      .join(' '),
    verifyText: t(locale, 'passcode.verify'),
    hideHint: t(locale, 'passcode.hideHint'),
    hideLabel: t(locale, 'passcode.hide'),
  };
}

/** The card a passcode card becomes after Hide (shared by every passcode card). */
export function renderHiddenPasscode(data: HiddenPasscodeData): Attachment {
  return hidden.render(data);
}

/** PRIVATE: the new passcode with its device and the date Intune stops showing it; Hide button. */
export function passcodeCard(flow: ResetFlow, issued: IssuedPasscode, locale: Locale): Attachment {
  const owner = flow.targetUser ? ownerText(flow.targetUser, flow.device, locale) : undefined;
  return passcode.render({ ...passcodeBody(issued, owner, locale), flowId: flow.id, revision: flow.revision });
}

/** What the passcode card becomes after Hide: no passcode, where to find it in Intune. */
export function hiddenPasscodeCard(flow: ResetFlow, locale: Locale): Attachment {
  const device = deviceName(flow, locale);
  return renderHiddenPasscode({
    lang: locale,
    title: t(locale, 'passcodeHidden.title'),
    body: flow.visibleUntil
      ? t(locale, 'passcodeHidden.body', { device, date: formatDateTime(flow.visibleUntil, locale) })
      : t(locale, 'passcodeHidden.bodyNoDate', { device }),
    hasLink: Boolean(flow.device),
    linkMarkdown: flow.device ? t(locale, 'link.intuneDevice', { url: intuneDeviceUrl(flow.device.id) }) : '',
  });
}
