import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import type { Dispatcher } from 'undici';
import { OUTBOUND_CONNECTIONS, type PooledRequestInit } from '../outbound/connection-pool';

/** A token request normally answers in well under a second; Teams gives up on an invoke after ~15 s. */
export const DEFAULT_TOKEN_TIMEOUT_MS = 10_000;

/**
 * msal's network module with a timeout on every request. msal's own client sets none on token
 * POSTs, so a token endpoint that never answers would hold a sign-in (and the Teams invoke waiting
 * for it) for minutes. Also gives msal `Retry-After` as seconds: msal reads only that form and
 * takes an HTTP date for "no value", which it treats as 60 s of refusing every similar request.
 * Requests go through `connections` (the process's bounded pool unless given). A redirect is
 * never followed: Entra's token endpoint does not send one, and the form we post carries the
 * app's credential, which must not be sent on to wherever a redirect points.
 */
export class TimedNetworkClient implements INetworkModule {
  constructor(
    private readonly timeoutMs: number = DEFAULT_TOKEN_TIMEOUT_MS,
    private readonly connections: Dispatcher = OUTBOUND_CONNECTIONS,
  ) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined, timeout?: number): Promise<NetworkResponse<T>> {
    const limit = timeout !== undefined && timeout > 0 ? Math.min(timeout, this.timeoutMs) : this.timeoutMs;
    const signal = AbortSignal.timeout(limit);
    let response: Response;
    let body: unknown;
    try {
      const init: PooledRequestInit = {
        method,
        headers: options?.headers ?? {},
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        signal,
        // Also spares fetch a copy of every request and its body, kept in case a redirect came.
        redirect: 'error',
        dispatcher: this.connections,
      };
      response = await fetch(url, init);
      body = await response.json();
    } catch (error) {
      // msal reports an AuthError as it is; the text names the kind of failure, never the request.
      if (signal.aborted) throw new AuthError('network_error', `No answer within ${limit} ms.`);
      const kind = error instanceof SyntaxError ? 'an answer that is not JSON' : 'a failed connection';
      throw new AuthError('network_error', `The token endpoint request ended with ${kind}.`);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const retryAfter = headers['retry-after'];
    if (retryAfter !== undefined) headers['retry-after'] = retryAfterSeconds(retryAfter);
    return { headers, body: body as T, status: response.status };
  }
}

/**
 * `Retry-After` as delta-seconds: an HTTP date becomes the whole seconds until it, at least 1
 * (msal takes 0 for "no value" as well).
 */
export function retryAfterSeconds(value: string, nowMs: number = Date.now()): string {
  const text = value.trim();
  if (/^\d+$/.test(text)) return text;
  const at = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? text : String(Math.max(1, Math.ceil((at - nowMs) / 1000)));
}
