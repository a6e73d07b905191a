import { GraphClientError, GraphError } from '@microsoft/microsoft-graph-client';
import { AppError, type ErrorCode, type ErrorDetails } from '../../domain/errors';
import { redact } from '../logging/console-logger';

/**
 * Translation of Graph answers and transport failures into AppError. Everything that ends up in
 * a message is Graph's own text (run through `redact` in case a token was echoed), never ours.
 */

/** Used when a 429 carries no usable Retry-After: Intune counts device writes per 20 s window. */
export const DEFAULT_RETRY_AFTER_SECONDS = 10;

/** The part of a fetch Headers object we read. */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * `Retry-After` as whole seconds from now: either a number of seconds or an HTTP date
 * (RFC 9110). Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  // An HTTP date always names its weekday and month; anything else (`-5`, `2026`) is not one.
  const at = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/**
 * Intune sometimes puts a JSON document inside `error.message`
 * (`{"_version":3,"Message":"… - Operation ID …","RetryAfter":null,…}`). Return its `Message`
 * without the support trailer (operation/activity ids and an internal URL), or the text as given.
 */
export function readableGraphMessage(message: string): { text: string; retryAfterSeconds?: number } {
  const trimmed = message.trim();
  if (!trimmed.startsWith('{')) return { text: trimmed };
  let inner: unknown;
  try {
    inner = JSON.parse(trimmed);
  } catch {
    return { text: trimmed };
  }
  if (!isRecord(inner)) return { text: trimmed };
  const text = stringField(inner, 'Message') ?? stringField(inner, 'message');
  if (!text) return { text: trimmed };
  const retryAfter = inner['RetryAfter'];
  return {
    text: text.split(/\s+-\s+Operation ID\b/)[0]?.trim() || text.trim(),
    retryAfterSeconds: typeof retryAfter === 'number' && retryAfter >= 0 ? Math.ceil(retryAfter) : undefined,
  };
}

/** What a Graph error body says, read with checks (`{"error":{"code","message","innerError"}}`). */
export interface GraphErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
}

export function readGraphErrorBody(body: unknown): GraphErrorBody {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  if (!isRecord(value) || !isRecord(value['error'])) return {};
  const error = value['error'];
  const inner = isRecord(error['innerError']) ? error['innerError'] : isRecord(error['innererror']) ? error['innererror'] : undefined;
  return {
    code: stringField(error, 'code'),
    message: stringField(error, 'message'),
    requestId: inner ? stringField(inner, 'request-id') ?? stringField(inner, 'requestId') : undefined,
  };
}

function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'graph.badRequest';
  if (status === 401) return 'auth.signInRequired';
  if (status === 403) return 'graph.forbidden';
  if (status === 404) return 'graph.notFound';
  if (status === 429) return 'graph.throttled';
  if (status === 408 || status >= 500) return 'graph.unavailable';
  return 'graph.unexpected';
}

/**
 * An AppError for a Graph answer with a non-2xx status. `body` is the parsed JSON or the raw
 * text; `headers` supplies `request-id` (when the body has none) and `Retry-After`.
 */
export function appErrorFromGraphResponse(
  status: number,
  headers: HeaderReader | undefined,
  body: unknown,
  nowMs: number = Date.now(),
): AppError {
  const parsed = readGraphErrorBody(body);
  const readable = parsed.message ? readableGraphMessage(parsed.message) : undefined;
  const code = codeForStatus(status);
  const details: ErrorDetails = { status };
  const requestId = parsed.requestId ?? headers?.get('request-id') ?? headers?.get('client-request-id') ?? undefined;
  if (requestId) details.requestId = requestId;
  if (parsed.code) details.errorCode = parsed.code;
  if (code === 'graph.throttled') {
    details.retryAfterSeconds =
      parseRetryAfter(headers?.get('retry-after'), nowMs) ?? readable?.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  }
  const what = readable?.text ?? 'no error message';
  return new AppError(code, redact(`Microsoft Graph answered ${status}${parsed.code ? ` ${parsed.code}` : ''}: ${what}`), details);
}

/** Why no answer came back: a timeout or a failed/dropped connection. */
export type TransportFailure = 'timeout' | 'connection';

/** An AppError for a request that got no HTTP answer. The outcome of a write is unknown. */
export function appErrorFromTransportFailure(failure: TransportFailure, cause?: unknown): AppError {
  const message =
    failure === 'timeout'
      ? 'Microsoft Graph did not answer in time; the outcome of the request is unknown.'
      : 'The connection to Microsoft Graph failed before an answer arrived; the outcome of the request is unknown.';
  return new AppError('graph.unavailable', message, {}, { cause: describeCause(cause) });
}

/** Keep only a safe description of a low-level error (no headers, no request objects). */
function describeCause(cause: unknown): Error | undefined {
  if (!(cause instanceof Error)) return undefined;
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
  return new Error(redact(`${cause.name}: ${cause.message}${inner}`));
}

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const names = [error.name, (error as { code?: unknown }).code];
  return names.some((n) => n === 'TimeoutError' || n === 'AbortError');
}

/**
 * An AppError for whatever the Graph client threw: a GraphError carrying an HTTP status, a
 * GraphError wrapping a fetch failure (status -1), a GraphClientError (our misuse), or anything else.
 * An AppError passes through unchanged.
 */
export function appErrorFromGraphFailure(error: unknown, nowMs: number = Date.now()): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof GraphError) {
    if (error.statusCode > 0) {
      const appError = appErrorFromGraphResponse(error.statusCode, error.headers, error.body, nowMs);
      if (!appError.details.requestId && error.requestId) appError.details.requestId = error.requestId;
      if (!appError.details.errorCode && error.code) appError.details.errorCode = error.code;
      return appError;
    }
    return appErrorFromTransportFailure(isTimeout(error) ? 'timeout' : 'connection', error);
  }
  if (error instanceof GraphClientError) {
    return new AppError('graph.unexpected', redact(`The Graph client refused the request: ${error.message}`));
  }
  if (isTimeout(error)) return appErrorFromTransportFailure('timeout', error);
  if (error instanceof TypeError) return appErrorFromTransportFailure('connection', error);
  return new AppError('graph.unexpected', 'An unexpected error occurred while calling Microsoft Graph.', {}, { cause: describeCause(error) });
}
