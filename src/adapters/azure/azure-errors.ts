/** The HTTP status of an Azure SDK error (RestError carries `statusCode`), if any. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** 409: the entity or blob exists already (a create-if-absent lost). */
export const isConflict = (error: unknown): boolean => statusOf(error) === 409;
/** 412: the ETag changed since we read (a compare-and-set lost). */
export const isPreconditionFailed = (error: unknown): boolean => statusOf(error) === 412;
export const isNotFound = (error: unknown): boolean => statusOf(error) === 404;

/** A create-if-absent found the id taken. The message names the kind and id only. */
export class AlreadyExistsError extends Error {
  constructor(kind: string, id: string) {
    super(`A ${kind} with id ${id} already exists.`);
    this.name = 'AlreadyExistsError';
  }
}

/** Socket-level failures: the account (or Azurite) did not answer at all. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'REQUEST_SEND_ERROR',
]);

/**
 * Whether Azure Storage could not be reached or could not serve the call: no connection, a
 * connection dropped or timed out, or a 5xx (503 when the account is busy), after the SDK's retries.
 */
export function isUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const status = statusOf(error);
  if (status !== undefined) return status >= 500 || status === 408;
  const { code, name, cause } = error as { code?: unknown; name?: unknown; cause?: unknown };
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  // The SDKs abort a try that outlasts its timeout; we never abort a storage call ourselves.
  if (name === 'AbortError' || name === 'TimeoutError') return true;
  return isUnreachable(cause, depth + 1);
}
