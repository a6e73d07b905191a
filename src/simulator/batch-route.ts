import { randomUUID } from 'node:crypto';
import type { SimContext } from './context';
import { graphError, type GraphResult } from './graph-errors';
import { executeGraph, logRequest, type GraphRoute } from './graph-pipeline';
import type { GraphRequest } from './graph-request';
import { isObject } from './http-io';

const MAX_REQUESTS = 20;

interface InnerRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

function parseInner(value: unknown): InnerRequest | string {
  if (!isObject(value)) return 'Invalid batch payload format.';
  const { id, method, url, headers, body, dependsOn } = value;
  if (typeof id !== 'string' || id === '') return "Each request in a batch must have an 'id'.";
  if (typeof method !== 'string' || typeof url !== 'string') return `Request '${id}' must have a 'method' and a 'url'.`;
  if (!url.startsWith('/')) return `Request '${id}': the url must be relative, e.g. '/users'.`;
  const lowerHeaders: Record<string, string> = {};
  if (isObject(headers)) {
    for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') lowerHeaders[k.toLowerCase()] = v;
  }
  const deps = Array.isArray(dependsOn) ? dependsOn.filter((d): d is string => typeof d === 'string') : [];
  return { id, method: method.toUpperCase(), url, headers: lowerHeaders, body, dependsOn: deps };
}

interface InnerAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

function answerOf(id: string, result: GraphResult): InnerAnswer {
  const headers: Record<string, string> = { ...result.headers };
  if (result.body !== undefined) headers['Content-Type'] = 'application/json';
  return { id, status: result.status, headers, ...(result.body !== undefined ? { body: result.body } : {}) };
}

/**
 * `POST /$batch`: at most 20 requests, run in order under the outer token, each through faults
 * and routing on its own (so one can be throttled inside a 200). Answers come back in reverse
 * order, so clients must match them by id, as they must with Graph.
 */
export async function runBatch(ctx: SimContext, outer: GraphRequest, route: GraphRoute): Promise<GraphResult | 'drop'> {
  const requests = isObject(outer.body) ? outer.body.requests : undefined;
  if (!Array.isArray(requests)) return graphError(400, 'BadRequest', 'Invalid batch payload format.', outer.ids);
  if (requests.length > MAX_REQUESTS) {
    return graphError(400, 'BadRequest', `The number of batch requests exceeds the maximum of ${MAX_REQUESTS}.`, outer.ids);
  }
  const parsed: InnerRequest[] = [];
  for (const r of requests) {
    const inner = parseInner(r);
    if (typeof inner === 'string') return graphError(400, 'BadRequest', inner, outer.ids);
    if (parsed.some((p) => p.id === inner.id)) return graphError(400, 'BadRequest', `Batch request ids must be unique: '${inner.id}'.`, outer.ids);
    parsed.push(inner);
  }

  const statusById = new Map<string, number>();
  const answers: InnerAnswer[] = [];
  for (const inner of parsed) {
    const ids = { requestId: randomUUID(), clientRequestId: inner.headers['client-request-id'] ?? outer.ids.clientRequestId };
    const failedDependency = inner.dependsOn.some((d) => (statusById.get(d) ?? 424) >= 400);
    const [pathPart = '', queryPart = ''] = inner.url.split('?', 2);
    const query = new URLSearchParams(queryPart);
    let result: GraphResult | 'drop';
    if (failedDependency) {
      result = graphError(424, 'FailedDependency', 'The request could not be processed because a request it depends on failed.', ids);
    } else if (inner.body !== undefined && !inner.headers['content-type']) {
      result = graphError(400, 'BadRequest', 'Content-Type header must be specified when a body is present.', ids);
    } else {
      const outcome = await executeGraph(
        ctx,
        {
          method: inner.method,
          version: outer.version,
          path: pathPart,
          query,
          header: (name) => inner.headers[name.toLowerCase()],
          body: inner.body,
          requestUrl: `${ctx.url}/${outer.version}${pathPart}`,
          ids,
          auth: { principal: outer.principal },
          viaBatch: true,
        },
        route,
      );
      result = outcome.result;
    }
    if (result === 'drop') return 'drop';
    statusById.set(inner.id, result.status);
    logRequest(ctx, { method: inner.method, path: safeDecode(`/${outer.version}${pathPart}`), query, status: result.status, principal: outer.principal, viaBatch: true });
    answers.push(answerOf(inner.id, result));
  }
  return { status: 200, body: { responses: answers.reverse() } };
}

export function safeDecode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}
