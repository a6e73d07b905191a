import { randomUUID } from 'node:crypto';

/** What a Graph handler answers; the server adds the standard headers. */
export interface GraphResult {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; undefined means no body (e.g. 204). */
  body?: unknown;
}

/** Ids Graph echoes in every answer and in `innerError`. */
export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

/** Graph's `innerError.date`: UTC, seconds precision, no zone designator. */
const graphDate = (now: number): string => new Date(now).toISOString().slice(0, 19);

/** `{"error":{"code","message","innerError":{date, request-id, client-request-id}}}`. */
export function graphError(status: number, code: string, message: string, ids: RequestIds, now = Date.now()): GraphResult {
  return {
    status,
    body: {
      error: {
        code,
        message,
        innerError: { date: graphDate(now), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId },
      },
    },
  };
}

/**
 * Intune wraps its own error document, as a JSON string, inside Graph's `message`.
 */
export function intuneError(status: number, code: string, text: string, ids: RequestIds, requestPath: string): GraphResult {
  const message = JSON.stringify({
    _version: 3,
    Message: `${text} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${randomUUID()} - Url: https://fef.simulated.manage.microsoft.com/DeviceFE/StatelessDeviceFEService${requestPath}`,
    CustomApiErrorPhrase: '',
    RetryAfter: null,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  });
  return graphError(status, code, message, ids);
}

/** The error Graph sends for a status with nothing more specific (used by injected faults). */
export function defaultGraphError(status: number, ids: RequestIds): GraphResult {
  const known: Record<number, [string, string]> = {
    400: ['BadRequest', 'Bad request.'],
    401: ['InvalidAuthenticationToken', 'Access token validation failure.'],
    403: ['Forbidden', 'Forbidden.'],
    404: ['ResourceNotFound', 'Resource not found.'],
    409: ['Conflict', 'Conflict.'],
    429: ['TooManyRequests', 'Too many requests.'],
    500: ['InternalServerError', 'An internal server error occurred.'],
    502: ['BadGateway', 'Bad gateway.'],
    503: ['ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.'],
    504: ['GatewayTimeout', 'The gateway did not receive a timely response.'],
  };
  const [code, message] = known[status] ?? ['UnknownError', `HTTP ${status}.`];
  return graphError(status, code, message, ids);
}
