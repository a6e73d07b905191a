import { isAppError } from '../errors';
import type { CheckFailure } from './model';

/** A failed read, described by kind; anything that is not an AppError is `unexpected`. */
export function toCheckFailure(error: unknown): CheckFailure {
  if (!isAppError(error)) return { reason: 'unexpected' };
  const base = { code: error.code, ...(error.details.requestId ? { requestId: error.details.requestId } : {}) };
  switch (error.code) {
    case 'graph.forbidden':
      return { reason: 'forbidden', ...base };
    case 'graph.notFound':
      return { reason: 'notFound', ...base };
    case 'auth.consentRequired':
      return { reason: 'consentRequired', ...base };
    case 'auth.signInRequired':
    case 'auth.interactionRequired':
    case 'auth.tokenRejected':
      return { reason: 'signInRequired', ...base };
    case 'graph.unavailable':
    case 'graph.throttled':
      return { reason: 'unavailable', ...base };
    default:
      return { reason: 'unexpected', ...base };
  }
}

/** Run a read; on failure answer the failure instead of throwing. */
export async function attempt<T>(read: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; failure: CheckFailure }> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, failure: toCheckFailure(error) };
  }
}
