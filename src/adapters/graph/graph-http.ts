import {
  AuthenticationHandlerOptions,
  type Client,
  type GraphRequest,
  RedirectHandlerOptions,
  ResponseType,
  RetryHandlerOptions,
} from '@microsoft/microsoft-graph-client';
import { AppError } from '../../domain/errors';
import type { AppTokenProvider, DelegatedTokenProvider, Principal } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import { appErrorFromGraphFailure, appErrorFromGraphResponse, appErrorFromTransportFailure, parseRetryAfter } from './graph-errors';
import { buildQueryString, type QueryOptions } from './odata';

export type GraphApiVersion = 'v1.0' | 'beta';

/** One Graph call. `path` starts with `/` and has its variable segments already encoded. */
export interface GraphCall {
  method: 'GET' | 'POST';
  version: GraphApiVersion;
  path: string;
  query?: QueryOptions;
  body?: unknown;
  /**
   * `reads`: the client may resend on 429/503/504 (safe for reads and for read-only POSTs).
   * `never`: exactly one HTTP request; the caller owns the retry rule (the reset POST).
   */
  retry: 'reads' | 'never';
}

export interface GraphHttpOptions {
  client: Client;
  tokens: DelegatedTokenProvider;
  /**
   * App-only tokens (client credentials), for calls made as the bot's own `AppPrincipal`. Only
   * GET requests may use them; without this option an app principal is refused.
   */
  appTokens?: AppTokenProvider;
  /** The configured Graph endpoint (origin, maybe a path prefix); nextLinks must stay under it. */
  graphEndpoint: string;
  logger?: Logger;
  /** Per request, including the client's own resends. Default 30 s. */
  timeoutMs?: number;
  /** How often the client resends a read on 429/503/504. Default 2. */
  readRetries?: number;
  /** A read is not resent when Graph asks to wait longer than this; the caller decides. Default 10 s. */
  maxReadRetryAfterSeconds?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The only POST the app-only identity may send: a membership question, which reads. */
const APP_READS_BY_POST = /^\/users\/[^/?]+\/checkMemberGroups$/;

/** A nextLink is followed this many times at most, so a looping server cannot hold us forever. */
const MAX_PAGES = 50;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The part of a fetch Response we use; checked because the client returns `any`. */
interface RawResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  text(): Promise<string>;
}

function isRawResponse(value: unknown): value is RawResponse {
  return (
    isRecord(value) &&
    typeof value['status'] === 'number' &&
    typeof value['ok'] === 'boolean' &&
    value['headers'] instanceof Headers &&
    typeof value['text'] === 'function'
  );
}

/**
 * Sends Graph calls as a principal (a signed-in agent, or the bot itself for reads) through the
 * shared client and turns every outcome into parsed JSON (`unknown`) or an AppError. The token is
 * fetched per call from the token provider and handed to the client for this one request only; it
 * never appears in errors or logs.
 */
export class GraphHttp {
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly readRetries: number;
  private readonly maxReadRetryAfterSeconds: number;

  constructor(private readonly options: GraphHttpOptions) {
    this.base = new URL(options.graphEndpoint.replace(/\/+$/, ''));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.readRetries = options.readRetries ?? 2;
    this.maxReadRetryAfterSeconds = options.maxReadRetryAfterSeconds ?? 10;
  }

  /** Send the call; resolves to the parsed body (undefined for an empty answer such as 204). */
  async send(call: GraphCall, as: Principal): Promise<unknown> {
    const pathAndQuery = `${call.path}${buildQueryString(call.query)}`;
    return this.execute(call.method, call.version, pathAndQuery, call.body, call.retry, as);
  }

  /**
   * All items of a collection, following `@odata.nextLink` (only when it stays on our endpoint).
   * Each page's `value` must be an array; its items are returned unchecked for the caller to parse.
   */
  async getAll(call: Omit<GraphCall, 'method' | 'retry' | 'body'>, as: Principal): Promise<unknown[]> {
    const items: unknown[] = [];
    let page = await this.send({ ...call, method: 'GET', retry: 'reads' }, as);
    for (let pages = 1; ; pages++) {
      if (!isRecord(page) || !Array.isArray(page['value'])) {
        throw new AppError('graph.unexpected', `Microsoft Graph answered ${call.path} without a value array.`);
      }
      items.push(...page['value']);
      const next = page['@odata.nextLink'];
      if (typeof next !== 'string' || !next) return items;
      if (pages >= MAX_PAGES) {
        throw new AppError('graph.unexpected', `Microsoft Graph kept paging ${call.path} beyond ${MAX_PAGES} pages.`);
      }
      const { version, pathAndQuery } = this.splitNextLink(next);
      page = await this.execute('GET', version, pathAndQuery, undefined, 'reads', as);
    }
  }

