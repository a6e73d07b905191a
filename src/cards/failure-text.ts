import type { AppError, ErrorCode } from '../domain/errors';
import type { ManagedDevice } from '../domain/model';
import type { FlowFailure } from '../domain/reset/reset-flow';
import { t, type Locale } from '../i18n';
import { intuneDeviceUrl, safeHttpsUrl } from './links';

// Exhaustive by construction: a new ErrorCode fails to compile here until it is listed, and the
// catalog tests then ask for its two messages.
const CODES: Record<ErrorCode, true> = {
  'graph.notFound': true,
  'graph.forbidden': true,
  'graph.throttled': true,
  'graph.unavailable': true,
  'graph.badRequest': true,
  'graph.unexpected': true,
  'auth.consentRequired': true,
  'auth.interactionRequired': true,
  'auth.signInRequired': true,
  'auth.tokenRejected': true,
  'auth.unexpected': true,
  'reset.failed': true,
  'reset.notSupported': true,
  'reset.canceled': true,
  'reset.timedOut': true,
  'reset.outcomeUnknown': true,
  'access.notHelpdesk': true,
  'access.wrongTenant': true,
  'flow.notFound': true,
  'flow.stale': true,
  'flow.notYours': true,
  'flow.finished': true,
  'input.invalid': true,
  'request.notFound': true,
  'request.notYours': true,
  'request.notApprover': true,
  'request.stale': true,
  'request.finished': true,
  'request.expired': true,
  'request.selfApproval': true,
  'request.deviceBusy': true,
  'request.dailyLimit': true,
  'request.readLimit': true,
  'request.noneOpen': true,
  'request.verificationFirst': true,
  'request.justificationRequired': true,
  'request.denyReasonRequired': true,
  'request.noteRequired': true,
  'reset.rateLimited': true,
  'reset.reasonRequired': true,
  'passcodeView.reasonRequired': true,
  'passcodeView.noRecentReset': true,
  'passcodeView.notAvailable': true,
  'passcodeView.awaitingVerification': true,
  'state.unavailable': true,
};

/** Every ErrorCode of the domain. */
export const ERROR_CODES = Object.keys(CODES) as ErrorCode[];

/** Catalog keys of what happened and what to do, for an error code. */
export function errorKeys(code: ErrorCode): { what: string; next: string } {
  return { what: `error.${code}.what`, next: `error.${code}.next` };
}

/** Longer Graph-supplied values are cut; they are diagnostics, not prose. */
const MAX_DETAIL_LENGTH = 120;

/** The safe facts about a failure: a stored FlowFailure or an AppError's details, plus the device. */
export interface FailureFacts extends FlowFailure {
  deviceId?: string;
}

/** A failure in parts, for a card (one element each) or a message (one paragraph each). */
export interface FailureView {
  /** What happened, in plain words. */
  what: string;
  /** What to do now. */
  next: string;
  /** Markdown links: the device in the Intune admin center, the admin consent page. */
  links: string[];
  /** Diagnostics to quote to an administrator: the error code, the Graph request id. */
  notes: string[];
  /** The usual causes of a failed reset on the device's platform (Android, Apple); may be empty. */
  hints: string[];
}

/** The usual cause of a failed reset on a platform, when Microsoft names one (operating system or platform label). */
export function platformFailureHint(device: Pick<ManagedDevice, 'operatingSystem'> | undefined, locale: Locale): string | undefined {
  const os = device?.operatingSystem.trim().toLowerCase() ?? '';
  if (os.startsWith('android')) return t(locale, 'platforms.failure.android');
  // Also a platform label (`iOS/iPadOS`), as stored on a self-service request.
  if (/^(ios|ipados|visionos)\b/.test(os)) return t(locale, 'platforms.failure.apple');
  return undefined;
}

/** Turn a failure into words. Only the listed facts are used: no message text, no stack. */
export function describeFailure(
  failure: FailureFacts,
  locale: Locale,
  device?: Pick<ManagedDevice, 'operatingSystem'>,
): FailureView {
  const known = Object.hasOwn(CODES, failure.code);
  const keys = known ? errorKeys(failure.code) : { what: 'error.generic.what', next: 'error.generic.next' };
  const links: string[] = [];
  let next = t(locale, keys.next);

  if (failure.code === 'graph.throttled') {
    next = throttledNext(failure.retryAfterSeconds, locale);
  } else if (failure.code === 'auth.consentRequired') {
    const url = safeHttpsUrl(failure.consentUrl);
    if (url) links.push(t(locale, 'link.adminConsent', { url }));
    else next = t(locale, 'error.auth.consentRequired.nextNoLink');
  }
  if (failure.deviceId) links.push(t(locale, 'link.intuneDevice', { url: intuneDeviceUrl(failure.deviceId) }));

  const code = clip(failure.code);
  const detail = failure.errorCode ? clip(failure.errorCode) : '';
  const notes = [detail ? t(locale, 'failure.codeWithDetail', { code, detail }) : t(locale, 'failure.code', { code })];
  if (failure.requestId) notes.push(t(locale, 'failure.requestId', { requestId: clip(failure.requestId) }));

  const hint = failure.code === 'reset.failed' ? platformFailureHint(device, locale) : undefined;
  return { what: t(locale, keys.what), next, links, notes, hints: hint ? [hint] : [] };
}

/**
 * A short notice for an AppError: what happened, what to do, links, error code and request id,
 * one paragraph each (Teams Markdown). Never the error's message or stack, which may be technical.
 */
export function errorText(error: AppError, locale: Locale): string {
  const details = error.details ?? {};
  const view = describeFailure(
    {
      code: error.code,
      errorCode: details.errorCode,
      requestId: details.requestId,
      retryAfterSeconds: details.retryAfterSeconds,
      consentUrl: details.consentUrl,
      deviceId: details.deviceId,
    },
    locale,
  );
  return [view.what, view.next, ...view.links, ...view.notes].join('\n\n');
}

/** When to try again after throttling, from Retry-After when Graph sent one. */
function throttledNext(retryAfterSeconds: number | undefined, locale: Locale): string {
  if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds) || retryAfterSeconds <= 0) {
    return t(locale, 'error.graph.throttled.next');
  }
  if (retryAfterSeconds <= 90) {
    // A few seconds at least: "in 1 seconds" reads badly, and nobody clicks faster than that.
    return t(locale, 'error.graph.throttled.nextSeconds', { seconds: Math.max(5, Math.ceil(retryAfterSeconds)) });
  }
  return t(locale, 'error.graph.throttled.nextMinutes', { minutes: Math.ceil(retryAfterSeconds / 60) });
}

function clip(value: string): string {
  const text = String(value);
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}…` : text;
}
