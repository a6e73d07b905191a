import type { BenchAgent, BenchTarget } from '../bench-tenant';
import type { BenchDeployment } from '../deployment';
import { Samples, sleep } from '../load';

export interface PasscodeTiming {
  /** Intune marked the action done → the passcode card reached the Teams stand-in, ms. */
  afterDone: Samples;
  /** Resets that did not end with a passcode card. */
  failures: number;
}

/** When the simulated Intune finished the newest reset of a device (start + its fixed delay). */
export function doneAt(d: BenchDeployment, deviceId: string, actionDelayMs: number): number | undefined {
  const device = d.sim.tenant.devices.find((x) => x.id === deviceId);
  const newest = device?.deviceActionResults.filter((r) => r.actionName === 'resetPasscode').at(-1);
  return newest ? Date.parse(newest.startDateTime) + actionDelayMs : undefined;
}

/**
 * Resets by several agents, started `staggerMs` apart; for each, the time from the simulator's
 * "done" to the passcode card arriving at the Teams stand-in.
 */
export async function timeToPasscode(
  d: BenchDeployment,
  agents: readonly BenchAgent[],
  target: (agent: BenchAgent) => BenchTarget,
  actionDelayMs: number,
  staggerMs: number,
): Promise<PasscodeTiming> {
  const afterDone = new Samples();
  let failures = 0;
  await Promise.all(
    agents.map(async (agent, i) => {
      await sleep(i * staggerMs);
      try {
        const goal = target(agent);
        const run = await d.client.reset(agent, goal, { where: 'personal', by: 'upn', timeoutMs: actionDelayMs + 60_000 });
        const done = doneAt(d, goal.deviceId, actionDelayMs);
        if (done === undefined) failures += 1;
        else afterDone.add(run.passcodeAt - done);
      } catch {
        failures += 1;
      }
    }),
  );
  return { afterDone, failures };
}
