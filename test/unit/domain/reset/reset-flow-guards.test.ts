import assert from 'node:assert/strict';
import { MemoryAuditLog } from '../../../../src/adapters/memory/memory-audit-log';
import { MemoryCounters } from '../../../../src/adapters/memory/memory-counters';
import { MemoryFlowStore } from '../../../../src/adapters/storage/memory-flow-store';
import type { Actor } from '../../../../src/domain/model';
import { RunningResets } from '../../../../src/domain/recovery/running-resets';
import { DefaultResetFlowService } from '../../../../src/domain/reset/reset-flow-service';
import type { ResetFlowServiceOptions } from '../../../../src/domain/reset/reset-flow-service';
import type { ResetFlow } from '../../../../src/domain/reset/reset-flow';
import { AGENT, FakeClock, FakeDirectory, FakeIntune, memoryLogger, user, windows10Mobile } from '../../../fakes';
import { FakeNotifier } from '../../../fakes/fake-notifier';
import { RecordingInFlightStore } from '../../../fakes/recording-state-stores';
import { rejection } from '../../../support/app-error';

const HELPDESK = 'group-helpdesk';
const OUTSIDER: Actor = { oid: 'employee-oid-9', name: 'Eve Employee', tenantId: 'tenant-1' };
const alice = user({ id: 'user-alice', displayName: 'Alice Smith' });
const alicePhone = windows10Mobile({ id: 'dev-alice-phone', deviceName: 'ALICE-LUMIA' });

function setup(overrides: Partial<ResetFlowServiceOptions> = {}) {
  const clock = new FakeClock();
  const intune = new FakeIntune(clock).addDevice(alice.id, alicePhone);
  const directory = new FakeDirectory({ users: [alice], groups: { [HELPDESK]: [AGENT.oid] } });
  const logger = memoryLogger();
  const audit = new MemoryAuditLog({ logger });
  const counters = new MemoryCounters();
  const inFlight = new RecordingInFlightStore();
  const notifier = new FakeNotifier();
  const running = new RunningResets();
  const flows = new MemoryFlowStore();
  let next = 0;
  const service = new DefaultResetFlowService({
    directory,
    intune,
    flows,
    clock,
    logger,
    helpdeskGroupId: HELPDESK,
    newId: () => `flow-${++next}`,
    audit,
    counters,
    agentMaxResetsPerHour: 2,
    inFlight,
    running,
    notifier,
    requireReason: true,
    ...overrides,
  });
  const start = (agent: Actor = AGENT) =>
    service.start({ agent, locale: 'en', query: 'alice', origin: { conversationId: 'conv-1' }, originIsPersonal: true });
  const click = (flow: ResetFlow) => ({ flowId: flow.id, revision: flow.revision, actorOid: AGENT.oid });
  /** One whole agent reset: start, confirm with a reason, execute. */
  const resetOnce = async (reason = 'INC-1001') => service.execute(await service.confirm(click(await start()), reason));
  return { clock, intune, directory, logger, audit, counters, inFlight, notifier, running, flows, service, start, click, resetOnce };
}

