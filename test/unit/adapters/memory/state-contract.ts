import assert from 'node:assert/strict';
import type { AppSettingsStore, ConversationDirectory } from '../../../../src/ports/app-settings-store';
import type { AuditLog } from '../../../../src/ports/audit-log';
import type { Counters } from '../../../../src/ports/counters';
import type { FlowStore } from '../../../../src/ports/flow-store';
import type { InFlightStore } from '../../../../src/ports/in-flight-store';
import type { RequestStore } from '../../../../src/ports/request-store';
import { aResetFlow } from '../../../fakes';
import type { MemoryLogger } from '../../../fakes';
import { aRequest, anAuditRecord, anInFlight, minute } from './state-builders';

/** The state ports under test, with the logger that receives the audit lines. */
export interface StateUnderTest {
  flows: FlowStore;
  requests: RequestStore;
  counters: Counters;
  inFlight: InFlightStore;
  appSettings: AppSettingsStore;
  conversations: ConversationDirectory;
  audit: AuditLog;
  logger: MemoryLogger;
}

/**
 * The behaviour every implementation of the state ports shares, run against the memory fakes
 * (unit) and against Azure Storage on Azurite, so the fakes cannot drift from the real thing.
 * `fresh` gives stores with nothing in them.
 */
export function stateContract(fresh: () => Promise<StateUnderTest>): void {
  let s: StateUnderTest;
  beforeEach(async () => {
    s = await fresh();
  });

  describe('flows', () => {
    // One device for every flow of a test (the builder numbers devices on each call).
    let base: ReturnType<typeof aResetFlow>;
    beforeEach(() => {
      base = aResetFlow();
    });
    const flow = (overrides: Partial<typeof base> = {}) => ({ ...base, ...overrides });
    it('a created flow reads back equal, and an unknown id reads as nothing', async () => {
      await s.flows.create(flow());
      assert.deepEqual(await s.flows.get('flow-1'), flow());
      assert.equal(await s.flows.get('flow-unknown'), undefined);
    });

    it('creating a flow whose id exists fails and keeps the first', async () => {
      await s.flows.create(flow({ query: 'first' }));
      await assert.rejects(s.flows.create(flow({ query: 'second' })));
      assert.equal((await s.flows.get('flow-1'))?.query, 'first');
    });

    it('replace succeeds only from the current revision', async () => {
      await s.flows.create(flow());
      assert.equal(await s.flows.replace(flow({ revision: 2, state: 'resetting' }), 1), true);
      assert.equal(await s.flows.replace(flow({ revision: 2, state: 'cancelled' }), 1), false);
      assert.equal((await s.flows.get('flow-1'))?.state, 'resetting');
      assert.equal(await s.flows.replace(flow({ id: 'flow-none', revision: 2 }), 1), false);
    });

    it('two concurrent replaces from the same revision: exactly one wins', async () => {
      await s.flows.create(flow());
      const results = await Promise.all([
        s.flows.replace(flow({ revision: 2, state: 'resetting' }), 1),
        s.flows.replace(flow({ revision: 2, state: 'cancelled' }), 1),
      ]);
      assert.equal(results.filter(Boolean).length, 1);
    });
  });

  describe('requests', () => {
    it('a created request reads back equal; a second create with the same id fails', async () => {
      await s.requests.create(aRequest());
      assert.deepEqual(await s.requests.get('req-1'), aRequest());
      await assert.rejects(s.requests.create(aRequest({ justification: 'other' })));
      assert.equal((await s.requests.get('req-1'))?.justification, aRequest().justification);
      assert.equal(await s.requests.get('req-unknown'), undefined);
    });

    it('replace is a compare-and-set on the revision; two concurrent replaces: exactly one wins', async () => {
      await s.requests.create(aRequest());
      const results = await Promise.all([
        s.requests.replace(aRequest({ revision: 2, state: 'resetting', decidedBy: { oid: 'agent-1', name: 'Hana' } }), 1),
        s.requests.replace(aRequest({ revision: 2, state: 'resetting', decidedBy: { oid: 'agent-2', name: 'Ken' } }), 1),
      ]);
      assert.equal(results.filter(Boolean).length, 1);
      const stored = await s.requests.get('req-1');
      assert.equal(stored?.revision, 2);
      assert.equal(stored?.decidedBy?.oid, results[0] ? 'agent-1' : 'agent-2');
      assert.equal(await s.requests.replace(aRequest({ revision: 3 }), 1), false);
    });

    it("lists a requester's requests newest first, up to the limit, and no one else's", async () => {
      await s.requests.create(aRequest({ id: 'r-old', createdAt: minute(1) }));
      await s.requests.create(aRequest({ id: 'r-new', createdAt: minute(3) }));
      await s.requests.create(aRequest({ id: 'r-mid', createdAt: minute(2) }));
      await s.requests.create(aRequest({ id: 'r-bob', createdAt: minute(4), requester: { oid: 'user-bob', name: 'Bob' } }));
      assert.deepEqual((await s.requests.listByRequester('user-alice', 10)).map((r) => r.id), ['r-new', 'r-mid', 'r-old']);
      assert.deepEqual((await s.requests.listByRequester('user-alice', 2)).map((r) => r.id), ['r-new', 'r-mid']);
      assert.deepEqual((await s.requests.listByRequester('user-bob', 10)).map((r) => r.id), ['r-bob']);
      assert.deepEqual(await s.requests.listByRequester('user-nobody', 10), []);
    });

    it('a listed request shows its latest state', async () => {
      await s.requests.create(aRequest());
      await s.requests.replace(aRequest({ revision: 2, state: 'denied', denyReason: 'call us' }), 1);
      const [listed] = await s.requests.listByRequester('user-alice', 5);
      assert.equal(listed?.state, 'denied');
      assert.equal(listed?.denyReason, 'call us');
    });

    it('lists open requests oldest first, up to the limit; closed ones leave the list', async () => {
      await s.requests.create(aRequest({ id: 'r-2', createdAt: minute(2) }));
      await s.requests.create(aRequest({ id: 'r-1', createdAt: minute(1) }));
      await s.requests.create(aRequest({ id: 'r-3', createdAt: minute(3), requester: { oid: 'user-bob', name: 'Bob' } }));
      assert.deepEqual((await s.requests.listOpen(10)).map((r) => r.id), ['r-1', 'r-2', 'r-3']);
      assert.deepEqual((await s.requests.listOpen(2)).map((r) => r.id), ['r-1', 'r-2']);
      await s.requests.replace(aRequest({ id: 'r-1', createdAt: minute(1), revision: 2, state: 'expired' }), 1);
      assert.deepEqual((await s.requests.listOpen(10)).map((r) => r.id), ['r-2', 'r-3']);
    });

    it('a device slot goes to one request; only its holder frees it', async () => {
      assert.equal(await s.requests.claimDevice('device-1', 'req-1'), true);
      assert.equal(await s.requests.claimDevice('device-1', 'req-2'), false);
      assert.equal(await s.requests.claimDevice('device-1', 'req-1'), true, 'a retried claim by the holder');
      assert.equal(await s.requests.claimDevice('device-2', 'req-2'), true);
      await s.requests.releaseDevice('device-1', 'req-2');
      assert.equal(await s.requests.claimDevice('device-1', 'req-3'), false, 'a non-holder cannot free it');
      await s.requests.releaseDevice('device-1', 'req-1');
      assert.equal(await s.requests.claimDevice('device-1', 'req-3'), true);
      await s.requests.releaseDevice('device-unknown', 'req-1');
    });

    it('20 requests racing for one device: exactly one gets it', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => s.requests.claimDevice('device-race', `req-${i}`)));
      assert.equal(results.filter(Boolean).length, 1);
    });
  });

  describe('counters', () => {
    it('counts up to the limit, then refuses without counting', async () => {
      const seen = [];
      for (let i = 0; i < 4; i += 1) seen.push(await s.counters.incrementIfBelow('agent:a1', '2026-11-25T08', 3));
      assert.deepEqual(seen, [
        { allowed: true, count: 1 },
        { allowed: true, count: 2 },
        { allowed: true, count: 3 },
        { allowed: false, count: 3 },
      ]);
      assert.deepEqual(await s.counters.incrementIfBelow('agent:a1', '2026-11-25T09', 3), { allowed: true, count: 1 }, 'a new window starts at zero');
      assert.deepEqual(await s.counters.incrementIfBelow('agent:a2', '2026-11-25T08', 3), { allowed: true, count: 1 }, 'another key is separate');
    });

    it('50 concurrent increments with limit 20: exactly 20 allowed', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, () => s.counters.incrementIfBelow('selfService:u1', '2026-11-25', 20)));
      assert.equal(results.filter((r) => r.allowed).length, 20);
      assert.deepEqual(
        results.filter((r) => r.allowed).map((r) => r.count).sort((a, b) => a - b),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      assert.deepEqual(await s.counters.incrementIfBelow('selfService:u1', '2026-11-25', 20), { allowed: false, count: 20 });
    });

    it('a count taken back makes room again; it never goes below zero, and other windows keep theirs', async () => {
      for (let i = 0; i < 2; i += 1) await s.counters.incrementIfBelow('deviceReads:u1', '2026-11-25T08', 2);
      await s.counters.incrementIfBelow('deviceReads:u1', '2026-11-25T09', 2);
      await s.counters.decrement('deviceReads:u1', '2026-11-25T08');
      assert.deepEqual(await s.counters.incrementIfBelow('deviceReads:u1', '2026-11-25T08', 2), { allowed: true, count: 2 });
      await s.counters.decrement('deviceReads:u2', '2026-11-25T08');
      for (let i = 0; i < 3; i += 1) await s.counters.decrement('deviceReads:u1', '2026-11-25T08');
      assert.deepEqual(await s.counters.incrementIfBelow('deviceReads:u1', '2026-11-25T08', 2), { allowed: true, count: 1 });
      assert.deepEqual(await s.counters.incrementIfBelow('deviceReads:u2', '2026-11-25T08', 2), { allowed: true, count: 1 });
      assert.deepEqual(await s.counters.incrementIfBelow('deviceReads:u1', '2026-11-25T09', 2), { allowed: true, count: 2 });
    });
  });

  describe('in-flight resets', () => {
    it('an added entry reads back; a second add with the same id fails', async () => {
      await s.inFlight.add(anInFlight());
      const { etag, ...read } = (await s.inFlight.get('flow-1'))!;
      assert.ok(etag);
      assert.deepEqual(read, anInFlight());
      await assert.rejects(s.inFlight.add(anInFlight()));
      assert.equal(await s.inFlight.get('flow-none'), undefined);
    });

    it('lists pending entries oldest first, up to the limit', async () => {
      await s.inFlight.add(anInFlight({ id: 'b', postedAt: minute(2) }));
      await s.inFlight.add(anInFlight({ id: 'a', postedAt: minute(1) }));
      await s.inFlight.add(anInFlight({ id: 'c', postedAt: minute(3) }));
      assert.deepEqual((await s.inFlight.listPending(10)).map((e) => e.id), ['a', 'b', 'c']);
      assert.deepEqual((await s.inFlight.listPending(1)).map((e) => e.id), ['a']);
    });

    it('markDelivered succeeds once; a delivered entry is no longer pending', async () => {
      await s.inFlight.add(anInFlight());
      assert.equal(await s.inFlight.markDelivered('flow-1', minute(5)), true);
      assert.equal(await s.inFlight.markDelivered('flow-1', minute(6)), false);
      assert.equal((await s.inFlight.get('flow-1'))?.deliveredAt, minute(5));
      assert.deepEqual(await s.inFlight.listPending(10), []);
      assert.equal(await s.inFlight.markDelivered('flow-none', minute(6)), false);
    });

    it('two instances marking the same entry at once: exactly one delivers', async () => {
      await s.inFlight.add(anInFlight());
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => s.inFlight.markDelivered('flow-1', minute(i))));
      assert.equal(results.filter(Boolean).length, 1);
    });

    it('remove forgets the entry, pending or delivered, and ignores an unknown id', async () => {
      await s.inFlight.add(anInFlight({ id: 'p' }));
      await s.inFlight.add(anInFlight({ id: 'd' }));
      await s.inFlight.markDelivered('d', minute(1));
      await s.inFlight.remove('p');
      await s.inFlight.remove('d');
      await s.inFlight.remove('unknown');
      assert.equal(await s.inFlight.get('p'), undefined);
      assert.equal(await s.inFlight.get('d'), undefined);
      assert.deepEqual(await s.inFlight.listPending(10), []);
    });
  });

  describe('settings and conversations', () => {
    it('the approval channel is unset until set, then reads back', async () => {
      assert.equal(await s.appSettings.getApprovalChannel(), undefined);
      const channel = { reference: { conversation: { id: '19:x@thread.tacv2' } }, setBy: { oid: 'admin-1', name: 'Ada' }, setAt: minute(0) };
      await s.appSettings.setApprovalChannel(channel);
      assert.deepEqual(await s.appSettings.getApprovalChannel(), channel);
    });

    it('remembers 1:1 references and lists helpdesk members only', async () => {
      await s.conversations.remember('agent-1', { conversation: { id: 'a:1' } }, true);
      await s.conversations.remember('user-alice', { conversation: { id: 'a:2' } }, false);
      await s.conversations.remember('agent-2', { conversation: { id: 'a:3' } }, true);
      await s.conversations.remember('agent-1', { conversation: { id: 'a:1b' } });
      assert.deepEqual(await s.conversations.find('agent-1'), { conversation: { id: 'a:1b' } });
      assert.equal(await s.conversations.find('nobody'), undefined);
      const members = await s.conversations.helpdeskMembers(10);
      assert.deepEqual(members.map((m) => m.oid).sort(), ['agent-1', 'agent-2']);
      assert.deepEqual(members.find((m) => m.oid === 'agent-1')?.reference, { conversation: { id: 'a:1b' } }, 'kept membership, new reference');
      assert.equal((await s.conversations.helpdeskMembers(1)).length, 1);
      await s.conversations.remember('agent-2', { conversation: { id: 'a:3' } }, false);
      assert.deepEqual((await s.conversations.helpdeskMembers(10)).map((m) => m.oid), ['agent-1']);
    });
  });

  describe('audit', () => {
    it('forUser and recent read newest first, up to the limit', async () => {
      await s.audit.append(anAuditRecord({ id: 'a1', at: minute(1) }));
      await s.audit.append(anAuditRecord({ id: 'a3', at: minute(3), targetUser: { oid: 'user-bob' } }));
      await s.audit.append(anAuditRecord({ id: 'a2', at: minute(2), targetUser: undefined, onBehalfOf: { oid: 'user-alice' } }));
      await s.audit.append(anAuditRecord({ id: 'a4', at: minute(4) }));
      assert.deepEqual((await s.audit.forUser('user-alice', 20)).map((r) => r.id), ['a4', 'a2', 'a1']);
      assert.deepEqual((await s.audit.forUser('user-alice', 2)).map((r) => r.id), ['a4', 'a2']);
      assert.deepEqual((await s.audit.forUser('user-bob', 20)).map((r) => r.id), ['a3']);
      assert.deepEqual((await s.audit.recent(3)).map((r) => r.id), ['a4', 'a3', 'a2']);
    });

    it('a record reads back whole, with the day retention may remove it', async () => {
      await s.audit.append(anAuditRecord({ graphRequestId: 'g-1', intuneErrorCode: '0' }));
      const [read] = await s.audit.recent(1);
      assert.deepEqual(read, { ...anAuditRecord({ graphRequestId: 'g-1', intuneErrorCode: '0' }), expiresOn: '2027-11-25T08:00:00.000Z' });
    });

    it('a second append with the same id fails and does not overwrite', async () => {
      await s.audit.append(anAuditRecord({ outcome: 'done' }));
      await assert.rejects(s.audit.append(anAuditRecord({ outcome: 'tampered', at: minute(9) })));
      const all = await s.audit.recent(10);
      assert.deepEqual(all.map((r) => r.outcome), ['done']);
    });

    it('each record is also one structured `audit` log line', async () => {
      await s.audit.append(anAuditRecord({ id: 'a1', reason: 'INC-9' }));
      const lines = s.logger.lines.filter((line) => line.event === 'audit');
      assert.equal(lines.length, 1);
      assert.equal(lines[0]?.level, 'info');
      assert.equal(lines[0]?.fields.auditId, 'a1');
      assert.equal(lines[0]?.fields.kind, 'reset.succeeded');
      assert.equal(lines[0]?.fields.reason, 'INC-9');
      assert.equal(lines[0]?.fields.targetUserOid, 'user-alice');
      assert.equal(lines[0]?.fields.retentionDays, 365);
      assert.equal(lines[0]?.fields.expiresOn, '2027-11-25T08:00:00.000Z');
    });
  });
}
