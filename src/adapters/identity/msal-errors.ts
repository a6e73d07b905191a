import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { AppError } from '../../domain/errors';
import { redact } from '../logging/console-logger';

/**
 * msal-node errors → AppError. Order matters: Entra reports missing consent as
 * `invalid_grant` + suberror `consent_required`, which msal also classes as interaction required.
 */

/** AADSTS codes that ask for MFA / Conditional Access, i.e. an interactive sign-in. */
const INTERACTION_CODES = new Set(['50076', '50079', '50158']);
/** AADSTS codes for an assertion (the SSO token) that Entra will not exchange any more. */
const BAD_ASSERTION_CODES = new Set(['500133', '50013', '50027', '50132', '50173', '700082']);

export interface MsalErrorContext {
  /** `signIn`: a fresh SSO token was exchanged; `refresh`: the stored one was reused. */
  phase: 'signIn' | 'refresh';
  consentUrl: string;
}

export interface MappedMsalError {
  error: AppError;
  /** The stored session cannot work any more; the user must sign in again. */
  forgetSession: boolean;
}

/** The AADSTS number of an msal error, from `errorNo` or the description. */
function aadstsCode(error: AuthError): string | undefined {
  const errorNo = (error as { errorNo?: unknown }).errorNo;
  if (typeof errorNo === 'string' && errorNo) return errorNo;
  if (typeof errorNo === 'number') return String(errorNo);
  return /AADSTS(\d+)/.exec(error.errorMessage ?? '')?.[1];
}

function safeMessage(error: AuthError): string {
  // msal's text includes Entra's description (no tokens); redact anyway, and cut the noise.
  return redact(`${error.errorCode}${error.subError ? `/${error.subError}` : ''}: ${error.errorMessage}`).slice(0, 500);
}

export function mapMsalError(error: unknown, context: MsalErrorContext): MappedMsalError {
  if (error instanceof AppError) return { error, forgetSession: false };
  if (!(error instanceof AuthError)) {
    return {
      error: new AppError('auth.unexpected', 'Signing in to Microsoft Graph failed unexpectedly.'),
      forgetSession: false,
    };
  }
  const code = aadstsCode(error);
  const status = (error as { status?: unknown }).status;
  const details = {
    errorCode: code ? `AADSTS${code}` : error.errorCode || undefined,
    status: typeof status === 'number' ? status : undefined,
  };

  if (error.subError === 'consent_required' || error.errorCode === 'consent_required' || code === '65001') {
    return {
      error: new AppError('auth.consentRequired', `An administrator must consent to the app's Graph permissions (${safeMessage(error)}).`, {
        ...details,
        consentUrl: context.consentUrl,
      }),
      forgetSession: false,
    };
  }

  const claims = error instanceof InteractionRequiredAuthError && error.claims ? error.claims : undefined;
  const badAssertion =
    error.subError === 'bad_token' || (code !== undefined && BAD_ASSERTION_CODES.has(code));
  const interaction =
    !badAssertion &&
    (claims !== undefined ||
      (code !== undefined && INTERACTION_CODES.has(code)) ||
      error.errorCode === 'interaction_required' ||
      error instanceof InteractionRequiredAuthError);
  if (interaction) {
    return {
      error: new AppError('auth.interactionRequired', `Entra wants an interactive sign-in (MFA or Conditional Access): ${safeMessage(error)}`, {
        ...details,
        claims,
      }),
      forgetSession: true,
    };
  }

  if (badAssertion || error.errorCode === 'invalid_grant') {
    return context.phase === 'signIn'
      ? { error: new AppError('auth.tokenRejected', `Entra refused the Teams sign-in token: ${safeMessage(error)}`, details), forgetSession: false }
      : { error: new AppError('auth.signInRequired', `The sign-in has expired: ${safeMessage(error)}`, details), forgetSession: true };
  }

  return {
    error: new AppError('auth.unexpected', `Signing in to Microsoft Graph failed: ${safeMessage(error)}`, details),
    forgetSession: false,
  };
}
