import type { Attachment } from 'botbuilder';
import myRequestsTemplate from '../../../cards/my-requests.json';
import newRequestTemplate from '../../../cards/request-new.json';
import statusTemplate from '../../../cards/request-status.json';
import type { ApprovalRequest, RequestState } from '../../domain/approvals/approval-request';
import type { DeviceOption, ResetOutcome } from '../../domain/eligibility/types';
import { formatDateTime, t, type Locale } from '../../i18n';
import { CardTemplate, type DeviceRow, type Fact } from '../card-template';
import { deviceRow } from '../device-text';
import { deciderName, effectiveState, justificationFact, stateText, when } from './request-text';

type Color = 'Default' | 'Good' | 'Warning' | 'Attention';

interface NewRequestData {
  lang: Locale;
  title: string;
  hint: string;
  hasEligible: boolean;
  justificationLabel: string;
  justificationPlaceholder: string;
  eligibleHeading: string;
  eligible: DeviceRow[];
  requestLabel: string;
  hasIneligible: boolean;
  ineligibleHeading: string;
  ineligible: DeviceRow[];
  privacyText: string;
}

interface StatusData {
  lang: Locale;
  requestId: string;
  revision: number;
  title: string;
  titleColor: Color;
  paragraphs: { text: string }[];
  facts: Fact[];
  canCancel: boolean;
  cancelLabel: string;
}

interface MyRequestRow {
  id: string;
  revision: number;
  device: string;
  state: string;
  stateColor: Color;
  detail: string;
  canCancel: boolean;
}

interface MyRequestsData {
  lang: Locale;
  title: string;
  isEmpty: boolean;
  emptyText: string;
  requests: MyRequestRow[];
  cancelLabel: string;
  hint: string;
}

const newRequest = new CardTemplate<NewRequestData>(newRequestTemplate);
const status = new CardTemplate<StatusData>(statusTemplate);
const myRequests = new CardTemplate<MyRequestsData>(myRequestsTemplate);

/**
 * The employee's own devices, with the same rows and reasons as the agent flow: a short
 * justification, and "Request a reset" on each eligible device (verb fileRequest, data.deviceId).
 */
export function newRequestCard(options: readonly DeviceOption[], locale: Locale): Attachment {
  const eligible = options.filter((option) => option.verdict.eligible).map((option) => withOutcomeNote(option, locale));
  const ineligible = options.filter((option) => !option.verdict.eligible).map((option) => deviceRow(option, locale));
  const heading =
    eligible.length > 0
      ? { title: t(locale, 'approvals.new.title'), hint: t(locale, 'approvals.new.hint') }
      : options.length > 0
        ? { title: t(locale, 'approvals.new.noneEligible.title'), hint: t(locale, 'approvals.new.noneEligible.hint') }
        : { title: t(locale, 'approvals.new.noDevices.title'), hint: t(locale, 'approvals.new.noDevices.hint') };
  return newRequest.render({
    lang: locale,
    ...heading,
    hasEligible: eligible.length > 0,
    justificationLabel: t(locale, 'approvals.new.justificationLabel'),
    justificationPlaceholder: t(locale, 'approvals.new.justificationPlaceholder'),
    eligibleHeading: t(locale, 'pickDevice.eligibleHeading'),
    eligible,
    requestLabel: t(locale, 'approvals.new.request'),
    hasIneligible: ineligible.length > 0,
    ineligibleHeading: t(locale, 'devices.ineligibleHeading'),
    ineligible,
    privacyText: t(locale, 'approvals.new.privacy'),
  });
}

/** What the employee must expect on a device whose reset is not a plain new passcode. */
const EMPLOYEE_OUTCOME_NOTES: Partial<Record<ResetOutcome, string>> = {
  passcodeRemoved: 'platforms.employee.willRemove',
  newWorkProfilePasscode: 'platforms.employee.willResetWorkProfile',
};

function withOutcomeNote(option: DeviceOption, locale: Locale): DeviceRow {
  const row = deviceRow(option, locale);
  const note = EMPLOYEE_OUTCOME_NOTES[option.verdict.outcome];
  return note ? { ...row, summary: `${row.summary} — ${t(locale, note)}` } : row;
}

