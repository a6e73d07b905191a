import type { Attachment } from 'botbuilder';
import approvalTemplate from '../../../cards/approval-request.json';
import passcodeTemplate from '../../../cards/approval-passcode.json';
import verifyTemplate from '../../../cards/verify-identity.json';
import { requestOutcome, type ApprovalRequest } from '../../domain/approvals/approval-request';
import type { PerformedOutcome } from '../../domain/eligibility/types';
import type { IssuedPasscode } from '../../domain/model';
import { formatDateTime, t, type Locale } from '../../i18n';
import { CardTemplate, type Fact } from '../card-template';
import { describeFailure } from '../failure-text';
import { intuneDeviceUrl } from '../links';
import { passcodeBody, renderHiddenPasscode, type PasscodeBody } from '../passcode-cards';
import {
  ageText,
  deciderName,
  effectiveState,
  justificationFact,
  methodText,
  requestDeviceFacts,
  requesterText,
  VERIFICATION_METHODS,
  when,
} from './request-text';

type Color = 'Default' | 'Good' | 'Warning' | 'Attention';

interface ApprovalData {
  lang: Locale;
  requestId: string;
  revision: number;
  title: string;
  titleColor: Color;
  subtitle: string;
  facts: Fact[];
  hasStatus: boolean;
  status: { text: string }[];
  links: { markdown: string }[];
  notes: { text: string }[];
  canDecide: boolean;
  decideHint: string;
  denyReasonLabel: string;
  denyReasonPlaceholder: string;
  approveLabel: string;
  denyLabel: string;
  /** A removal: the identity check comes with the approval (method and note on this card). */
  needsVerification: boolean;
  verifyFirstText: string;
  methodLabel: string;
  methods: { title: string; value: string }[];
  noteLabel: string;
  notePlaceholder: string;
  /** `auto` sends the method and note with Approve; `none` sends nothing typed. */
  approveInputs: 'auto' | 'none';
}

interface VerifyData {
  lang: Locale;
  requestId: string;
  revision: number;
  title: string;
  body: string;
  facts: Fact[];
  methodLabel: string;
  methodError: string;
  methods: { title: string; value: string }[];
  noteLabel: string;
  notePlaceholder: string;
  privacyText: string;
  revealLabel: string;
}

interface PasscodeData extends PasscodeBody {
  deviceId: string;
}

const approval = new CardTemplate<ApprovalData>(approvalTemplate);
const verify = new CardTemplate<VerifyData>(verifyTemplate);
const passcode = new CardTemplate<PasscodeData>(passcodeTemplate);

/**
 * The request card the helpdesk sees (in the approval channel or in members' 1:1 chats): who asks,
 * for which device, why, how long ago; Approve / Deny with a reason while it is open; afterwards
 * who decided, when, and how it ended. Never a passcode.
 */
