import type { SimContext } from './context';
import { authenticate, isPrincipal, principalLabel, type Principal } from './graph-auth';
import { defaultGraphError, graphError, type GraphResult, type RequestIds } from './graph-errors';
import type { GraphRequest, GraphVersion } from './graph-request';
import { delay } from './http-io';
import type { FaultRule } from './types';

/** Marks a body that was present but not JSON. */
export const INVALID_JSON = Symbol('invalid JSON');

/** A Graph call before authentication: top-level (with its Authorization header) or inside a batch. */
export interface GraphCall {
  method: string;
  version: GraphVersion;
  /** Path after the version, starting with `/`, still URL-encoded. */
  path: string;
  query: URLSearchParams;
  header(name: string): string | undefined;
  body: unknown;
  requestUrl: string;
  ids: RequestIds;
  auth: { principal: Principal } | { authorization: string | undefined };
  viaBatch: boolean;
}

/** `'drop'`: destroy the connection instead of answering. */
export type GraphOutcome = { result: GraphResult | 'drop'; principal?: Principal };

export type GraphRoute = (req: GraphRequest) => GraphResult | 'drop' | Promise<GraphResult | 'drop'>;

/** Count resetPasscode POSTs as they arrive, whatever happens to them next. */
function countResetPost(ctx: SimContext, method: string, fullPath: string): void {
  const match = /\/managedDevices\/([^/]+)\/resetPasscode\/?$/i.exec(fullPath);
  if (method !== 'POST' || !match) return;
  const id = decodeURIComponentSafe(match[1] as string).toLowerCase();
  ctx.resetPosts.set(id, (ctx.resetPosts.get(id) ?? 0) + 1);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function faultResult(fault: FaultRule, ids: RequestIds): GraphResult | 'drop' | undefined {
  if (fault.dropConnection) return 'drop';
  if (fault.status === undefined) return undefined;
  const result: GraphResult = fault.body !== undefined ? { status: fault.status, body: fault.body } : defaultGraphError(fault.status, ids);
  if (fault.retryAfter !== undefined) result.headers = { ...result.headers, 'Retry-After': fault.retryAfter };
  return result;
}

/**
 * Faults, authentication, body check, then the route. Injected faults come first (a fault
 * marked `afterHandling` lets the request take effect and replaces only its answer).
 */
export async function executeGraph(ctx: SimContext, call: GraphCall, route: GraphRoute): Promise<GraphOutcome> {
  const fullPath = `/${call.version}${call.path}`;
  countResetPost(ctx, call.method, fullPath);
  const fault = ctx.faults.take(call.method, fullPath);
  if (fault?.delayMs) await delay(fault.delayMs);
  const early = fault && !fault.afterHandling ? faultResult(fault, call.ids) : undefined;
  if (early) return { result: early };

  let principal: Principal;
  if ('principal' in call.auth) {
    principal = call.auth.principal;
  } else {
    const auth = authenticate(ctx, call.auth.authorization, call.ids);
    if (!isPrincipal(auth)) return { result: auth };
    principal = auth;
  }

  let result: GraphResult | 'drop';
  let segments: string[] = [];
  try {
    segments = call.path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return { result: graphError(400, 'BadRequest', 'The request URI is not valid.', call.ids), principal };
  }
  if (call.body === INVALID_JSON) {
    result = graphError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.', call.ids);
  } else {
    const req: GraphRequest = {
      method: call.method,
      version: call.version,
      segments,
      query: call.query,
      header: call.header,
      body: call.body,
      principal,
      ids: call.ids,
      requestUrl: call.requestUrl,
    };
    result = await route(req);
  }
  const late = fault?.afterHandling ? faultResult(fault, call.ids) : undefined;
  return { result: late ?? result, principal };
}

/** Append to the request log (never headers, tokens or bodies). */
export function logRequest(
  ctx: SimContext,
  entry: { method: string; path: string; query: URLSearchParams; status: number; principal?: Principal; viaBatch?: boolean },
): void {
  ctx.log.push({
    at: new Date().toISOString(),
    method: entry.method,
    path: entry.path,
    query: Object.fromEntries(entry.query.entries()),
    status: entry.status,
    ...(entry.principal ? { principal: principalLabel(entry.principal) } : {}),
    ...(entry.viaBatch ? { viaBatch: true } : {}),
  });
}
