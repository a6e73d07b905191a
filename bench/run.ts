/**
 * `npm run bench`: Passcode Desk against the simulated tenant over loopback, beside a bare
 * botbuilder echo bot, in one run; writes docs/benchmark.md. Not part of `npm test`.
 *
 *   --quick    smaller counts and a 6 s instead of 20 s Intune delay (a smoke run, ~3 minutes);
 *              the report says so
 *   --out F    write the report to F instead of docs/benchmark.md
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDevCertificate } from '../src/simulator';
import { benchAgent, benchEmployee, benchTarget, benchTenant, type BenchAgent } from './bench-tenant';
import { startBot, type BotUnderTest } from './bots';
import { startScriptNodeOptions } from '../test/support/start-options';
import { compileBots } from './build';
import { startBenchDeployment, type BenchDeployment, type BenchDeploymentOptions } from './deployment';
import { describeMachine } from './machine';
import { intuneBudget } from './phases/intune-budget';
import { memoryAfterConversations } from './phases/memory';
import { measureRoundTrips } from './phases/round-trips';
import { timeToPasscode } from './phases/time-to-passcode';
import { eachAgentOnce, echoConversations, helpTurns, mergeCosts, resetConversations, type TurnCost } from './phases/turn-cost';
import { findings } from './findings';
import { renderReport, type BenchResults, type Level } from './report';
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
  /** The echo bot has no Intune to wait for: more conversations give it as many samples. */
  echoConversationsPerAgent: (c: number) => (c === 1 ? 100 : c === 50 ? 20 : 5),
  conversationMaxMs: quick ? 30_000 : 60_000,
  passcodeDelays: quick ? [2_000, 6_000] : [2_000, 20_000],
  passcodeFlows: (delay: number) => (delay <= 2_000 ? 8 : 3),
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

/**
 * Echo, Passcode Desk, echo, Passcode Desk: each measured twice, alternating, so drift on the
 * machine (other work, GC, CPU frequency) falls on both; the two halves are pooled.
 */
async function alternate(echoRun: () => Promise<TurnCost>, deskRun: () => Promise<TurnCost>): Promise<{ echo: TurnCost; desk: TurnCost }> {
  const echo1 = await echoRun();
  const desk1 = await deskRun();
  const echo2 = await echoRun();
  const desk2 = await deskRun();
  return { echo: mergeCosts(echo1, echo2), desk: mergeCosts(desk1, desk2) };
}

const agentsFrom = (first: number, count: number): BenchAgent[] => Array.from({ length: count }, (_unused, i) => benchAgent(first + i));
const targetOf = (agent: BenchAgent) => benchTarget(agent.index);

/** Start a deployment, run `work` on it, stop it whatever happens. */
async function withDeployment(options: BenchDeploymentOptions, work: (d: BenchDeployment) => Promise<void>): Promise<void> {
  const d = await startBenchDeployment(options);
  try {
    await work(d);
  } finally {
    await d.stop();
  }
}

/**
 * Section 2 on one Passcode Desk: sign the agents in (one reset each), warm both bots up, then
 * help turns and whole reset conversations at each concurrency, each beside the echo bot.
 */