export function approvalCard(request: ApprovalRequest, locale: Locale, now: Date): Attachment {
  const state = effectiveState(request, now);
  const requester = request.requester.name || t(locale, 'common.unknown');
  const agent = deciderName(request, locale);
  const approvedBy = t(locale, 'approvals.card.approvedBy', { agent, date: when(request.decidedAt, locale) });
  const base: ApprovalData = {
    lang: locale,
    requestId: request.id,
    revision: request.revision,
    title: '',
    titleColor: 'Default',
    subtitle: t(locale, 'approvals.card.subtitle', {
      date: formatDateTime(request.createdAt, locale),
      age: ageText(request.createdAt, now, locale),
    }),
    facts: [
      { label: t(locale, 'approvals.fact.requester'), value: requesterText(request, locale) },
      ...requestDeviceFacts(request, locale),
      justificationFact(request, locale),
      { label: t(locale, 'approvals.fact.expires'), value: formatDateTime(request.expiresAt, locale) },
    ],
    hasStatus: false,
    status: [],
    links: [],
    notes: [],
    canDecide: false,
    decideHint: t(locale, 'approvals.card.decideHint'),
    denyReasonLabel: t(locale, 'approvals.card.denyReasonLabel'),
    denyReasonPlaceholder: t(locale, 'approvals.card.denyReasonPlaceholder'),
    approveLabel: t(locale, 'approvals.card.approve'),
    denyLabel: t(locale, 'approvals.card.deny'),
    needsVerification: false,
    verifyFirstText: t(locale, 'platforms.request.removalVerifyFirst'),
    methodLabel: t(locale, 'approvals.verify.methodLabel'),
    methods: VERIFICATION_METHODS.map((value) => ({ title: methodText(value, locale), value })),
    noteLabel: t(locale, 'approvals.verify.noteLabel'),
    notePlaceholder: t(locale, 'approvals.verify.notePlaceholder'),
    approveInputs: 'none',
  };
  const removal = requestOutcome(request) === 'passcodeRemoved';
  const lines = (...texts: string[]) => ({ hasStatus: true, status: texts.map((text) => ({ text })) });
  switch (state) {
    case 'open':
      return approval.render({
        ...base,
        title: t(locale, 'approvals.card.open.title', { requester }),
        canDecide: true,
        ...(removal ? { needsVerification: true, approveInputs: 'auto' as const } : {}),
      });
    case 'resetting':
      return approval.render({ ...base, title: t(locale, 'approvals.card.resetting.title', { agent }), ...lines(approvedBy) });
    case 'awaitingVerification':
      return approval.render({
        ...base,
        title: t(locale, 'approvals.card.awaiting.title'),
        titleColor: 'Good',
        ...lines(approvedBy, t(locale, 'approvals.card.awaiting.body', { agent })),
      });
    case 'done': {
      const verification = request.verification;
      const verified = verification
        ? t(locale, request.endedByRemoval ? 'platforms.request.verifiedBeforeRemoval' : 'approvals.card.done.body', {
            agent: verification.by.name || agent,
            method: methodText(verification.method, locale),
            date: when(verification.at, locale),
          })
        : t(locale, 'approvals.card.done.bodyNoVerification', { agent });
      const removed = request.endedByRemoval ? [t(locale, 'platforms.request.removedDone', { device: request.device.name })] : [];
      return approval.render({
        ...base,
        title: t(locale, removed.length ? 'platforms.removed.title' : 'approvals.card.done.title'),
        titleColor: 'Good',
        ...lines(approvedBy, verified, ...removed),
      });
    }
    case 'failed': {
      const view = describeFailure({ ...(request.failure ?? { code: 'graph.unexpected' }), deviceId: request.device.id }, locale, {
        operatingSystem: request.device.platform,
      });
      return approval.render({
        ...base,
        title: t(locale, 'approvals.card.failed.title'),
        titleColor: 'Attention',
        ...lines(approvedBy, view.what, ...view.hints, view.next),
        links: view.links.map((markdown) => ({ markdown })),
        notes: view.notes.map((text) => ({ text })),
      });
    }
    case 'denied':
      return approval.render({
        ...base,
        title: t(locale, 'approvals.card.denied.title', { agent }),
        titleColor: 'Attention',
        ...lines(
          t(locale, 'approvals.card.denied.body', {
            agent,
            date: when(request.decidedAt, locale),
            reason: request.denyReason || t(locale, 'common.unknown'),
          }),
        ),
      });
    case 'cancelled':
      return approval.render({
        ...base,
        title: t(locale, 'approvals.card.cancelled.title', { requester }),
        ...lines(t(locale, 'approvals.card.cancelled.body')),
      });
    case 'expired':
      return approval.render({
        ...base,
        title: t(locale, 'approvals.card.expired.title'),
        titleColor: 'Warning',
        ...lines(t(locale, 'approvals.card.expired.body', { date: formatDateTime(request.expiresAt, locale) })),
      });
  }
}

/**
 * PRIVATE (the approving agent's 1:1): how was the employee's identity verified? The passcode is
 * revealed only after this answer (verb verifyIdentity; inputs `method` and `note`).
 */
