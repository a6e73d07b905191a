/**
 * `npm run bench`: Passcode Desk against the simulated tenant over loopback, beside a bare
 * botbuilder echo bot, in one run; writes docs/benchmark.md. Not part of `npm test`.
 *
 *   --quick    smaller counts and a 6 s instead of 20 s Intune delay (a smoke run, ~2 minutes);
 *              the report says so
 *   --out F    write the report to F instead of docs/benchmark.md
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDevCertificate } from '../src/simulator';
import { benchAgent, benchTarget, benchTenant, type BenchAgent } from './bench-tenant';
import { startBot, type BotUnderTest } from './bots';
import { compileBots } from './build';
import { startBenchDeployment, type BenchDeployment } from './deployment';
import { describeMachine } from './machine';
import { intuneBudget } from './phases/intune-budget';
import { memoryAfterConversations } from './phases/memory';
import { measureRoundTrips } from './phases/round-trips';
import { timeToPasscode } from './phases/time-to-passcode';
import { eachAgentOnce, echoConversations, helpTurns, resetConversations, type TurnCost } from './phases/turn-cost';
import { findings } from './findings';
import { renderReport, type BenchResults } from './report';
import { TeamsClient } from './teams-client';
import { startAzurite } from '../test/support/azurite';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIndex = args.indexOf('--out');
const outFile = path.resolve(__dirname, '..', outIndex >= 0 ? (args[outIndex + 1] ?? 'docs/benchmark.md') : 'docs/benchmark.md');

/** Sizes of each measurement; bounded so the whole run stays within ~10 minutes on 2 cores. */
const PLAN = {
  agents: quick ? 400 : 1000,
  levels: [1, 50, 200],
  helpTurns: (c: number) => (quick ? 100 : 300) * Math.max(1, Math.min(c, 20)),
  helpMaxMs: quick ? 5_000 : 15_000,
  conversationsPerAgent: (c: number) => (c === 1 ? (quick ? 5 : 15) : c === 50 ? 2 : 1),
  conversationMaxMs: quick ? 30_000 : 60_000,
  passcodeDelays: quick ? [2_000, 6_000] : [2_000, 20_000],
  passcodeFlows: (delay: number) => (delay <= 2_000 ? 8 : 3),
  storageConversationLevels: [1, 50, 200],
  budgetResets: 200,
  memoryConversations: quick ? 300 : 1000,
  memoryConcurrency: 100,
};

const log = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
/** Run a measurement and note the CPU time the bot's process spent on it. */
async function withCpu(bot: BotUnderTest, measure: () => Promise<TurnCost>): Promise<TurnCost> {
  const before = await bot.cpuMs();
  const cost = await measure();
  return { ...cost, botCpuMs: (await bot.cpuMs()) - before };
}

