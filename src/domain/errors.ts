/**
 * One error type for everything the user may be told about. `code` selects the message in the
 * i18n catalog; `details` carries safe facts (never a token or passcode) such as the Graph
 * request id or Intune's error code.
 */
export type ErrorCode =
  | 'graph.notFound'
  | 'graph.forbidden'
  | 'graph.throttled'
  | 'graph.unavailable'
  | 'graph.badRequest'
  | 'graph.unexpected'
  | 'auth.consentRequired'
  | 'auth.interactionRequired'
  | 'auth.signInRequired'
  | 'auth.tokenRejected'
  | 'auth.unexpected'
  | 'reset.failed'
  | 'reset.notSupported'
  | 'reset.canceled'
  | 'reset.timedOut'
  | 'reset.outcomeUnknown'
  | 'access.notHelpdesk'
  | 'access.wrongTenant'
  | 'flow.notFound'
  | 'flow.stale'
  | 'flow.notYours'
  | 'flow.finished'
  | 'input.invalid'
  // Self-service requests.
  | 'request.notFound'
  | 'request.notYours'
  | 'request.notApprover'
  | 'request.stale'
  | 'request.finished'
  | 'request.expired'
  | 'request.selfApproval'
  | 'request.deviceBusy'
  | 'request.dailyLimit'
  | 'request.readLimit'
  | 'request.noneOpen'
  | 'request.verificationFirst'
  | 'request.justificationRequired'
  | 'request.denyReasonRequired'
  | 'request.noteRequired'
  // Guards of agent resets.
  | 'reset.rateLimited'
  | 'reset.reasonRequired'
  // Reading a recent passcode again.
  | 'passcodeView.reasonRequired'
  | 'passcodeView.noRecentReset'
  | 'passcodeView.notAvailable'
  | 'passcodeView.awaitingVerification'
  // Shared state could not be read or written; nothing was done.
  | 'state.unavailable';

export interface ErrorDetails {
  /** Graph's `innerError.request-id`, when Graph answered. */
  requestId?: string;
  /** HTTP status from Graph or the token endpoint. */
  status?: number;
  /** Graph error code (e.g. `Forbidden`) or Intune action errorCode, as text. */
  errorCode?: string;
  /** Seconds Graph asked us to wait (429). */
  retryAfterSeconds?: number;
  /** Admin consent URL for consent_required. */
  consentUrl?: string;
  /** Claims challenge for interaction_required (not secret, but not shown to users). */
  claims?: string;
  deviceId?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