  /** `https://host[/prefix]/beta/users/…?$skiptoken=…` → version `beta`, `/users/…?$skiptoken=…`. */
  private splitNextLink(link: string): { version: string; pathAndQuery: string } {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw new AppError('graph.unexpected', 'Microsoft Graph sent a nextLink that is not a URL.');
    }
    const prefix = this.base.pathname.replace(/\/+$/, '');
    if (url.origin !== this.base.origin || !url.pathname.startsWith(`${prefix}/`)) {
      // Never send a token (or follow at all) outside the configured endpoint.
      throw new AppError('graph.unexpected', 'Microsoft Graph sent a nextLink to another host; it was not followed.');
    }
    const rest = url.pathname.slice(prefix.length + 1);
    const slash = rest.indexOf('/');
    if (slash <= 0) throw new AppError('graph.unexpected', 'Microsoft Graph sent a nextLink without an API version.');
    return { version: rest.slice(0, slash), pathAndQuery: `${rest.slice(slash)}${url.search}` };
  }

  /** Per-request options of the client's retry and redirect handlers. */
  private resendOptions(retry: GraphCall['retry']): Array<RetryHandlerOptions | RedirectHandlerOptions> {
    // `never` also means no redirect: following one would be a second request of the same write.
    if (retry === 'never') return [new RetryHandlerOptions(0, 0), new RedirectHandlerOptions(0)];
    return [this.readRetryOptions()];
  }

  private readRetryOptions(): RetryHandlerOptions {
    const limit = this.maxReadRetryAfterSeconds;
    return new RetryHandlerOptions(1, this.readRetries, (_delay, _attempt, _request, _options, response) => {
      const wait = parseRetryAfter(response.headers?.get('retry-after'));
      return wait === undefined || wait <= limit;
    });
  }

  private async execute(
    method: GraphCall['method'],
    version: string,
    pathAndQuery: string,
    body: unknown,
    retry: GraphCall['retry'],
    as: Principal,
  ): Promise<unknown> {
    const token = await this.tokenFor(as, method, pathAndQuery);
    const signal = AbortSignal.timeout(this.timeoutMs);
    const startedAt = Date.now();
    const pathOnly = pathAndQuery.split('?')[0] ?? '';
    const request: GraphRequest = this.options.client
      .api(pathAndQuery)
      .version(version)
      .responseType(ResponseType.RAW)
      .middlewareOptions([
        new AuthenticationHandlerOptions({ getAccessToken: () => Promise.resolve(token) }),
        ...this.resendOptions(retry),
      ])
      .option('signal', signal);

    let raw: unknown;
    try {
      raw = method === 'GET' ? await request.get() : await request.post(body);
    } catch (error) {
      const appError = signal.aborted ? appErrorFromTransportFailure('timeout', error) : appErrorFromGraphFailure(error);
      this.log('warn', method, version, pathOnly, startedAt, { code: appError.code });
      throw appError;
    }
    if (!isRawResponse(raw)) {
      throw new AppError('graph.unexpected', 'The Graph client returned something that is not an HTTP response.');
    }

    let text: string;
    try {
      text = await raw.text();
    } catch (error) {
      // The answer started but the connection dropped (or the timeout hit) mid-body.
      throw appErrorFromTransportFailure(signal.aborted ? 'timeout' : 'connection', error);
    }
    const parsed = parseJson(text);
    const requestId = raw.headers.get('request-id') ?? undefined;
    if (!raw.ok) {
      const appError = appErrorFromGraphResponse(raw.status, raw.headers, parsed ?? text);
      this.log('warn', method, version, pathOnly, startedAt, {
        status: raw.status,
        code: appError.code,
        requestId: appError.details.requestId,
      });
      if (raw.status === 401 && as.kind === 'delegated') {
        // The token was rejected: drop the session so the next turn asks Teams for a fresh one.
        await this.options.tokens.forget(as.oid);
      }
      throw appError;
    }
    this.log('debug', method, version, pathOnly, startedAt, { status: raw.status, requestId });
    if (text.trim() && parsed === undefined) {
      throw new AppError('graph.unexpected', `Microsoft Graph answered ${pathOnly} with a body that is not JSON.`, {
        status: raw.status,
        requestId,
      });
    }
    return parsed;
  }

  /**
   * The token for this call. The app-only token reads and nothing else: a write (the reset POST,
   * or any other) as the app principal is refused before a token is even fetched. The one POST it
   * may send is `/users/{id}/checkMemberGroups`, a read Graph offers as a POST.
   */
  private async tokenFor(as: Principal, method: GraphCall['method'], pathAndQuery: string): Promise<string> {
    if (as.kind === 'delegated') return this.options.tokens.getGraphToken(as.oid);
    if (method !== 'GET' && !APP_READS_BY_POST.test(pathAndQuery)) {
      throw new AppError('auth.unexpected', 'The app-only identity may only read from Microsoft Graph.');
    }
    if (!this.options.appTokens) {
      throw new AppError('auth.unexpected', 'No app-only identity is configured for Microsoft Graph.');
    }
    return this.options.appTokens.getAppGraphToken();
  }

  private log(
    level: 'debug' | 'warn',
    method: string,
    version: string,
    path: string,
    startedAt: number,
    fields: Record<string, string | number | undefined>,
  ): void {
    // The path holds ids only; query values (user input) are left out on purpose.
    this.options.logger?.[level]('graph.call', { method, version, path, ms: Date.now() - startedAt, ...fields });
  }
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
