import { performance } from 'node:perf_hooks';
import type { BenchAgent, BenchTarget } from '../bench-tenant';
import { runConcurrently, Samples } from '../load';
import type { TeamsClient } from '../teams-client';

export interface TurnCost {
  turns: Samples;
  wallMs: number;
  failures: number;
  /** Reset conversations only: first message to passcode card, ms. */
  conversations?: Samples;
  /** CPU time the bot's process used during the measurement, ms. */
  botCpuMs?: number;
}

export const turnsPerSecond = (cost: TurnCost) => (cost.turns.count / cost.wallMs) * 1000;

/** Two measurements of the same thing as one (samples pooled, times and counts added). */
export function mergeCosts(a: TurnCost, b: TurnCost): TurnCost {
  const turns = new Samples();
  turns.addAll(a.turns);
  turns.addAll(b.turns);
  return {
    turns,
    wallMs: a.wallMs + b.wallMs,
    failures: a.failures + b.failures,
    ...(a.botCpuMs !== undefined && b.botCpuMs !== undefined ? { botCpuMs: a.botCpuMs + b.botCpuMs } : {}),
  };
}

/**
 * `help` from `concurrency` agents at once, each in their own 1:1, as fast as answers come; stops
 * after `maxTurns` turns or `maxMs`. A turn is one POST /api/messages, answered after the bot sent
 * its reply through the connector.
 */
export async function helpTurns(client: TeamsClient, agents: readonly BenchAgent[], concurrency: number, maxTurns: number, maxMs: number): Promise<TurnCost> {
  const turns = new Samples();
  let started = 0;
  let failures = 0;
  const wallMs = await runConcurrently(concurrency, performance.now() + maxMs, async (worker) => {
    if (started >= maxTurns) return false;
    started += 1;
    const agent = agents[worker % agents.length] as BenchAgent;
    try {
      const posted = await client.message(agent, client.personal(agent), 'help');
      if (posted.status >= 300) failures += 1;
      turns.add(posted.ms);
    } catch {
      // No answer at all (e.g. a kept-alive connection the server closed just then): a failed
      // turn, counted in the report, rather than the end of the whole run.
      failures += 1;
    }
    return true;
  });
  return { turns, wallMs, failures };
}

/**
 * Whole reset conversations (ask, Yes, passcode) by `concurrency` signed-in agents at once, each on
 * their own employee's phone; `perAgent` conversations each.
 */
export async function resetConversations(
  client: TeamsClient,
  agents: readonly BenchAgent[],
  target: (agent: BenchAgent) => BenchTarget,
  concurrency: number,
  perAgent: number,
  maxMs: number,
): Promise<TurnCost> {
  const turns = new Samples();
  const conversations = new Samples();
  let failures = 0;
  const done = new Array<number>(concurrency).fill(0);
  const wallMs = await runConcurrently(concurrency, performance.now() + maxMs, async (worker) => {
    if ((done[worker] as number) >= perAgent) return false;
    done[worker] = (done[worker] as number) + 1;
    const agent = agents[worker] as BenchAgent;
    try {
      const run = await client.reset(agent, target(agent), { where: 'personal', by: 'upn', timeoutMs: 60_000 });
      run.turns.forEach((ms) => turns.add(ms));
      conversations.add(run.passcodeAt - run.startedAt);
      failures += run.failures;
    } catch {
      failures += 1;
    }
    return true;
  });
  return { turns, wallMs, failures, conversations };
}

/**
 * The same activities sent to the echo bot: the reset request message and the Yes click, two
 * turns per conversation (the echo bot has no Intune to wait for).
 */
export async function echoConversations(client: TeamsClient, agents: readonly BenchAgent[], target: (agent: BenchAgent) => BenchTarget, concurrency: number, perAgent: number, maxMs: number): Promise<TurnCost> {
  const turns = new Samples();
  let failures = 0;
  const done = new Array<number>(concurrency).fill(0);
  const wallMs = await runConcurrently(concurrency, performance.now() + maxMs, async (worker) => {
    if ((done[worker] as number) >= perAgent) return false;
    done[worker] = (done[worker] as number) + 1;
    const agent = agents[worker] as BenchAgent;
    const conversation = client.personal(agent);
    try {
      const asked = await client.message(agent, conversation, `reset PIN for ${target(agent).upn}`);
      const clicked = await client.click(agent, conversation, 'b:1', 'confirm', { flowId: 'f', revision: 1, reason: 'BENCH' });
      for (const posted of [asked, clicked]) {
        turns.add(posted.ms);
        if (posted.status >= 300) failures += 1;
      }
    } catch {
      failures += 1;
    }
    return true;
  });
  return { turns, wallMs, failures };
}

/**
 * One reset conversation for each agent, `concurrency` at a time (a queue, so every agent gets
 * one): signs the agents in. `after(n)` runs once `n` conversations are done, at each multiple of
 * `every`.
 */
export async function eachAgentOnce(
  client: TeamsClient,
  agents: readonly BenchAgent[],
  target: (agent: BenchAgent) => BenchTarget,
  concurrency: number,
  checkpoint?: { every: number; after: (done: number) => Promise<void> },
): Promise<{ completed: number; wallMs: number; errors: string[] }> {
  let next = 0;
  let completed = 0;
  const errors: string[] = [];
  let finished = 0;
  let pending: Promise<void> = Promise.resolve();
  const wallMs = await runConcurrently(concurrency, Number.POSITIVE_INFINITY, async () => {
    const agent = agents[next++];
    if (!agent) return false;
    try {
      await client.reset(agent, target(agent), { where: 'personal', by: 'upn', timeoutMs: 120_000 });
      completed += 1;
    } catch (error) {
      errors.push(error instanceof Error ? error.message.slice(0, 300) : String(error));
    }
    finished += 1;
    if (checkpoint && finished % checkpoint.every === 0 && finished < agents.length) {
      const at = finished;
      pending = pending.then(() => checkpoint.after(at));
    }
    return true;
  });
  await pending;
  return { completed, wallMs, errors };
}
