import type { Attachment } from 'botbuilder';
import confirmTemplate from '../../cards/confirm-reset.json';
import pickDeviceTemplate from '../../cards/pick-device.json';
import pickUserTemplate from '../../cards/pick-user.json';
import type { ResetFlow } from '../domain/reset/reset-flow';
import { t, type Locale } from '../i18n';
import { CardTemplate, type DeviceRow, type Fact } from './card-template';
import { deviceFacts, deviceRow, outcomeText } from './device-text';
import { issuesPasscode } from '../domain/eligibility/types';
import { flowCardBase, personName, type FlowCardBase } from './flow-card-parts';

/** At most this many people are offered on the pick-a-person card. */
export const MAX_CANDIDATES = 10;

interface CandidateRow {
  id: string;
  name: string;
  upn: string;
  department: string;
  hasDepartment: boolean;
}

interface PickUserData extends FlowCardBase {
  title: string;
  hint: string;
  candidates: CandidateRow[];
  hasMore: boolean;
  moreText: string;
  chooseLabel: string;
  cancelLabel: string;
}

interface IneligibleList {
  hasIneligible: boolean;
  ineligibleHeading: string;
  ineligible: DeviceRow[];
}

interface PickDeviceData extends FlowCardBase, IneligibleList {
  title: string;
  subtitle: string;
  eligibleHeading: string;
  eligible: DeviceRow[];
  chooseLabel: string;
  cancelLabel: string;
}

interface ConfirmData extends FlowCardBase, IneligibleList {
  title: string;
  facts: Fact[];
  hasOutcome: boolean;
  outcomeHeading: string;
  outcomeText: string;
  hasDelivery: boolean;
  deliveryText: string;
  confirmLabel: string;
  cancelLabel: string;
  /** The agent's reason or ticket number: an input on the card, sent with the Yes click. */
  reasonLabel: string;
  reasonPlaceholder: string;
  reasonRequired: string;
}

const pickUser = new CardTemplate<PickUserData>(pickUserTemplate);
const pickDevice = new CardTemplate<PickDeviceData>(pickDeviceTemplate);
const confirm = new CardTemplate<ConfirmData>(confirmTemplate);

/** choosingUser: several people match; each has a Choose button (verb chooseUser). */
export function pickUserCard(flow: ResetFlow, locale: Locale): Attachment {
  const all = flow.userCandidates ?? [];
  const shown = all.slice(0, MAX_CANDIDATES);
  return pickUser.render({
    ...flowCardBase(flow, locale),
    title: t(locale, 'pickUser.title', { query: flow.query }),
    hint: t(locale, 'pickUser.hint'),
    candidates: shown.map((user) => ({
      id: user.id,
      name: user.displayName,
      upn: user.userPrincipalName,
      department: user.department ?? '',
      hasDepartment: Boolean(user.department),
    })),
    hasMore: all.length > shown.length,
    moreText: t(locale, 'pickUser.more', { shown: shown.length, total: all.length }),
    chooseLabel: t(locale, 'common.choose'),
    cancelLabel: t(locale, 'common.cancel'),
  });
}

/** choosingDevice: eligible devices with Choose (verb chooseDevice), the others with their reason. */
export function pickDeviceCard(flow: ResetFlow, locale: Locale): Attachment {
  const options = flow.devices ?? [];
  return pickDevice.render({
    ...flowCardBase(flow, locale),
    ...ineligibleList(flow, locale),
    title: t(locale, 'pickDevice.title', { name: personName(flow) }),
    subtitle: flow.targetUser?.userPrincipalName ?? '',
    eligibleHeading: t(locale, 'pickDevice.eligibleHeading'),
    eligible: options.filter((option) => option.verdict.eligible).map((option) => deviceRow(option, locale)),
    chooseLabel: t(locale, 'common.choose'),
    cancelLabel: t(locale, 'common.cancel'),
  });
}

/** confirming: the device's facts, what will happen, the devices left out; Yes / Cancel. */
export function confirmCard(flow: ResetFlow, locale: Locale): Attachment {
  const device = flow.device;
  const verdict = device ? flow.devices?.find((option) => option.device.id === device.id)?.verdict : undefined;
  const newPasscode = issuesPasscode(verdict?.outcome);
  const owner = flow.targetUser?.displayName ?? t(locale, 'common.unknown');
  return confirm.render({
    ...flowCardBase(flow, locale),
    ...ineligibleList(flow, locale),
    title: t(locale, 'confirm.title'),
    facts: device ? deviceFacts(device, verdict?.platform, flow.targetUser, locale) : [],
    hasOutcome: verdict !== undefined,
    outcomeHeading: t(locale, 'confirm.outcomeHeading'),
    outcomeText: verdict ? outcomeText(verdict.outcome, owner, locale) : '',
    hasDelivery: newPasscode,
    deliveryText: newPasscode ? t(locale, 'confirm.delivery') : '',
    confirmLabel: t(locale, verdict?.outcome === 'passcodeRemoved' ? 'platforms.removed.confirmYes' : 'confirm.yes'),
    cancelLabel: t(locale, 'common.cancel'),
    reasonLabel: t(locale, 'resetReason.label'),
    reasonPlaceholder: t(locale, 'resetReason.placeholder'),
    reasonRequired: t(locale, 'resetReason.required'),
  });
}

function ineligibleList(flow: ResetFlow, locale: Locale): IneligibleList {
  const rows = (flow.devices ?? [])
    .filter((option) => !option.verdict.eligible)
    .map((option) => deviceRow(option, locale));
  return { hasIneligible: rows.length > 0, ineligibleHeading: t(locale, 'devices.ineligibleHeading'), ineligible: rows };
}
