import type { BenchAgent, BenchTarget } from '../bench-tenant';
import type { BenchDeployment } from '../deployment';
import { intuneKind, kindOf, maxInWindow } from '../graph-requests';
import { Samples } from '../load';
import { doneAt } from './time-to-passcode';

export interface IntuneBudget {
  resets: number;
  delivered: number;
  /** Largest count in any 20 s window. */
  intuneReads: number;
  intuneWrites: number;
  resultReads: number;
  allGraph: number;
  throttled: number;
  wallMs: number;
  afterDone: Samples;
}

export const INTUNE_WINDOW_MS = 20_000;

/**
 * `agents.length` resets in flight at once (all agents press Yes together while Intune takes
 * `actionDelayMs` to finish each): the heaviest 20 s of Graph traffic that causes, against
 * Intune's per-app limits.
 */
export async function intuneBudget(d: BenchDeployment, agents: readonly BenchAgent[], target: (agent: BenchAgent) => BenchTarget, actionDelayMs: number): Promise<IntuneBudget> {
  const from = d.sim.requests.length;
  const started = Date.now();
  const afterDone = new Samples();
  let delivered = 0;
  await Promise.all(
    agents.map(async (agent) => {
      try {
        const goal = target(agent);
        const run = await d.client.reset(agent, goal, { where: 'personal', by: 'upn', timeoutMs: actionDelayMs + 120_000 });
        delivered += 1;
        const done = doneAt(d, goal.deviceId, actionDelayMs);
        if (done !== undefined) afterDone.add(run.passcodeAt - done);
      } catch {
        // counted as not delivered
      }
    }),
  );
  const requests = d.sim.requests.slice(from);
  const graph = (r: (typeof requests)[number]) => /^\/(v1\.0|beta)\//i.test(r.path) && !r.viaBatch;
  return {
    resets: agents.length,
    delivered,
    intuneReads: maxInWindow(requests, INTUNE_WINDOW_MS, (r) => graph(r) && intuneKind(r) === 'read'),
    intuneWrites: maxInWindow(requests, INTUNE_WINDOW_MS, (r) => graph(r) && intuneKind(r) === 'write'),
    resultReads: maxInWindow(requests, INTUNE_WINDOW_MS, (r) => graph(r) && kindOf(r) === 'resultRead'),
    allGraph: maxInWindow(requests, INTUNE_WINDOW_MS, graph),
    throttled: requests.filter((r) => r.status === 429).length,
    wallMs: Date.now() - started,
    afterDone,
  };
}
