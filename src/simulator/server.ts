import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeAdmin } from './admin-routes';
import { runBatch, safeDecode } from './batch-route';
import { recordIssuedToken, type SimContext } from './context';
import { DEMO_TENANT } from './demo-tenant';
import { FaultRegistry } from './faults';
import { graphError, type GraphResult } from './graph-errors';
import { INVALID_JSON, executeGraph, logRequest, type GraphRoute } from './graph-pipeline';
import type { GraphVersion } from './graph-request';
import { routeGraph } from './graph-router';
import { delay, headerOf, readBody, send } from './http-io';
import { createSigningKey } from './jwt';
import { createTenantState, findDevice } from './state';
import { WriteThrottle } from './throttle';
import { entraError, routeEntra, type EntraRequest, type EntraResult } from './token-routes';
import { routeAuthorize } from './authorize';
import { signSsoToken } from './tokens';
import type { RunningSimulator, SimulatorOptions, SimUser } from './types';

const DEFAULT_ACTION_DELAY_MS = 3000;
const INTUNE_WRITE_LIMIT = { requests: 200, windowMs: 20_000 };

function graphHeaders(ids: { requestId: string; clientRequestId: string }, hasBody: boolean): Record<string, string> {
  return {
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({ ServerInfo: { DataCenter: 'Simulated', Slice: 'E', Ring: '5', ScaleUnit: '000', RoleInstance: 'SIM' } }),
    'Strict-Transport-Security': 'max-age=31536000',
    'Cache-Control': 'no-cache',
    ...(hasBody
      ? { 'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8', 'OData-Version': '4.0' }
      : {}),
  };
}

function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

async function handleGraph(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL, version: GraphVersion): Promise<void> {
  const rawBody = await readBody(req);
  const requestId = randomUUID();
  const ids = { requestId, clientRequestId: headerOf(req, 'client-request-id') ?? requestId };
  const path = url.pathname.slice(version.length + 1);
  const inner: GraphRoute = (gr) =>
    gr.segments[0] === '$batch' ? graphError(400, 'BadRequest', 'Nested batch requests are not supported.', gr.ids) : routeGraph(ctx, gr);
  const route: GraphRoute = (gr) => {
    if (gr.segments.length !== 1 || gr.segments[0] !== '$batch') return routeGraph(ctx, gr);
    if (gr.method !== 'POST') return graphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.', gr.ids);
    return runBatch(ctx, gr, inner);
  };
  const method = req.method ?? 'GET';
  const outcome = await executeGraph(
    ctx,
    {
      method,
      version,
      path,
      query: url.searchParams,
      header: (name) => headerOf(req, name),
      body: parseJsonBody(rawBody),
      requestUrl: `${ctx.url}${url.pathname}`,
      ids,
      auth: { authorization: headerOf(req, 'authorization') },
      viaBatch: false,
    },
    route,
  );
  const logged = { method, path: safeDecode(url.pathname), query: url.searchParams, principal: outcome.principal };
  if (outcome.result === 'drop') {
    logRequest(ctx, { ...logged, status: 0 });
    req.socket.destroy();
    return;
  }
  const result: GraphResult = outcome.result;
  logRequest(ctx, { ...logged, status: result.status });
  send(res, result.status, { ...graphHeaders(ids, result.body !== undefined), ...result.headers }, result.body);
}

async function handleEntra(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL, segments: string[]): Promise<void> {
  const method = req.method ?? 'GET';
  const entraReq: EntraRequest = {
    method,
    segments,
    query: url.searchParams,
    body: await readBody(req),
    header: (name) => headerOf(req, name),
  };
  const fault = ctx.faults.take(method, url.pathname);
  if (fault?.delayMs) await delay(fault.delayMs);
  const logged = { method, path: safeDecode(url.pathname), query: url.searchParams };
  const replaces = fault !== undefined && (fault.dropConnection === true || fault.status !== undefined);
  // A fault answers instead of the endpoint; with afterHandling the endpoint runs first.
  let result: EntraResult | undefined = replaces && !fault.afterHandling ? undefined : (routeAuthorize(ctx, entraReq) ?? routeEntra(ctx, entraReq));
  if (fault?.dropConnection) {
    logRequest(ctx, { ...logged, status: 0 });
    req.socket.destroy();
    return;
  }
  if (fault?.status !== undefined) {
    result =
      fault.body !== undefined
        ? { status: fault.status, body: fault.body }
        : entraError(entraReq, fault.status, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.');
    if (fault.retryAfter !== undefined) result.headers = { ...result.headers, 'Retry-After': fault.retryAfter };
  }
  result ??= { status: 404, body: { error: 'not_found', error_description: `No Entra endpoint at ${url.pathname}.` } };
  recordIssuedTokens(ctx, result.body);
  logRequest(ctx, { ...logged, status: result.status });
  send(res, result.status, result.headers ?? {}, result.body);
}

/** Test-only: keep every token a token endpoint answer carries, so leak tests can search for them. */
function recordIssuedTokens(ctx: SimContext, body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  for (const field of ['access_token', 'id_token', 'refresh_token']) {
    const value = (body as Record<string, unknown>)[field];
    if (typeof value === 'string' && value !== '') recordIssuedToken(ctx, value);
  }
}

async function handle(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.url);
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments[0] === '_sim') {
    const result = routeAdmin(ctx, req.method ?? 'GET', url.pathname, await readBody(req));
    send(res, result.status, {}, result.body);
    return;
  }
  const first = segments[0]?.toLowerCase();
  if (first === 'v1.0' || first === 'beta') {
    await handleGraph(ctx, req, res, url, first === 'v1.0' ? 'v1.0' : 'beta');
    return;
  }
  await handleEntra(ctx, req, res, url, segments);
}