const agentsFrom = (first: number, count: number): BenchAgent[] => Array.from({ length: count }, (_unused, i) => benchAgent(first + i));
const targetOf = (agent: BenchAgent) => benchTarget(agent.index);

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]?.toFixed(2);
  const certificate = await ensureDevCertificate(path.resolve(__dirname, '../.simulator'));
  log('compiling the bots under test');
  const compiled = compileBots();
  const tenant = benchTenant(PLAN.agents);
  const base = { certificate, certPath: certificate.certPath, tenant, state: 'memory' as const, compiled };
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    durationMs: 0,
    machine: describeMachine(),
    settings: {
      mode: quick ? 'quick (smoke run: smaller counts, 6 s instead of 20 s Intune delay)' : 'full',
      'simulated tenant': `demo tenant + ${PLAN.agents} agents + ${PLAN.agents} employees with one eligible phone each`,
      'bots': 'compiled JavaScript (as `npm start` runs it), each in its own Node process',
      'bot state': 'in the bot process (memory stores), except section 2 "with Azure Storage": Azurite on this machine; inbound auth off (loopback, no MicrosoftAppId)',
      'bot logging': 'info level, one JSON line per event to stdout (discarded)',
      'Intune delay': '0.3 s unless stated',
      'Intune write limit (simulated)': 'on for sections 3 and 4, off for sections 1, 2 and 5 (so repeated runs are not throttled)',
    },
    roundTrips: [],
    help: [],
    conversations: [],
    passcode: [],
    notes: [],
  };

  let a: BenchDeployment | undefined;
  let echo: BotUnderTest | undefined;
  try {
    // 1 and 2: one Passcode Desk and one echo bot on a tenant whose Intune answers in 0.3 s.
    log('starting the simulated tenant, Passcode Desk and the echo bot');
    a = await startBenchDeployment({ ...base, actionDelayMs: 300, intuneWriteLimit: false });
    const desk = a;
    echo = await startBot('echo', {}, compiled);
    const echoIdle = await echo.memory();
    const echoClient = new TeamsClient(echo.url, a.connector, a.sim.tenantId, undefined);

    log('1. Graph round trips per reset');
    let spare = PLAN.agents - 10;
    results.roundTrips = await measureRoundTrips(a, () => benchAgent(spare++), (i) => benchTarget(i));

    const maxLevel = Math.max(...PLAN.levels);
    const agents = agentsFrom(0, maxLevel);
    log(`2. signing in ${agents.length} agents (one reset each) and warming both bots up`);
    await eachAgentOnce(a.client, agents, targetOf, 50);
    await helpTurns(a.client, agents, 10, 300, 10_000);
    await helpTurns(echoClient, agents, 10, 300, 10_000);
    a.connector.clear();

    for (const c of PLAN.levels) {
      log(`2. help turns at ${c} concurrent`);
      const echoCost = await withCpu(echo, () => helpTurns(echoClient, agents, c, PLAN.helpTurns(c), PLAN.helpMaxMs));
      const deskCost = await withCpu(a.bot, () => helpTurns(desk.client, agents, c, PLAN.helpTurns(c), PLAN.helpMaxMs));
      results.help.push({ concurrency: c, desk: deskCost, echo: echoCost });
      a.connector.clear();
    }
    for (const c of PLAN.levels) {
      log(`2. reset conversations at ${c} concurrent`);
      const echoCost = await withCpu(echo, () => echoConversations(echoClient, agents, targetOf, c, PLAN.conversationsPerAgent(c), PLAN.conversationMaxMs));
      const deskCost = await withCpu(a.bot, () => resetConversations(desk.client, agents, targetOf, c, PLAN.conversationsPerAgent(c), PLAN.conversationMaxMs));
      results.conversations.push({ concurrency: c, desk: deskCost, echo: echoCost });
      a.connector.clear();
    }
    await a.stop();
    a = undefined;

    // 2 again, with the state where production keeps it: Azure Storage (Azurite on this machine).
    log('2. again with Azure Storage (Azurite): starting Azurite and a second Passcode Desk');
    const azurite = await startAzurite();
    let withStorage: BenchDeployment | undefined;
    try {
      withStorage = await startBenchDeployment({ ...base, actionDelayMs: 300, intuneWriteLimit: false, state: { connectionString: azurite.connectionString, namespace: 'benchrun' } });
      const stored = withStorage;
      const storedClient = stored.client;
      const echoStoredClient = new TeamsClient(echo.url, stored.connector, stored.sim.tenantId, undefined);
      await eachAgentOnce(storedClient, agents, targetOf, 50);
      await helpTurns(storedClient, agents, 10, 300, 10_000);
      stored.connector.clear();
      results.storage = { help: [], conversations: [] };
      for (const c of PLAN.levels) {
        log(`2. (Azure Storage) help turns at ${c} concurrent`);
        const echoCost = await withCpu(echo, () => helpTurns(echoStoredClient, agents, c, PLAN.helpTurns(c), PLAN.helpMaxMs));
        const deskCost = await withCpu(stored.bot, () => helpTurns(storedClient, agents, c, PLAN.helpTurns(c), PLAN.helpMaxMs));
        results.storage.help.push({ concurrency: c, desk: deskCost, echo: echoCost });
        stored.connector.clear();
      }
      for (const c of PLAN.storageConversationLevels) {
        log(`2. (Azure Storage) reset conversations at ${c} concurrent`);
        const echoCost = await withCpu(echo, () => echoConversations(echoStoredClient, agents, targetOf, c, PLAN.conversationsPerAgent(c), PLAN.conversationMaxMs));
        const deskCost = await withCpu(stored.bot, () => resetConversations(storedClient, agents, targetOf, c, PLAN.conversationsPerAgent(c), PLAN.conversationMaxMs));
        results.storage.conversations.push({ concurrency: c, desk: deskCost, echo: echoCost });
        stored.connector.clear();
      }
    } finally {
      await withStorage?.stop();
      await azurite.stop();
    }
    await echo.stop();
    echo = undefined;

    // 3: Intune's real pace (2 s and 20 s), with its write limit.
    for (const delay of PLAN.passcodeDelays) {
      log(`3. time to passcode with a ${delay / 1000} s Intune delay`);
      const d = await startBenchDeployment({ ...base, actionDelayMs: delay, intuneWriteLimit: true });
      try {
        const flows = agentsFrom(PLAN.agents - 10, PLAN.passcodeFlows(delay));
        results.passcode.push({ actionDelayMs: delay, timing: await timeToPasscode(d, flows, targetOf, delay, 250) });
      } finally {
        await d.stop();
      }
    }

    // 4: many resets in flight at Intune's slow pace, on a fresh tenant (an empty write window).
    const budgetDelay = Math.max(...PLAN.passcodeDelays);
    log(`4. Intune budget: ${PLAN.budgetResets} resets in flight, Intune delay ${budgetDelay / 1000} s`);
    const b = await startBenchDeployment({ ...base, actionDelayMs: budgetDelay, intuneWriteLimit: true });
    try {
      results.budget = { ...(await intuneBudget(b, agentsFrom(0, PLAN.budgetResets), targetOf, budgetDelay)), actionDelayMs: budgetDelay };
    } finally {
      await b.stop();
    }

    // 5: a fresh process, then many conversations.
    log(`5. memory after ${PLAN.memoryConversations} conversations`);
    const m = await startBenchDeployment({ ...base, actionDelayMs: 300, intuneWriteLimit: false });
    try {
      const memory = await memoryAfterConversations(m, agentsFrom(0, PLAN.memoryConversations), targetOf, PLAN.memoryConcurrency);
      results.memory = { ...memory, echoIdle };
    } finally {
      await m.stop();
    }
  } finally {
    await a?.stop();
    await echo?.stop();
  }

  results.durationMs = Date.now() - started;
  results.settings['load average (1 min) at start → end'] = `${loadAtStart} → ${os.loadavg()[0]?.toFixed(2)} (other work on the machine shows here)`;
  results.notes = findings(results);
  writeFileSync(outFile, renderReport(results));
  log(`done in ${(results.durationMs / 60_000).toFixed(1)} minutes; report written to ${path.relative(process.cwd(), outFile)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
