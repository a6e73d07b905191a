import type { BenchAgent, BenchTarget } from '../bench-tenant';
import type { MemoryReading } from '../bots';
import type { BenchDeployment } from '../deployment';
import { sleep } from '../load';
import { eachAgentOnce } from './turn-cost';

export interface MemoryResult {
  conversations: number;
  concurrency: number;
  completed: number;
  idle: MemoryReading;
  /** Readings along the way (conversations done → memory), to tell a leak from a plateau. */
  along: Array<{ done: number; reading: MemoryReading }>;
  after: MemoryReading;
  /** Again after the process sat idle for `idleMs` (V8 and the allocator hand memory back lazily). */
  settled: MemoryReading;
  idleMs: number;
  wallMs: number;
  /** Why conversations did not finish (first few). */
  errors: string[];
}

const IDLE_MS = 10_000;

/**
 * A fresh bot; `agents.length` conversations (one per agent, each in its own 1:1, each signing in
 * and resetting one phone), `concurrency` at a time; then the bot's memory after a full GC.
 */
export async function memoryAfterConversations(d: BenchDeployment, agents: readonly BenchAgent[], target: (agent: BenchAgent) => BenchTarget, concurrency: number): Promise<MemoryResult> {
  const idle = await d.bot.memory();
  const along: MemoryResult['along'] = [];
  const every = Math.max(concurrency, Math.floor(agents.length / 4 / concurrency) * concurrency);
  const { completed, wallMs, errors } = await eachAgentOnce(d.client, agents, target, concurrency, {
    every,
    after: async (done) => {
      along.push({ done, reading: await d.bot.memory() });
    },
  });
  // Let the last card updates finish before measuring.
  await sleep(1_000);
  const after = await d.bot.memory();
  await sleep(IDLE_MS);
  return { conversations: agents.length, concurrency, completed, idle, along, after, settled: await d.bot.memory(), idleMs: IDLE_MS, wallMs, errors: errors.slice(0, 3) };
}
