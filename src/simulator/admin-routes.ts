import { recordIssuedToken, type SimContext } from './context';
import { parseFaultRule } from './faults';
import { isObject } from './http-io';
import { findDevice } from './state';
import { signSsoToken } from './tokens';

/** An answer of the `/_sim` admin surface (JSON, or empty). */
export interface AdminResult {
  status: number;
  body?: unknown;
}

const problem = (status: number, code: string, message: string): AdminResult => ({ status, body: { error: { code, message } } });

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Counts for demos and benchmarks: requests, and resetPasscode POSTs / executed resets per device. */
export function stats(ctx: SimContext): Record<string, unknown> {
  const byStatus: Record<string, number> = {};
  for (const r of ctx.log) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const resetsExecuted: Record<string, number> = {};
  for (const d of ctx.state.devices) {
    const n = d.deviceActionResults.filter((a) => a.actionName === 'resetPasscode').length;
    if (n > 0) resetsExecuted[d.id] = n;
  }
  return {
    requests: ctx.log.length,
    byStatus,
    resetPosts: Object.fromEntries(ctx.resetPosts),
    resetPostsTotal: [...ctx.resetPosts.values()].reduce((a, b) => a + b, 0),
    resetsExecuted,
  };
}

/**
 * `GET /_sim/health`, `POST /_sim/sso-token {oid}`, `POST|DELETE /_sim/faults`, `GET /_sim/stats`,
 * `POST /_sim/action-outcome {deviceId, outcome, errorCode?}`. For the demo and benchmarks on loopback.
 */
export function routeAdmin(ctx: SimContext, method: string, path: string, rawBody: string): AdminResult {
  const body = parseJson(rawBody);
  switch (`${method} ${path}`) {
    case 'GET /_sim/health':
      return { status: 200, body: { status: 'ok', tenantId: ctx.state.tenantId } };
    case 'GET /_sim/stats':
      return { status: 200, body: stats(ctx) };
    case 'POST /_sim/sso-token': {
      const oid = isObject(body) ? body.oid : undefined;
      if (typeof oid !== 'string') return problem(400, 'BadRequest', "Body must be JSON with a string 'oid'.");
      const user = ctx.state.users.find((u) => u.id.toLowerCase() === oid.toLowerCase());
      if (!user) return problem(404, 'NotFound', `No user with object id '${oid}' in the simulated tenant.`);
      const token = signSsoToken(ctx, user);
      recordIssuedToken(ctx, token);
      return { status: 200, body: { token } };
    }
    case 'POST /_sim/faults': {
      const rule = parseFaultRule(body);
      if (typeof rule === 'string') return problem(400, 'BadRequest', rule);
      ctx.faults.add(rule);
      return { status: 204 };
    }
    case 'DELETE /_sim/faults':
      ctx.faults.clear();
      return { status: 204 };
    case 'POST /_sim/action-outcome': {
      const { deviceId, outcome, errorCode } = isObject(body) ? body : {};
      const device = typeof deviceId === 'string' ? findDevice(ctx.state, deviceId) : undefined;
      if (!device) return problem(404, 'NotFound', 'No such device in the simulated tenant.');
      if (outcome !== 'done' && outcome !== 'failed' && outcome !== 'stuck') return problem(400, 'BadRequest', "'outcome' must be done, failed or stuck.");
      device.resetBehaviour = { outcome, ...(typeof errorCode === 'number' ? { errorCode } : {}) };
      return { status: 204 };
    }
    default:
      return problem(404, 'NotFound', `No simulator admin route ${method} ${path}.`);
  }
}