function listen(server: https.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Start the simulated tenant on loopback over HTTPS. */
export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const state = createTenantState(opts.tenant ?? DEMO_TENANT, { clientId: opts.clientId, clientSecret: opts.clientSecret });
  const timers = new Set<NodeJS.Timeout>();
  const limit = opts.intuneWriteLimit === undefined ? INTUNE_WRITE_LIMIT : opts.intuneWriteLimit;
  const ctx: SimContext = {
    state,
    url: 'https://127.0.0.1',
    signingKey: await createSigningKey(),
    actionDelayMs: opts.actionDelayMs ?? DEFAULT_ACTION_DELAY_MS,
    faults: new FaultRegistry(),
    log: [],
    resetPosts: new Map(),
    writeThrottle: limit ? new WriteThrottle(limit.requests, limit.windowMs) : undefined,
    issuedTokens: [],
    later(ms, work) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        work();
      }, ms);
      timer.unref();
      timers.add(timer);
    },
  };

  const server = https.createServer({ cert: opts.certificate.cert, key: opts.certificate.key }, (req, res) => {
    handle(ctx, req, res).catch((error: unknown) => {
      const tooLarge = error instanceof Error && error.message === 'tooLarge';
      const ids = { requestId: randomUUID(), clientRequestId: headerOf(req, 'client-request-id') ?? randomUUID() };
      const result = tooLarge
        ? graphError(413, 'RequestEntityTooLarge', 'The request body is too large.', ids)
        : graphError(500, 'InternalServerError', 'The simulated tenant failed to handle the request.', ids);
      send(res, result.status, graphHeaders(ids, true), result.body);
    });
  });
  const port = await listen(server, opts.port ?? 0);
  ctx.url = `https://127.0.0.1:${port}`;

  return {
    url: ctx.url,
    tenantId: state.tenantId,
    clientId: state.app.clientId,
    clientSecret: state.app.clientSecret,
    tenant: state,
    requests: ctx.log,
    issuedTokensForLeakChecks: ctx.issuedTokens,
    signSsoToken(oid, overrides) {
      const user: SimUser = state.users.find((u) => u.id === oid) ?? {
        ...(state.users[0] as SimUser),
        id: oid,
        displayName: 'Unknown user',
        userPrincipalName: `${oid}@${state.domains[0] ?? 'example.com'}`,
      };
      const token = signSsoToken(ctx, user, overrides);
      recordIssuedToken(ctx, token);
      return token;
    },
    countRequests(filter) {
      return ctx.log.filter(
        (r) =>
          (!filter.method || r.method.toUpperCase() === filter.method.toUpperCase()) &&
          (!filter.pathIncludes || r.path.includes(filter.pathIncludes)),
      ).length;
    },
    resetPostCount(deviceId) {
      if (deviceId !== undefined) return ctx.resetPosts.get(deviceId.toLowerCase()) ?? 0;
      return [...ctx.resetPosts.values()].reduce((a, b) => a + b, 0);
    },
    injectFault: (fault) => ctx.faults.add(fault),
    clearFaults: () => ctx.faults.clear(),
    setActionOutcome(deviceId, outcome, errorCode) {
      const device = findDevice(state, deviceId);
      if (!device) throw new Error(`No device ${deviceId} in the simulated tenant`);
      device.resetBehaviour = { outcome, ...(errorCode !== undefined ? { errorCode } : {}) };
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
