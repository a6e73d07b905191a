import type { ApprovalRequest, RequestState, VerificationMethod } from '../../domain/approvals/approval-request';
import { formatDateTime, t, type Locale } from '../../i18n';
import type { Fact } from '../card-template';

// Exhaustive by construction: a new state or method of the domain fails to compile here, and
// the catalog tests then ask for its message. Keys are literal so the catalog tests find them.
const STATE_KEYS: Record<RequestState, string> = {
  open: 'approvals.state.open',
  resetting: 'approvals.state.resetting',
  awaitingVerification: 'approvals.state.awaitingVerification',
  done: 'approvals.state.done',
  failed: 'approvals.state.failed',
  denied: 'approvals.state.denied',
  cancelled: 'approvals.state.cancelled',
  expired: 'approvals.state.expired',
};

const METHOD_KEYS: Record<VerificationMethod, string> = {
  callBack: 'approvals.method.callBack',
  manager: 'approvals.method.manager',
  inPerson: 'approvals.method.inPerson',
  other: 'approvals.method.other',
};

/** Every verification method, in the order the card offers them. */
export const VERIFICATION_METHODS = Object.keys(METHOD_KEYS) as VerificationMethod[];

/** Whether a value from a card is one of the verification methods. */
export function isVerificationMethod(value: unknown): value is VerificationMethod {
  return typeof value === 'string' && Object.hasOwn(METHOD_KEYS, value);
}

/** A request's state in a few words ("Waiting for the helpdesk"). */
export function stateText(state: RequestState, locale: Locale): string {
  return t(locale, STATE_KEYS[state]);
}

/** How the identity was verified, in words. */
export function methodText(method: VerificationMethod, locale: Locale): string {
  return t(locale, METHOD_KEYS[method]);
}

/**
 * The state the people looking at a card should see: an open request past its expiry is expired
 * even before the periodic sweep has recorded it (the domain refuses to approve it either way).
 */
export function effectiveState(request: ApprovalRequest, now: Date): RequestState {
  if (request.state === 'open' && Date.parse(request.expiresAt) <= now.getTime()) return 'expired';
  return request.state;
}

/** "just now", "12 min ago", "3 h ago", "2 days ago". */
export function ageText(sinceIso: string, now: Date, locale: Locale): string {
  const minutes = Math.floor((now.getTime() - Date.parse(sinceIso)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return t(locale, 'approvals.age.justNow');
  if (minutes < 60) return t(locale, 'approvals.age.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t(locale, 'approvals.age.hours', { count: hours });
  return t(locale, 'approvals.age.days', { count: Math.floor(hours / 24) });
}

/** The requester with their sign-in name when known. */
export function requesterText(request: ApprovalRequest, locale: Locale): string {
  const { name, upn } = request.requester;
  const shown = name || t(locale, 'common.unknown');
  return upn ? t(locale, 'device.owner', { name: shown, upn }) : shown;
}

/** The device of a request with what the helpdesk checks: platform, model, OS version. */
export function requestDeviceFacts(request: ApprovalRequest, locale: Locale): Fact[] {
  const device = request.device;
  const facts: Fact[] = [{ label: t(locale, 'fact.device'), value: device.name }];
  if (device.platform) facts.push({ label: t(locale, 'fact.platform'), value: device.platform });
  if (device.model) facts.push({ label: t(locale, 'fact.model'), value: device.model });
  if (device.osVersion) facts.push({ label: t(locale, 'fact.osVersion'), value: device.osVersion });
  return facts;
}

/** The employee's words, as a fact. */
export function justificationFact(request: ApprovalRequest, locale: Locale): Fact {
  return { label: t(locale, 'approvals.fact.justification'), value: request.justification || t(locale, 'common.unknown') };
}

/** The name of whoever decided, or a neutral word. */
export function deciderName(request: ApprovalRequest, locale: Locale): string {
  return request.decidedBy?.name || t(locale, 'approvals.someone');
}

/** When something happened, or a neutral word when the time is not known. */
export function when(iso: string | undefined, locale: Locale): string {
  return iso ? formatDateTime(iso, locale) : t(locale, 'common.unknown');
}
