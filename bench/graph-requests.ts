import type { SimRequestLog } from '../src/simulator';

/** What one request to the simulated tenant was, for counting round trips. */
export type RequestKind =
  | 'token'
  | 'entraOther'
  | 'checkMemberGroups'
  | 'userSearch'
  | 'userDevices'
  | 'resetPost'
  | 'resultRead'
  | 'deviceRead'
  | 'batch'
  | 'graphOther';

export function kindOf(request: SimRequestLog): RequestKind {
  const path = request.path;
  if (!/^\/(v1\.0|beta)\//i.test(path)) return /\/oauth2\/(v2\.0\/)?token$/i.test(path) ? 'token' : 'entraOther';
  if (/\/\$batch$/i.test(path)) return 'batch';
  if (/checkMemberGroups$/i.test(path)) return 'checkMemberGroups';
  if (/\/users\/?$/i.test(path)) return 'userSearch';
  if (/\/users\/[^/]+\/managedDevices\/?$/i.test(path)) return 'userDevices';
  if (/\/resetPasscode\/?$/i.test(path)) return 'resetPost';
  if (/\/deviceManagement\/managedDevices\/[^/]+\/?$/i.test(path)) {
    return (request.query.$select ?? '').includes('deviceActionResults') ? 'resultRead' : 'deviceRead';
  }
  return 'graphOther';
}

export interface RoundTrips {
  /** HTTP requests to Graph (a `$batch` counts once; its parts are in `viaBatch`). */
  graph: number;
  viaBatch: number;
  token: number;
  entraOther: number;
  byKind: Partial<Record<RequestKind, number>>;
}

export function countRoundTrips(requests: readonly SimRequestLog[]): RoundTrips {
  const counts: RoundTrips = { graph: 0, viaBatch: 0, token: 0, entraOther: 0, byKind: {} };
  for (const request of requests) {
    const kind = kindOf(request);
    if (request.viaBatch) {
      counts.viaBatch += 1;
      continue;
    }
    counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
    if (kind === 'token') counts.token += 1;
    else if (kind === 'entraOther') counts.entraOther += 1;
    else counts.graph += 1;
  }
  return counts;
}

/** Intune's side of a request: a device write (the reset), a device read, or not Intune at all. */
export function intuneKind(request: SimRequestLog): 'write' | 'read' | undefined {
  if (!/^\/(v1\.0|beta)\//i.test(request.path)) return undefined;
  if (/\/managedDevices(\/|$)/i.test(request.path)) {
    return request.method.toUpperCase() === 'GET' ? 'read' : 'write';
  }
  return undefined;
}

/** The largest number of matching requests in any `windowMs` span (a sliding window). */
export function maxInWindow(requests: readonly SimRequestLog[], windowMs: number, match: (r: SimRequestLog) => boolean): number {
  const times = requests.filter(match).map((r) => Date.parse(r.at)).sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