describe('agent reset guards', () => {
  describe('reason or ticket number', () => {
    it('confirming without a reason is refused and nothing changes', async () => {
      const { service, start, click } = setup();
      const flow = await start();

      assert.equal((await rejection(service.confirm(click(flow)))).code, 'reset.reasonRequired');
      assert.equal((await rejection(service.confirm(click(flow), '   '))).code, 'reset.reasonRequired');
      assert.equal((await service.get(flow.id))?.state, 'confirming');
    });

    it('an over-long reason is refused rather than cut', async () => {
      const { service, start, click } = setup();
      const flow = await start();
      assert.equal((await rejection(service.confirm(click(flow), 'x'.repeat(201)))).code, 'reset.reasonRequired');
    });

    it('the reason is trimmed, kept on the flow and in every audit record of the reset', async () => {
      const { service, start, click, audit } = setup();
      const claimed = await service.confirm(click(await start()), '  INC-4711\n caller verified ');

      assert.equal(claimed.reason, 'INC-4711 caller verified');
      await service.execute(claimed);
      const records = audit.all();
      assert.deepEqual(records.map((r) => r.kind), ['reset.started', 'reset.succeeded']);
      for (const record of records) {
        assert.equal(record.reason, 'INC-4711 caller verified');
        assert.equal(record.actor.oid, AGENT.oid);
        assert.equal(record.targetUser?.oid, alice.id);
        assert.deepEqual(record.device, { id: alicePhone.id, name: alicePhone.deviceName });
        assert.equal(record.flowId, claimed.id);
      }
    });

    it('without requireReason (older wiring) a reason is optional', async () => {
      const { service, start, click } = setup({ requireReason: false });
      assert.equal((await service.confirm(click(await start()))).state, 'resetting');
    });
  });

  describe('hourly limit per agent', () => {
    it('over the limit, the reset is refused, audited as refused, and no POST is sent', async () => {
      const { service, start, click, intune, audit } = setup();
      await setupResets(2);

      const flow = await start();
      const error = await rejection(service.confirm(click(flow), 'INC-3'));

      assert.equal(error.code, 'reset.rateLimited');
      assert.equal(intune.postCount(), 2);
      assert.equal((await service.get(flow.id))?.state, 'confirming');
      const refusal = audit.all().at(-1);
      assert.deepEqual([refusal?.kind, refusal?.outcome, refusal?.reason, refusal?.actor.oid], ['reset.refused', 'refused:reset.rateLimited', 'INC-3', AGENT.oid]);

      async function setupResets(n: number) {
        for (let i = 0; i < n; i++) await service.execute(await service.confirm(click(await start()), `INC-${i}`));
      }
    });

    it('the next clock hour, the agent may reset again', async () => {
      const { service, start, click, clock, resetOnce } = setup();
      await resetOnce();
      await resetOnce();
      clock.set('2026-11-25T09:00:00.000Z');
      assert.equal((await service.confirm(click(await start()), 'INC-9')).state, 'resetting');
    });
  });

  describe('audit, owner notice and in-flight record', () => {
    it('someone outside the helpdesk is refused and the refusal is audited', async () => {
      const { start, audit } = setup();
      assert.equal((await rejection(start(OUTSIDER))).code, 'access.notHelpdesk');
      assert.deepEqual(audit.all().map((r) => [r.kind, r.actor.oid, r.outcome]), [['reset.refused', OUTSIDER.oid, 'refused:access.notHelpdesk']]);
    });

    it('a successful reset tells the owner; a failing notice does not fail the reset', async () => {
      const { notifier, resetOnce } = setup();
      notifier.failWith = new Error('owner unreachable');

      const { flow, issued } = await resetOnce();

      assert.equal(flow.state, 'done');
      assert.ok(issued);
      assert.deepEqual(notifier.notices, [{ owner: { oid: alice.id, name: alice.displayName }, deviceName: alicePhone.deviceName, agentName: AGENT.name, outcome: 'newPasscode' }]);
    });

    it('a failed reset is audited with Intune’s error code and nobody is told the owner’s device changed', async () => {
      const { intune, audit, notifier, resetOnce } = setup();
      intune.setBehaviour(alicePhone.id, { finalState: 'failed', errorCode: 42 });

      const { flow } = await resetOnce();

      assert.equal(flow.state, 'failed');
      const record = audit.all().at(-1);
      assert.deepEqual([record?.kind, record?.outcome, record?.intuneErrorCode], ['reset.failed', 'failed:reset.failed', '42']);
      assert.deepEqual(notifier.notices, []);
    });

    it('the in-flight record is written before the POST and marked delivered after; it holds no passcode', async () => {
      const { inFlight, intune, running, resetOnce, logger, audit } = setup();

      const { flow, issued } = await resetOnce();

      const entry = await inFlight.get(flow.id);
      const post = intune.calls.find((c) => c.method === 'resetPasscode')!;
      assert.equal(entry?.kind, 'agentFlow');
      assert.equal(entry?.deviceId, alicePhone.id);
      assert.deepEqual(entry?.agent, { oid: AGENT.oid, name: AGENT.name });
      assert.ok(Date.parse(entry!.postedAt) <= post.atMs);
      assert.ok(entry?.deliveredAt);
      assert.equal(running.size, 0);
      const everything = [...inFlight.writes, JSON.stringify(audit.all()), logger.text(), JSON.stringify(flow)].join('\n');
      assert.ok(!everything.includes(issued!.passcode));
    });

    it('when recovery already delivered the outcome, the run hands nothing over', async () => {
      const { service, start, click, inFlight, clock } = setup();
      const claimed = await service.confirm(click(await start()), 'INC-1');
      // Another instance's recovery claims the delivery while this run is waiting for Intune.
      const original = clock.sleep.bind(clock);
      let claimedElsewhere = false;
      clock.sleep = async (ms: number) => {
        if (!claimedElsewhere) claimedElsewhere = await inFlight.markDelivered(claimed.id, clock.now().toISOString());
        return original(ms);
      };

      const result = await service.execute(claimed);

      assert.equal(result.issued, undefined);
      assert.equal(result.deliveredElsewhere, true);
    });

    it('when the in-flight record cannot be written, nothing is sent', async () => {
      const { inFlight, intune, resetOnce } = setup();
      inFlight.failAdds = true;
      const { flow, issued } = await resetOnce();
      assert.equal(flow.state, 'failed');
      assert.equal(flow.failure?.code, 'state.unavailable');
      assert.equal(issued, undefined);
      assert.equal(intune.postCount(), 0);
    });
  });
});
