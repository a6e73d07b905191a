import type { RoundTripRow } from './phases/round-trips';
import type { IntuneBudget } from './phases/intune-budget';
import type { MemoryResult } from './phases/memory';
import type { PasscodeTiming } from './phases/time-to-passcode';
import { turnsPerSecond, type TurnCost } from './phases/turn-cost';
import type { MemoryReading } from './bots';

/** One concurrency level of section 2: Passcode Desk and the echo bot under the same load. */
export interface Level {
  concurrency: number;
  desk: TurnCost;
  echo: TurnCost;
}

/** Everything one run measured, as written to docs/benchmark.md. */
export interface BenchResults {
  startedAt: string;
  durationMs: number;
  machine: Record<string, string>;
  settings: Record<string, string>;
  roundTrips: RoundTripRow[];
  help: Level[];
  conversations: Level[];
  /** Section 2 again with the state in Azure Storage (Azurite). */
  storage?: { help: Level[]; conversations: Level[] };
  passcode: Array<{ actionDelayMs: number; timing: PasscodeTiming }>;
  budget?: IntuneBudget & { actionDelayMs: number };
  memory?: MemoryResult & { echoIdle: MemoryReading };
  /** Section 5 again with Node's default options instead of those of `npm start`. */
  memoryWithNodeDefaults?: MemoryResult;
  notes: string[];
}

const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)} ms` : 'n/a');
const ratio = (value: number, base: number, digits = 2) =>
  Number.isFinite(value) && Number.isFinite(base) && base > 0 ? `${(value / base).toFixed(digits)}×` : 'n/a';
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const perSecond = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)}/s`;
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
/** The bot's CPU time per turn, ms. */
const cpuPerTurn = (cost: TurnCost) => (cost.botCpuMs ?? Number.NaN) / Math.max(cost.turns.count, 1);

function row(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}

function table(head: string[], rows: Array<Array<string | number>>): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

const tripsOf = (r: RoundTripRow) =>
  Object.entries(r.trips.byKind)
    .filter(([kind]) => kind !== 'token' && kind !== 'entraOther')
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');

function helpTable(levels: Level[]): string {
  return table(
    ['concurrent', 'bot', 'turns', 'p50', 'p99', 'turns/s', 'bot CPU per turn', 'p50 ratio', 'p99 ratio', 'turns/s ratio', 'CPU ratio', 'failed'],
    levels.flatMap((h) => [
      [h.concurrency, 'echo bot (baseline)', h.echo.turns.count, ms(h.echo.turns.percentile(50)), ms(h.echo.turns.percentile(99)), perSecond(turnsPerSecond(h.echo)), ms(cpuPerTurn(h.echo)), '1.00×', '1.00×', '1.00×', '1.00×', h.echo.failures],
      [
        h.concurrency,
        'Passcode Desk',
        h.desk.turns.count,
        ms(h.desk.turns.percentile(50)),
        ms(h.desk.turns.percentile(99)),
        perSecond(turnsPerSecond(h.desk)),
        ms(cpuPerTurn(h.desk)),
        ratio(h.desk.turns.percentile(50), h.echo.turns.percentile(50)),
        ratio(h.desk.turns.percentile(99), h.echo.turns.percentile(99)),
        ratio(turnsPerSecond(h.desk), turnsPerSecond(h.echo)),
        ratio(cpuPerTurn(h.desk), cpuPerTurn(h.echo)),
        h.desk.failures,
      ],
    ]),
  );
}

function conversationTable(levels: Level[]): string {
  return table(
    ['concurrent', 'bot', 'conversations', 'turns', 'turn p50', 'turn p99', 'turns/s', 'bot CPU per turn', 'turn p50 ratio', 'turn p99 ratio', 'CPU ratio', 'conversation p50', 'conversation p99', 'failed'],
    levels.flatMap((c) => [
      [c.concurrency, 'echo bot (baseline)', c.echo.turns.count / 2, c.echo.turns.count, ms(c.echo.turns.percentile(50)), ms(c.echo.turns.percentile(99)), perSecond(turnsPerSecond(c.echo)), ms(cpuPerTurn(c.echo)), '1.00×', '1.00×', '1.00×', '—', '—', c.echo.failures],
      [
        c.concurrency,
        'Passcode Desk',
        c.desk.conversations?.count ?? 0,
        c.desk.turns.count,
        ms(c.desk.turns.percentile(50)),
        ms(c.desk.turns.percentile(99)),
        perSecond(turnsPerSecond(c.desk)),
        ms(cpuPerTurn(c.desk)),
        ratio(c.desk.turns.percentile(50), c.echo.turns.percentile(50)),
        ratio(c.desk.turns.percentile(99), c.echo.turns.percentile(99)),
        ratio(cpuPerTurn(c.desk), cpuPerTurn(c.echo)),
        ms(c.desk.conversations?.percentile(50) ?? Number.NaN),
        ms(c.desk.conversations?.percentile(99) ?? Number.NaN),
        c.desk.failures,
      ],
    ]),
  );
}

