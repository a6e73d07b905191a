import type { BenchAgent, BenchTarget } from '../bench-tenant';
import type { BenchDeployment } from '../deployment';
import { countRoundTrips, type RoundTrips } from '../graph-requests';
import { sleep } from '../load';
import type { Where } from '../teams-client';

export interface RoundTripRow {
  scenario: string;
  cache: string;
  trips: RoundTrips;
}

/** Calls that finish after the passcode (the card update, a late result read) get this long. */
const SETTLE_MS = 600;

/**
 * Graph round trips of one reset, counted in the simulator's request log while nothing else
 * runs: per scenario with a cold token cache (the agent's first reset: SSO exchange, on-behalf-of)
 * and a warm one (the same agent again).
 */
export async function measureRoundTrips(d: BenchDeployment, agents: () => BenchAgent, target: (i: number) => BenchTarget): Promise<RoundTripRow[]> {
  const rows: RoundTripRow[] = [];
  const once = async (agent: BenchAgent, goal: BenchTarget, where: Where, by: 'upn' | 'name'): Promise<RoundTrips> => {
    const from = d.sim.requests.length;
    await d.client.reset(agent, goal, { where, by, timeoutMs: 30_000 });
    await sleep(SETTLE_MS);
    return countRoundTrips(d.sim.requests.slice(from));
  };

  // The very first reset after the bot started also pays for the identity platform's discovery.
  const first = agents();
  rows.push({ scenario: 'UPN given, 1:1', cache: 'cold process (first reset after start)', trips: await once(first, target(first.index), 'personal', 'upn') });

  const scenarios: Array<[string, Where, 'upn' | 'name']> = [
    ['UPN given, 1:1', 'personal', 'upn'],
    ['name given, 1:1', 'personal', 'name'],
    ['UPN given, channel', 'channel', 'upn'],
  ];
  for (const [scenario, where, by] of scenarios) {
    const agent = agents();
    const goal = target(agent.index);
    rows.push({ scenario, cache: 'cold (agent\'s first reset)', trips: await once(agent, goal, where, by) });
    rows.push({ scenario, cache: 'warm (same agent again)', trips: await once(agent, goal, where, by) });
  }
  return rows;
}
