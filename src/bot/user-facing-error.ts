import { AppError, isAppError } from '../domain/errors';
import { errorText } from '../cards/views';
import { t, type Locale } from '../i18n';

/**
 * The polite text for any failure. AppErrors carry their own message (code, request id, what to
 * do); anything else is a bug on our side and gets a generic sentence, never its message or stack.
 */
export function userFacingError(error: unknown, locale: Locale): string {
  return isAppError(error) ? errorText(error, locale) : unexpectedErrorText(locale);
}

/** For failures that are not an AppError: what happened in general terms, and what to do. */
export function unexpectedErrorText(locale: Locale): string {
  return [t(locale, 'error.generic.what'), t(locale, 'error.generic.next')].join('\n\n');
}

/**
 * The last-resort answer when a turn fails outside every handler: an AppError's own text (e.g.
 * storage unavailable while the dialog state loads), else an apology in the user's language.
 */
export function turnFailedText(error: unknown, locale: Locale): string {
  return isAppError(error) ? errorText(error, locale) : t(locale, 'bot.turnFailed');
}

/** Safe fields describing an error for the log (never its message: it may quote input). */
export function errorFields(error: unknown): Record<string, string | undefined> {
  if (error instanceof AppError) {
    return { errorCode: error.code, requestId: error.details.requestId };
  }
  return { errorName: error instanceof Error ? error.name : typeof error };
}
