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
 * and a warm one (the same agent again); and self-service, from the employee's message to the
 * passcode shown to the approving agent.
 */
export async function measureRoundTrips(
  d: BenchDeployment,
  agents: () => BenchAgent,
  target: (i: number) => BenchTarget,
  employee: (i: number) => BenchAgent,
): Promise<RoundTripRow[]> {
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

  // Self-service: an employee files, an agent who has used the bot approves. The first request
  // also pays for the bot's app-only token (the employee's device list is read as the bot).
  const approver = agents();
  await d.client.reset(approver, target(approver.index), { where: 'personal', by: 'upn', timeoutMs: 30_000 });
  const selfService = async (): Promise<RoundTrips> => {
    const from = d.sim.requests.length;
    await d.client.selfService(employee(approver.index), approver, 30_000);
    await sleep(SETTLE_MS);
    return countRoundTrips(d.sim.requests.slice(from));
  };
  rows.push({ scenario: 'self-service (employee files, agent approves)', cache: 'cold (first app-only read)', trips: await selfService() });
  rows.push({ scenario: 'self-service (employee files, agent approves)', cache: 'warm (same people again)', trips: await selfService() });
  return rows;
}