export function verifyIdentityCard(request: ApprovalRequest, locale: Locale): Attachment {
  const requester = request.requester.name || t(locale, 'common.unknown');
  return verify.render({
    lang: locale,
    requestId: request.id,
    revision: request.revision,
    title: t(locale, 'approvals.verify.title', { requester }),
    body: t(locale, 'approvals.verify.body', { requester, device: request.device.name }),
    facts: [
      { label: t(locale, 'approvals.fact.requester'), value: requesterText(request, locale) },
      { label: t(locale, 'fact.device'), value: request.device.name },
      justificationFact(request, locale),
    ],
    methodLabel: t(locale, 'approvals.verify.methodLabel'),
    methodError: t(locale, 'approvals.verify.methodError'),
    methods: VERIFICATION_METHODS.map((value) => ({ title: methodText(value, locale), value })),
    noteLabel: t(locale, 'approvals.verify.noteLabel'),
    notePlaceholder: t(locale, 'approvals.verify.notePlaceholder'),
    privacyText: t(locale, 'approvals.verify.privacy'),
    revealLabel: t(locale, 'approvals.verify.reveal'),
  });
}

/**
 * PRIVATE: a passcode read from Intune (after an approval, a "show passcode", or a recovered
 * reset), in the card body only, with the device, its owner and the date Intune stops showing it.
 */
export function revealedPasscodeCard(issued: IssuedPasscode, owner: string | undefined, locale: Locale): Attachment {
  return passcode.render({ ...passcodeBody(issued, owner, locale), deviceId: issued.deviceId });
}

/** What a revealed passcode card becomes after Hide: no passcode, where to find it in Intune. */
export function hiddenRevealedPasscodeCard(deviceId: string, locale: Locale): Attachment {
  return renderHiddenPasscode({
    lang: locale,
    title: t(locale, 'passcodeHidden.title'),
    body: t(locale, 'passcodeHidden.bodyNoDate', { device: t(locale, 'common.theDevice') }),
    hasLink: true,
    linkMarkdown: t(locale, 'link.intuneDevice', { url: intuneDeviceUrl(deviceId) }),
  });
}

/** The notification summary of a private passcode message: names the device, nothing secret. */
export function passcodeSummary(deviceName: string, locale: Locale): string {
  return t(locale, 'approvals.passcodeSummary', { device: deviceName });
}

/** Short answers to the helpdesk's clicks and commands about requests. */
/** What the device's owner is told: a new passcode, a new work-profile passcode, or the passcode removed. */
const OWNER_NOTICE_KEYS: Record<PerformedOutcome, string> = {
  newPasscode: 'approvals.ownerNotice',
  newWorkProfilePasscode: 'platforms.ownerNotice.newWorkProfilePasscode',
  passcodeRemoved: 'platforms.ownerNotice.passcodeRemoved',
};

export const helpdeskTexts = {
  ownerNotice: (device: string, agent: string, outcome: PerformedOutcome, locale: Locale): string =>
    t(locale, OWNER_NOTICE_KEYS[outcome], { device, agent }),
  verificationMethodRequired: (locale: Locale): string => t(locale, 'approvals.verify.methodError'),
  /** The verify card was answered from a shared conversation: the passcode would be seen there. */
  privateOnly: (locale: Locale): string => t(locale, 'approvals.verify.personalOnly'),
  /** The approver's 1:1 cannot be reached: the verification card (and passcode) cannot be sent. */
  approverUnreachable: (locale: Locale): string => t(locale, 'approvals.approverUnreachable'),
  /** Told in the conversation of the click: the next step is in the approver's 1:1. */
  verifyInPrivate: (locale: Locale): string => t(locale, 'approvals.verifyInPrivate'),
  channelSet: (locale: Locale): string => t(locale, 'approvals.channel.set'),
  channelOnlyInChannel: (locale: Locale): string => t(locale, 'approvals.channel.onlyInChannel'),
  channelNotAdmin: (locale: Locale): string => t(locale, 'approvals.channel.notAdmin'),
  channelNoAdminGroup: (locale: Locale): string => t(locale, 'approvals.channel.noAdminGroup'),
  /** Told to the device's owner after every reset. */
};