/** What the employee is told about a request: a title and one paragraph, by state. */
export function employeeNotice(request: ApprovalRequest, locale: Locale, now: Date): { title: string; body: string; color: Color } {
  const state = effectiveState(request, now);
  const device = request.device.name;
  const agent = deciderName(request, locale);
  switch (state) {
    case 'open':
      return {
        title: t(locale, 'approvals.mine.open.title'),
        body: t(locale, 'approvals.mine.open.body', { date: when(request.expiresAt, locale) }),
        color: 'Default',
      };
    case 'resetting':
    case 'awaitingVerification':
    case 'done':
      return {
        title: t(locale, 'approvals.mine.approved.title'),
        body: request.endedByRemoval
          ? t(locale, 'platforms.employee.removed', { agent, device })
          : t(locale, 'approvals.mine.approved.body', { agent, device }),
        color: 'Good',
      };
    case 'failed':
      return { title: t(locale, 'approvals.mine.failed.title'), body: t(locale, 'approvals.mine.failed.body', { agent, device }), color: 'Attention' };
    case 'denied':
      return {
        title: t(locale, 'approvals.mine.denied.title'),
        body: t(locale, 'approvals.mine.denied.body', { agent, device, reason: request.denyReason || t(locale, 'common.unknown') }),
        color: 'Attention',
      };
    case 'cancelled':
      return { title: t(locale, 'approvals.mine.cancelled.title'), body: t(locale, 'approvals.mine.cancelled.body', { device }), color: 'Default' };
    case 'expired':
      return {
        title: t(locale, 'approvals.mine.expired.title'),
        body: t(locale, 'approvals.mine.expired.body', { device, date: when(request.expiresAt, locale) }),
        color: 'Warning',
      };
  }
}

/** The employee's card of one request (after filing it); Cancel request while it is open. */
export function requestStatusCard(request: ApprovalRequest, locale: Locale, now: Date): Attachment {
  const notice = employeeNotice(request, locale, now);
  const open = effectiveState(request, now) === 'open';
  return status.render({
    lang: locale,
    requestId: request.id,
    revision: request.revision,
    title: notice.title,
    titleColor: notice.color,
    paragraphs: [{ text: notice.body }],
    facts: [
      { label: t(locale, 'fact.device'), value: request.device.name },
      justificationFact(request, locale),
      { label: t(locale, 'approvals.fact.requestedAt'), value: formatDateTime(request.createdAt, locale) },
    ],
    canCancel: open,
    cancelLabel: t(locale, 'approvals.mine.cancel'),
  });
}

/**
 * A decision, as a message in the employee's 1:1 (Teams Markdown). Never the passcode: the
 * request holds none, and the words say the helpdesk will call.
 */
export function employeeNoticeText(request: ApprovalRequest, locale: Locale, now: Date): string {
  const notice = employeeNotice(request, locale, now);
  return `**${notice.title}**\n\n${notice.body}`;
}

const STATE_COLORS: Record<RequestState, Color> = {
  open: 'Default',
  resetting: 'Good',
  awaitingVerification: 'Good',
  done: 'Good',
  failed: 'Attention',
  denied: 'Attention',
  cancelled: 'Default',
  expired: 'Warning',
};

/** "my requests": newest first, each with its state; Cancel on the open ones. */
export function myRequestsCard(requests: readonly ApprovalRequest[], locale: Locale, now: Date): Attachment {
  return myRequests.render({
    lang: locale,
    title: t(locale, 'approvals.list.title'),
    isEmpty: requests.length === 0,
    emptyText: t(locale, 'approvals.list.empty'),
    requests: requests.map((request) => {
      const state = effectiveState(request, now);
      const details = [t(locale, 'approvals.list.requested', { date: formatDateTime(request.createdAt, locale) })];
      if (state === 'denied' && request.denyReason) details.push(t(locale, 'approvals.list.denyReason', { reason: request.denyReason }));
      return {
        id: request.id,
        revision: request.revision,
        device: request.device.name,
        state: stateText(state, locale),
        stateColor: STATE_COLORS[state],
        detail: details.join(' · '),
        canCancel: state === 'open',
      };
    }),
    cancelLabel: t(locale, 'approvals.mine.cancel'),
    hint: t(locale, 'approvals.list.hint'),
  });
}

/** Short answers to the employee's commands and clicks. */
export const employeeTexts = {
  /** Self-service shows the employee's devices: only in the 1:1. */
  personalOnly: (locale: Locale): string => t(locale, 'approvals.personalOnly'),
  /** The request was filed but nobody in the helpdesk can be reached through the bot yet. */
  noApproverReachable: (locale: Locale): string => t(locale, 'approvals.filed.noApprover'),
  cancelled: (request: ApprovalRequest, locale: Locale): string =>
    t(locale, 'approvals.cancel.done', { device: request.device.name }),
  /** A click on a request card of somebody else (forged or forwarded). */
  notYours: (locale: Locale): string => t(locale, 'approvals.notYours'),
};
