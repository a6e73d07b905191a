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
    const membership = k.checkMemberGroups ?? 0;
    if (warm.trips.graph > 3) {
      notes.push(
        `Round trips: a warm reset with the UPN given takes ${warm.trips.graph} Graph round trips, not 3: ` +
          `the helpdesk membership check (\`checkMemberGroups\`) runs ${membership}× (when the request starts and again on Yes), ` +
          `then the user lookup (${k.userSearch ?? 0}), the device list (${k.userDevices ?? 0}), the POST (${k.resetPost ?? 0}) and the result read (${k.resultRead ?? 0}) each go on their own. ` +
          'What would bring it to 3: (1) when a UPN is given, send the membership check, the user lookup and `/users/{upn}/managedDevices` as one `$batch` (they do not depend on each other), one round trip to start; ' +
          '(2) on Yes, reuse the membership answer from the start of the same flow when it is a few minutes old at most (or cache it per agent for a short time) instead of asking again; ' +
          'then POST plus one result read makes 3. Without the cache but with the batch it would be 4.',
      );
    } else {
      notes.push(`Round trips: a warm reset with the UPN given takes ${warm.trips.graph} Graph round trips (goal 3).`);
    }
    if (warm.trips.token > 0) notes.push(`A warm reset still made ${warm.trips.token} token request(s): the token cache is not reused.`);
  }
  if (cold && warm) {
    const extraMembership = (cold.trips.byKind.checkMemberGroups ?? 0) - (warm.trips.byKind.checkMemberGroups ?? 0);
    if (extraMembership > 0) {
      notes.push(
        `The agent's first reset (cold) makes ${extraMembership} more membership check${extraMembership > 1 ? 's' : ''} than a warm one, besides the on-behalf-of token request: the sign-in path checks membership again before the request it resumes does.`,
      );
    }
  }
  for (const h of r.help) {
    const p50 = h.desk.turns.percentile(50);
    const base = h.echo.turns.percentile(50);
    if (p50 > 1.5 * base) {
      notes.push(
        `Help turn at ${h.concurrency} concurrent: p50 ${p50.toFixed(2)} ms against the echo bot's ${base.toFixed(2)} ms (${(p50 / base).toFixed(2)}×, goal 1.5×).`,
      );
    }
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
        `Memory: ${mbOf(m.after.rss)} MB RSS after ${m.completed} conversations (${mbOf(m.settled.rss)} MB after ${m.idleMs / 1000} s idle; peak along the way ${mbOf(peak)} MB), over the 200 MB goal. ` +
          `Of that, ${mbOf(m.idle.rss)} MB is the idle process (the bare echo bot alone takes ${mbOf(m.echoIdle.rss)} MB: botbuilder, restify and their dependencies). ` +
          `The JavaScript heap grows by about ${heapGrowth.toFixed(0)} kB per conversation (${mbOf(m.after.heapUsed)} MB in all), so most of the rest is memory the process took at its busiest (${m.concurrency} conversations at once: TLS connections, on-behalf-of exchanges, card rendering) and has not handed back, rather than state kept per conversation.`,
      );
    }
  }
  return notes;
}
