import type { BenchResults } from './report';

/**
 * Plain-language reading of the figures: where a goal is missed, by how much, and what would
 * bring the figure down. Derived from the measurements of this run, so it stays true on rerun.
 */
export function findings(r: BenchResults): string[] {
  const notes: string[] = [];
  const warm = r.roundTrips.find((x) => x.scenario === 'UPN given, 1:1' && x.cache.startsWith('warm'));
  const cold = r.roundTrips.find((x) => x.scenario === 'UPN given, 1:1' && x.cache.startsWith('cold ('));
  if (warm) {
    const k = warm.trips.byKind;
    const calls = Object.entries(k)
      .filter(([kind]) => kind !== 'token' && kind !== 'entraOther')
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    if (warm.trips.graph > 3) {
      const ideas: string[] = [];
      const membership = k.checkMemberGroups ?? 0;
      if ((k.userSearch ?? 0) > 0 && (k.userDevices ?? 0) > 0) {
        ideas.push(
          'when a UPN is given, the user lookup and the device list do not depend on each other (`/users/{upn}/managedDevices` takes the UPN), so one `$batch` can carry both' +
            (membership > 0 ? ' and the membership check' : '') +
            ' — one round trip to start the flow',
        );
      }
      if (membership > 0) ideas.push(`the membership check still runs ${membership}× in a warm reset: answer it from the flow's own check (or a short cache) on Yes`);
      if ((k.resultRead ?? 0) > 1) ideas.push(`${k.resultRead} result reads although Intune finished before the first one: read once, later`);
      notes.push(`Round trips: a warm reset with the UPN given takes ${warm.trips.graph} Graph round trips (${calls}), not 3. What would bring it to 3: ${ideas.join('; ')}; then the POST and one result read.`);
    } else {
      notes.push(`Round trips: a warm reset with the UPN given takes ${warm.trips.graph} Graph round trips (${calls}); goal 3.`);
    }
    if (warm.trips.token > 0) notes.push(`A warm reset still made ${warm.trips.token} token request(s): the token cache is not reused.`);
  }
  if (cold && warm) {
    const extraMembership = (cold.trips.byKind.checkMemberGroups ?? 0) - (warm.trips.byKind.checkMemberGroups ?? 0);
    if (extraMembership > 0) {
      notes.push(
        extraMembership === 1
          ? "The agent's first reset (cold) adds one helpdesk membership check and the on-behalf-of token request to a warm one: later resets within a minute are answered from the membership cache (`src/adapters/graph/membership-cache.ts`), which also lets the resumed request and the conversation recorder, asking at the same moment right after the sign-in, share one answer."
          : `The agent's first reset (cold) makes ${extraMembership} more membership checks than a warm one, besides the on-behalf-of token request: parts asking at the same moment should share one answer of the membership cache (\`src/adapters/graph/membership-cache.ts\`).`,
      );
    }
  }
  const cpu = (cost: { botCpuMs?: number; turns: { count: number } }) => (cost.botCpuMs ?? Number.NaN) / Math.max(cost.turns.count, 1);
  const missed: string[] = [];
  for (const [label, levels] of [['', r.help], [', Azure Storage', r.storage?.help ?? []]] as const) {
    for (const h of levels) {
      const p50 = h.desk.turns.percentile(50);
      const base = h.echo.turns.percentile(50);
      if (p50 > 1.5 * base) {
        missed.push(`${h.concurrency} concurrent${label}: p50 ${p50.toFixed(1)} ms vs ${base.toFixed(1)} ms (${(p50 / base).toFixed(2)}×), CPU per turn ${cpu(h.desk).toFixed(2)} vs ${cpu(h.echo).toFixed(2)} ms (${(cpu(h.desk) / cpu(h.echo)).toFixed(2)}×)`);
      }
    }
  }
  const cheaper = r.help.filter((h) => h.desk.turns.percentile(50) < h.echo.turns.percentile(50));
  if (cheaper.length) {
    notes.push(
      `Help turns cost less than the echo bot's at ${cheaper.map((h) => h.concurrency).join(', ')} concurrent. The echo bot is botbuilder as it comes: its CloudAdapter builds a new Bot Connector client (an HTTP pipeline with its credentials) for every turn. Passcode Desk reuses one client per service URL (\`src/server/reused-connector-clients.ts\`) and answers help without reading or writing state, so the help text it sends (about 1 kB, against the echo's few bytes) costs it less than the echo bot spends on a fresh client.`,
    );
  }
  if (missed.length) {
    notes.push(
      `Help turns above 1.5× the echo bot — ${missed.join('; ')}. ` +
        'Beyond an echo, a help turn checks the tenant, parses the command, sends a help text of about 1 kB (the echo\'s reply is a few bytes, so more to build, serialize and write) and checks whether the 1:1 conversation needs recording; it reads no dialog state and, once the conversation is recorded, writes nothing, in memory or in Azure Storage. At 1 concurrent the costs are close; at 50 and 200 the cores are saturated and the latency ratio follows the CPU ratio, so other work on the machine during the run shows here first: compare the CPU ratio, and the load average in the settings.',
    );
  }
  for (const p of r.passcode) {
    const worst = p.timing.afterDone.max;
    if (worst > 1500) {
      notes.push(
        `Time to passcode with a ${p.actionDelayMs / 1000} s Intune delay: worst ${Math.round(worst)} ms after Intune's done (goal 1.5 s). The result is read 1 s after the POST and then every 1.5 s, so the wait alone can reach 1.5 s before delivery is added; a 1 s read interval (or a read timed from Intune's expected finish) would keep it under the goal.`,
      );
    }
  }
  if (r.budget) {
    const b = r.budget;
    if (b.intuneReads > 2000) {
      notes.push(
        `Intune budget: with ${b.resets} resets in flight the busiest 20 s held ${b.intuneReads} Intune reads, over the 2,000 per app (${(b.intuneReads / 2000).toFixed(2)}×). Polling is per flow — each running reset reads its own device every 1.5 s, ${b.resultReads} result reads in that window — not shared nor paced per tenant. Follow-up: one poller per tenant that reads the results of all devices in flight with a shared pace (or reads per device at a pace derived from the number in flight), so reads stay under the limit whatever the number of resets.`,
      );
    } else {
      notes.push(`Intune budget: ${b.intuneReads} reads and ${b.intuneWrites} writes in the busiest 20 s with ${b.resets} resets in flight (limits 2,000 and 200).`);
    }
    if (b.afterDone.max > 1500) {
      notes.push(
        `Under that load (${b.resets} resets in flight) the passcode reached the agent up to ${Math.round(b.afterDone.max)} ms after Intune's done (p50 ${Math.round(b.afterDone.percentile(50))} ms), over the 1.5 s the goal sets for one flow (met above): on top of the 1.5 s read interval, result reads queue for the process's Intune read pacing when this many resets share it, and the bot is busy.`,
      );
    }
    if (b.intuneWrites >= 200) {
      notes.push(
        `Writes: ${b.intuneWrites} resetPasscode POSTs in 20 s is Intune's limit itself; one more reset within the window is answered 429 and resent after Retry-After by the reset rule (${b.throttled} 429 answers in this run).`,
      );
    }
  }
  if (r.memory) {
    const m = r.memory;
    const mbOf = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    const peak = Math.max(m.after.rss, ...m.along.map((x) => x.reading.rss));
    const heapGrowth = (m.after.heapUsed - m.idle.heapUsed) / Math.max(m.completed, 1) / 1024;
    if (m.after.rss >= 200 * 2 ** 20) {
      notes.push(
        `Memory: ${mbOf(m.after.rss)} MB RSS right after ${m.completed} conversations, over the 200 MB goal; ${mbOf(m.settled.rss)} MB after ${m.idleMs / 1000} s idle${m.settled.rss < 200 * 2 ** 20 ? ', under it' : ''} (peak along the way ${mbOf(peak)} MB). ` +
          `Of that, ${mbOf(m.idle.rss)} MB is the idle process (the bare echo bot alone takes ${mbOf(m.echoIdle.rss)} MB: botbuilder, restify and their dependencies). ` +
          `The JavaScript heap grows by about ${heapGrowth.toFixed(0)} kB per conversation (${mbOf(m.after.heapUsed - m.idle.heapUsed)} MB in all: flows, token sessions, audit records and in-flight entries, which production keeps in Azure Storage, plus code compiled on first use). ` +
          `The rest right after the run is memory the process took at its busiest (${m.concurrency} conversations at once) and has not handed back yet: V8 keeps its young generation at full size and returns the pages a collection freed a moment later (heap reserved ${mbOf(m.after.heapTotal)} MB right after, ${mbOf(m.settled.heapTotal)} MB once idle), and the C allocator keeps freed socket and TLS buffers. Graph and Entra calls share a pool of 32 connections per origin (\`src/adapters/outbound/connection-pool.ts\`) so that a burst does not open hundreds of TLS connections.`,
      );
    } else {
      const d = r.memoryWithNodeDefaults;
      notes.push(
        `Memory: ${mbOf(m.after.rss)} MB RSS right after ${m.completed} conversations (goal < 200 MB; peak along the way ${mbOf(peak)} MB, ${mbOf(m.settled.rss)} MB after ${m.idleMs / 1000} s idle). ` +
          `Of that, ${mbOf(m.idle.rss)} MB is the idle process (the bare echo bot alone takes ${mbOf(m.echoIdle.rss)} MB). The JavaScript heap grows by about ${heapGrowth.toFixed(0)} kB per conversation: flows, token sessions, audit records and in-flight entries, which production keeps in Azure Storage, plus code compiled on first use.` +
          (d
            ? ` The same run with Node's default options ends at ${mbOf(d.after.rss)} MB (${mbOf(d.settled.rss)} MB once idle): by default V8 keeps a 32 MB young generation and lets the old one grow up to fourfold between full collections, so at the busiest moment (${d.concurrency} conversations at once) garbage and the native buffers it holds pile up, and the memory stays with the process for a while. \`npm start\` therefore runs Node with a smaller young generation and a slower-growing heap (\`--max-semi-space-size\`, \`--heap-growing-percent\`); the CPU this costs shows in section 2, where Passcode Desk runs with the same options.`
            : ''),
      );
    }
  }
  return notes;
}