async function measureTurnCost(label: string, desk: BenchDeployment, echo: BotUnderTest, agents: readonly BenchAgent[]): Promise<{ help: Level[]; conversations: Level[] }> {
  const echoClient = new TeamsClient(echo.url, desk.connector, desk.sim.tenantId, undefined);
  log(`2.${label} signing in ${agents.length} agents (one reset each) and warming both bots up`);
  await eachAgentOnce(desk.client, agents, targetOf, 50);
  await helpTurns(desk.client, agents, 10, 300, 10_000);
  await helpTurns(echoClient, agents, 10, 300, 10_000);
  desk.connector.clear();
  const help: Level[] = [];
  for (const c of PLAN.levels) {
    log(`2.${label} help turns at ${c} concurrent`);
    const measured = await alternate(
      () => withCpu(echo, () => helpTurns(echoClient, agents, c, PLAN.helpTurns(c), PLAN.helpMaxMs)),
      () => withCpu(desk.bot, () => helpTurns(desk.client, agents, c, PLAN.helpTurns(c), PLAN.helpMaxMs)),
    );
    help.push({ concurrency: c, ...measured });
    desk.connector.clear();
  }
  const conversations: Level[] = [];
  for (const c of PLAN.levels) {
    log(`2.${label} reset conversations at ${c} concurrent`);
    const echoCost = await withCpu(echo, () => echoConversations(echoClient, agents, targetOf, c, PLAN.echoConversationsPerAgent(c), PLAN.conversationMaxMs));
    const deskCost = await withCpu(desk.bot, () => resetConversations(desk.client, agents, targetOf, c, PLAN.conversationsPerAgent(c), PLAN.conversationMaxMs));
    conversations.push({ concurrency: c, desk: deskCost, echo: echoCost });
    desk.connector.clear();
  }
  return { help, conversations };
}

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
      'bots': `compiled JavaScript, each in its own Node process; Passcode Desk with the Node options of \`npm start\` (${startScriptNodeOptions().join(' ')}), the echo bot with Node's defaults`,
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

  // 1 and 2: Passcode Desk on a tenant whose Intune answers in 0.3 s, beside the echo bot.
  log('starting the simulated tenant, Passcode Desk and the echo bot');
  const echo = await startBot('echo', {}, compiled);
  const echoIdle = await echo.memory();
  const agents = agentsFrom(0, Math.max(...PLAN.levels));
  try {
    await withDeployment({ ...base, actionDelayMs: 300, intuneWriteLimit: false }, async (desk) => {
      log('1. Graph round trips per reset');
      let spare = PLAN.agents - 10;
      results.roundTrips = await measureRoundTrips(desk, () => benchAgent(spare++), (i) => benchTarget(i), benchEmployee);
      const measured = await measureTurnCost('', desk, echo, agents);
      results.help = measured.help;
      results.conversations = measured.conversations;
    });

  } finally {
    await echo.stop();
  }

  // 2 again, with the state where production keeps it: Azure Storage (Azurite on this machine).
  // A fresh echo bot beside the fresh Passcode Desk, so that both have the same history: a
  // process that has already served thousands of turns runs better-optimized code.
  log('2. again with Azure Storage (Azurite): starting Azurite, a second Passcode Desk and a second echo bot');
  const azurite = await startAzurite();
  const secondEcho = await startBot('echo', {}, compiled);
  try {
    const state = { connectionString: azurite.connectionString, namespace: 'benchrun' };
    await withDeployment({ ...base, actionDelayMs: 300, intuneWriteLimit: false, state }, async (desk) => {
      results.storage = await measureTurnCost(' (Azure Storage)', desk, secondEcho, agents);
    });
  } finally {
    await secondEcho.stop();
    await azurite.stop();
  }

  // 3: Intune's real pace (2 s and 20 s), with its write limit.
  for (const delay of PLAN.passcodeDelays) {
    log(`3. time to passcode with a ${delay / 1000} s Intune delay`);
    await withDeployment({ ...base, actionDelayMs: delay, intuneWriteLimit: true }, async (d) => {
      const flows = agentsFrom(PLAN.agents - 10, PLAN.passcodeFlows(delay));
      results.passcode.push({ actionDelayMs: delay, timing: await timeToPasscode(d, flows, targetOf, delay, 250) });
    });
  }

  // 4: many resets in flight at Intune's slow pace, on a fresh tenant (an empty write window).
  const budgetDelay = Math.max(...PLAN.passcodeDelays);
  log(`4. Intune budget: ${PLAN.budgetResets} resets in flight, Intune delay ${budgetDelay / 1000} s`);
  await withDeployment({ ...base, actionDelayMs: budgetDelay, intuneWriteLimit: true }, async (d) => {
    results.budget = { ...(await intuneBudget(d, agentsFrom(0, PLAN.budgetResets), targetOf, budgetDelay)), actionDelayMs: budgetDelay };
  });

  // 5: a fresh process, then many conversations.
  log(`5. memory after ${PLAN.memoryConversations} conversations`);
  await withDeployment({ ...base, actionDelayMs: 300, intuneWriteLimit: false }, async (d) => {
    const memory = await memoryAfterConversations(d, agentsFrom(0, PLAN.memoryConversations), targetOf, PLAN.memoryConcurrency);
    results.memory = { ...memory, echoIdle };
  });
  log(`5. the same with Node's default options, for comparison`);
  await withDeployment({ ...base, actionDelayMs: 300, intuneWriteLimit: false, nodeOptions: [] }, async (d) => {
    results.memoryWithNodeDefaults = await memoryAfterConversations(d, agentsFrom(0, PLAN.memoryConversations), targetOf, PLAN.memoryConcurrency);
  });

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