/** The markdown file: a summary against the goals, then each measurement in detail. */
export function renderReport(r: BenchResults): string {
  const out: string[] = [];
  out.push('# Benchmark');
  out.push('');
  out.push(
    `Written by \`npm run bench\` (${r.startedAt}, ${(r.durationMs / 60_000).toFixed(1)} minutes). Everything runs on this machine over loopback: the simulated tenant and a Teams connector stand-in in the bench process, Passcode Desk and a bare botbuilder echo bot each in their own Node process (same restify + CloudAdapter stack). Figures are from one run; rerun to compare (\`npm run bench\`, about 5 minutes on 2 cores; \`npm run bench -- --quick --out FILE\` for a smoke run).`,
  );
  out.push('');
  out.push('## Machine');
  out.push('');
  out.push(table(['', ''], Object.entries(r.machine)));
  out.push('');
  out.push('## Settings of this run');
  out.push('');
  out.push(table(['', ''], Object.entries(r.settings)));
  out.push('');

  // Summary
  const warmUpn = r.roundTrips.find((x) => x.scenario === 'UPN given, 1:1' && x.cache.startsWith('warm'));
  out.push('## Summary against the goals');
  out.push('');
  const summary: Array<Array<string | number>> = [];
  if (warmUpn) {
    summary.push([
      'Graph round trips, warm, UPN given, one eligible device',
      `${warmUpn.trips.graph} (+${warmUpn.trips.token} token)`,
      'goal 3, no token request',
      ratio(warmUpn.trips.graph, 3),
      verdict(warmUpn.trips.graph <= 3 && warmUpn.trips.token === 0),
    ]);
  }
  for (const h of r.help) {
    const p50 = h.desk.turns.percentile(50);
    const base = h.echo.turns.percentile(50);
    summary.push([`Help turn p50 at ${h.concurrency} concurrent`, ms(p50), `echo bot ${ms(base)}; goal ≤ 1.5×`, ratio(p50, base, 3), verdict(p50 <= 1.5 * base)]);
  }
  for (const h of r.storage?.help ?? []) {
    const p50 = h.desk.turns.percentile(50);
    const base = h.echo.turns.percentile(50);
    summary.push([`Help turn p50 at ${h.concurrency} concurrent, state in Azure Storage (Azurite)`, ms(p50), `echo bot ${ms(base)}; goal ≤ 1.5×`, ratio(p50, base, 3), verdict(p50 <= 1.5 * base)]);
  }
  for (const p of r.passcode) {
    const worst = p.timing.afterDone.max;
    summary.push([`Time to passcode after Intune's done (Intune delay ${p.actionDelayMs / 1000} s), worst of ${p.timing.afterDone.count}`, ms(worst), 'goal ≤ 1.5 s', ratio(worst, 1500), verdict(worst <= 1500)]);
  }
  if (r.budget) {
    summary.push([`Intune reads in the busiest 20 s, ${r.budget.resets} resets in flight`, r.budget.intuneReads, 'limit 2,000 per app', ratio(r.budget.intuneReads, 2000), verdict(r.budget.intuneReads <= 2000)]);
    summary.push([`Intune writes in the busiest 20 s, ${r.budget.resets} resets in flight`, r.budget.intuneWrites, 'limit 200 per app', ratio(r.budget.intuneWrites, 200), verdict(r.budget.intuneWrites <= 200)]);
  }
  if (r.memory) {
    summary.push([`RSS after ${r.memory.completed} conversations each did a reset`, mb(r.memory.after.rss), 'goal < 200 MB', ratio(r.memory.after.rss, 200 * 2 ** 20), verdict(r.memory.after.rss < 200 * 2 ** 20)]);
    summary.push([`the same after ${r.memory.idleMs / 1000} s idle`, mb(r.memory.settled.rss), 'goal < 200 MB', ratio(r.memory.settled.rss, 200 * 2 ** 20), verdict(r.memory.settled.rss < 200 * 2 ** 20)]);
  }
  out.push(table(['measure', 'figure', 'baseline / goal', 'ratio', 'goal'], summary));
  out.push('');

  out.push('## 1. Graph round trips per reset');
  out.push('');
  out.push(
    'Counted in the simulator\'s request log while nothing else ran, from the agent\'s message to the passcode card (plus 0.6 s for late calls). Intune finishes a reset in 0.3 s here ("answers promptly"), so one result read is enough. A `$batch` would count once. Token = requests to the token endpoint (SSO exchange, on-behalf-of); "other Entra" = the identity platform\'s discovery documents.',
  );
  out.push('');
  out.push(
    table(
      ['scenario', 'token cache', 'Graph round trips', 'token requests', 'other Entra', 'Graph calls'],
      r.roundTrips.map((x) => [x.scenario, x.cache, x.trips.graph, x.trips.token, x.trips.entraOther, tripsOf(x)]),
    ),
  );
  out.push('');

  out.push('## 2. Turn cost: Passcode Desk against a bare echo bot');
  out.push('');
  out.push(
    'A turn is one `POST /api/messages`, timed until its HTTP answer, i.e. after the bot\'s reply went through the connector stand-in. Each concurrent conversation is its own agent in their own 1:1 chat, sending its next activity as soon as the last one was answered. "Bot CPU per turn" is the CPU time of the bot\'s own process divided by the turns: the cost of a turn independent of how busy the load generator, the connector stand-in and the simulator (all in the bench process, on the same 2 cores) were.',
  );
  out.push('');
  out.push('### Help message');
  out.push('');
  out.push('Each bot is measured twice per level, alternating (echo, Passcode Desk, echo, Passcode Desk), and the two halves are pooled, so drift on the machine falls on both. When the cores are saturated (50 and 200 concurrent), latency is mostly queueing and varies from run to run; turns/s and CPU per turn are the steadier figures.');
  out.push('');
  out.push(helpTable(r.help));
  out.push('');
  out.push('### Full reset conversation');
  out.push('');
  out.push(
    'Passcode Desk: the agent (signed in before) asks for a reset by UPN, presses Yes (with a reason), and waits for the passcode in the 1:1: two HTTP turns, each including the Graph calls made in it; the passcode arrives after Intune\'s 0.3 s plus the first result read (1 s after the POST). The echo bot gets the same two activities. Conversations/s is bounded by that wait, so the turn latencies and the CPU per turn are the comparable figures.',
  );
  out.push('');
  out.push(conversationTable(r.conversations));
  out.push('');
  if (r.storage) {
    out.push('### With Azure Storage (Azurite)');
    out.push('');
    out.push(
      'The same, with Passcode Desk keeping its state where production does: Azure Storage (dialog state in blobs; flows, counters, audit, conversation references in tables and blobs). A help turn needs none of it: help is answered without reading the dialog state (`src/dialogs/main-dialog.ts`), and a 1:1 conversation reference is written only when it changed, when a membership answer is due, or when this instance wrote it more than 15 minutes ago (`src/bot/notifications/conversation-recorder.ts`), so once warmed up a help turn makes no storage round trip. The turns of a reset conversation load (and, when it changed, save) the dialog state and read and write the flow. Beside it runs a fresh echo bot, so both processes have the same history. Azurite runs on this machine, so every turn\'s storage round trips are loopback calls to a third process sharing the same 2 cores; against Azure Storage in the same region each would instead take a few milliseconds of network.',
    );
    out.push('');
    out.push(helpTable(r.storage.help));
    out.push('');
    out.push(conversationTable(r.storage.conversations));
    out.push('');
  }

  out.push('## 3. Time to passcode');
  out.push('');
  out.push(
    'From the moment the simulated Intune marks the reset done (its start time plus the configured delay) to the passcode card reaching the Teams stand-in. The bot reads the result 1 s after the POST, then every 1.5 s.',
  );
  out.push('');
  out.push(
    table(
      ['Intune delay', 'resets', 'p50', 'worst', 'goal', 'worst / goal', 'failed'],
      r.passcode.map((p) => [`${p.actionDelayMs / 1000} s`, p.timing.afterDone.count, ms(p.timing.afterDone.percentile(50)), ms(p.timing.afterDone.max), '≤ 1.5 s', ratio(p.timing.afterDone.max, 1500), p.timing.failures]),
    ),
  );
  out.push('');

  if (r.budget) {
    const b = r.budget;
    out.push('## 4. Intune request budget');
    out.push('');
    out.push(
      `${b.resets} agents press Yes at once (each signed in first, each on their own employee's phone); Intune takes ${b.actionDelayMs / 1000} s per reset, so all ${b.resets} are in flight together. Counted in the busiest 20 s window of the simulator's log (Intune's limits are per app and tenant per 20 s). Intune requests are those on \`managedDevices\`; the reads include each flow's device list and its result reads.`,
    );
    out.push('');
    out.push(
      table(
        ['in the busiest 20 s', 'requests', 'Intune limit', 'ratio'],
        [
          ['Intune reads', b.intuneReads, '2,000', ratio(b.intuneReads, 2000)],
          ['of which result reads (polling)', b.resultReads, '', ''],
          ['Intune writes (resetPasscode)', b.intuneWrites, '200', ratio(b.intuneWrites, 200)],
          ['all Graph requests', b.allGraph, '', ''],
        ],
      ),
    );
    out.push('');
    out.push(
      `Passcodes delivered: ${b.delivered} of ${b.resets} in ${(b.wallMs / 1000).toFixed(1)} s; 429 answers: ${b.throttled}; time to passcode after done under this load: p50 ${ms(b.afterDone.percentile(50))}, worst ${ms(b.afterDone.max)}.`,
    );
    out.push('');
  }

  if (r.memory) {
    const m = r.memory;
    const d = r.memoryWithNodeDefaults;
    out.push('## 5. Memory');
    out.push('');
    out.push(
      `A fresh Passcode Desk process, started with the Node options of \`npm start\`; ${m.conversations} agents each sign in and reset one phone in their own 1:1 (${m.concurrency} at a time, ${(m.wallMs / 1000).toFixed(1)} s). Read in the bot's process after a full garbage collection. All state in the bot's memory (the worst case: with Azure Storage configured, flows and dialog state live there).` +
        (d ? ` Then, for comparison, the same run on a fresh process with Node's default options.` : ''),
    );
    out.push('');
    out.push(
      table(
        ['', 'RSS', 'heap used', 'heap reserved', 'external'],
        [
          ['echo bot, idle (reference)', mb(m.echoIdle.rss), mb(m.echoIdle.heapUsed), mb(m.echoIdle.heapTotal), mb(m.echoIdle.external)],
          ['Passcode Desk, idle after start', mb(m.idle.rss), mb(m.idle.heapUsed), mb(m.idle.heapTotal), mb(m.idle.external)],
          ...m.along.map((x) => [`Passcode Desk after ${x.done} conversations (while running)`, mb(x.reading.rss), mb(x.reading.heapUsed), mb(x.reading.heapTotal), mb(x.reading.external)]),
          [`Passcode Desk after ${m.completed} conversations`, mb(m.after.rss), mb(m.after.heapUsed), mb(m.after.heapTotal), mb(m.after.external)],
          [`the same, after ${m.idleMs / 1000} s idle`, mb(m.settled.rss), mb(m.settled.heapUsed), mb(m.settled.heapTotal), mb(m.settled.external)],
          ...(d
            ? [
                [`with Node's default options: idle after start`, mb(d.idle.rss), mb(d.idle.heapUsed), mb(d.idle.heapTotal), mb(d.idle.external)],
                [`with Node's default options: after ${d.completed} conversations`, mb(d.after.rss), mb(d.after.heapUsed), mb(d.after.heapTotal), mb(d.after.external)],
                [`with Node's default options: after ${d.idleMs / 1000} s idle`, mb(d.settled.rss), mb(d.settled.heapUsed), mb(d.settled.heapTotal), mb(d.settled.external)],
              ]
            : []),
        ],
      ),
    );
    out.push('');
    const unfinished = (run: MemoryResult, label: string) => {
      if (run.completed >= run.conversations) return;
      out.push(`${run.conversations - run.completed} of ${run.conversations} conversations${label} did not finish; first reasons: ${run.errors.map((e) => `\`${e.replace(/`/g, "'")}\``).join('; ')}.`);
      out.push('');
    };
    unfinished(m, '');
    if (d) unfinished(d, " (with Node's default options)");
    out.push(`Growth: ${mb(m.after.rss - m.idle.rss)} RSS, ${mb(m.after.heapUsed - m.idle.heapUsed)} heap for ${m.completed} conversations (${((m.after.heapUsed - m.idle.heapUsed) / Math.max(m.completed, 1) / 1024).toFixed(1)} kB of heap each).`);
    out.push('');
  }

  if (r.notes.length) {
    out.push('## Findings and notes');
    out.push('');
    for (const note of r.notes) out.push(`- ${note}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
