import assert from 'node:assert/strict';
import { MemoryAuditLog } from '../../../../src/adapters/memory/memory-audit-log';
import { MemoryCounters } from '../../../../src/adapters/memory/memory-counters';
import { MemoryFlowStore } from '../../../../src/adapters/storage/memory-flow-store';
import { DefaultApprovalService } from '../../../../src/domain/approvals/default-approval-service';
import type { IntuneGateway } from '../../../../src/ports/intune-gateway';
import { InFlightRecovery } from '../../../../src/domain/recovery/in-flight-recovery';
import type { RecoveryItem } from '../../../../src/domain/recovery/in-flight-recovery';
import { RunningResets } from '../../../../src/domain/recovery/running-resets';
import { DefaultResetFlowService } from '../../../../src/domain/reset/reset-flow-service';
import type { Actor } from '../../../../src/domain/model';
import { AGENT, FakeClock, FakeDirectory, FakeIntune, memoryLogger, user, windows10Mobile } from '../../../fakes';
import { FakeNotifier } from '../../../fakes/fake-notifier';
import { FakeSessions, RecordingInFlightStore, RecordingRequestStore } from '../../../fakes/recording-state-stores';

const HELPDESK = 'group-helpdesk';
const ALICE: Actor = { oid: 'user-alice', name: 'Alice Smith', tenantId: 'tenant-1' };
const alice = user({ id: ALICE.oid, displayName: ALICE.name });
const alicePhone = windows10Mobile({ id: 'dev-alice-phone', deviceName: 'ALICE-LUMIA' });

/**
 * Shared storage and Intune, and a way to build "a process": services plus recovery with their
 * own in-process state. The first process dies after its POST: its result reads never answer.
 */
function world() {
  const clock = new FakeClock();
  const intune = new FakeIntune(clock).addDevice(alice.id, alicePhone);
  const directory = new FakeDirectory({ users: [alice], groups: { [HELPDESK]: [AGENT.oid] } });
  const logger = memoryLogger();
  const flows = new MemoryFlowStore();
  const requests = new RecordingRequestStore();
  const audit = new MemoryAuditLog({ logger });
  const counters = new MemoryCounters();
  const inFlight = new RecordingInFlightStore();
  const notifier = new FakeNotifier();
  let next = 0;
  const newId = () => `id-${++next}`;

  const process = (options: { dies?: boolean; sessions?: FakeSessions } = {}) => {
    const running = new RunningResets();
    const gateway: IntuneGateway = options.dies
      ? {
          listUserDevices: (userId, as) => intune.listUserDevices(userId, as.kind === 'app' ? { kind: 'delegated', oid: 'app' } : as),
          getDevice: (deviceId, as) => intune.getDevice(deviceId, as.kind === 'app' ? { kind: 'delegated', oid: 'app' } : as),
          resetPasscode: (deviceId, as) => intune.resetPasscode(deviceId, as),
          // The process is gone right after its POST: nothing after it ever happens.
          getResetPasscodeResults: () => new Promise(() => undefined),
        }
      : intune;
    const common = { directory, intune: gateway, clock, logger, helpdeskGroupId: HELPDESK, newId, audit, inFlight, running, notifier };
    const resetFlows = new DefaultResetFlowService({ ...common, flows, counters, requireReason: true });
    const approvals = new DefaultApprovalService({ ...common, requests, counters, approvalTtlHours: 24, selfServiceMaxPerDay: 3 });
    const recovery = new InFlightRecovery({
      inFlight,
      intune: gateway,
      sessions: options.sessions ?? new FakeSessions(AGENT.oid),
      clock,
      logger,
      running,
      flows: resetFlows,
      requests: approvals,
    });
    return { resetFlows, approvals, recovery, running };
  };

  /** An agent reset whose process dies after the POST. */
  const agentResetThenCrash = async () => {
    const dying = process({ dies: true });
    const flow = await dying.resetFlows.start({ agent: AGENT, locale: 'en', query: 'alice', origin: { conversationId: 'agent-1to1' }, originIsPersonal: true });
    const claimed = await dying.resetFlows.confirm({ flowId: flow.id, revision: flow.revision, actorOid: AGENT.oid }, 'INC-77');
    void dying.resetFlows.execute(claimed);
    await until(() => intune.postCount() === 1);
    return claimed;
  };

  const allStored = () => [...requests.writes, ...inFlight.writes, JSON.stringify(audit.all()), logger.text()].join('\n');
  return { clock, intune, flows, requests, audit, inFlight, notifier, logger, process, agentResetThenCrash, allStored };
}

/** Let the dying process run until it has done what the test waits for. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(condition(), 'the condition never held');
}

function only<K extends RecoveryItem['kind']>(items: RecoveryItem[], kind: K): Extract<RecoveryItem, { kind: K }> {
  assert.equal(items.length, 1, `expected one item, got ${items.map((i) => i.kind).join(', ')}`);
  assert.equal(items[0]!.kind, kind);
  return items[0] as Extract<RecoveryItem, { kind: K }>;
}

describe('recovery of in-flight resets after a restart', () => {
  it('the new process reads the result from Intune and delivers the passcode once; the flow ends done', async () => {
    const w = world();
    const claimed = await w.agentResetThenCrash();
    const restarted = w.process();

    const item = only(await restarted.recovery.recoverPending(), 'deliver');

    assert.equal(item.issued.passcode, w.intune.issuedPasscodes[0]);
    assert.equal(item.entry.agent.oid, AGENT.oid);
    assert.deepEqual(item.entry.agentConversation, { conversationId: 'agent-1to1' });
    assert.equal(item.flow?.state, 'done');
    assert.equal((await w.flows.get(claimed.id))?.state, 'done');
    assert.equal(w.intune.postCount(), 1);
    assert.deepEqual(w.audit.all().map((r) => r.kind), ['reset.started', 'reset.succeeded']);
    assert.equal(w.notifier.notices.length, 1);
    // Delivered once: later sweeps, on this or another instance, find nothing.
    assert.deepEqual(await restarted.recovery.recoverPending(), []);
    assert.deepEqual(await w.process().recovery.recoverPending(), []);
    assert.ok(!w.allStored().includes(item.issued.passcode));
  });

  it('two instances recovering at the same moment deliver once', async () => {
    const w = world();
    await w.agentResetThenCrash();

    const [a, b] = await Promise.all([w.process().recovery.recoverPending(), w.process().recovery.recoverPending()]);

    assert.equal([...a, ...b].filter((item) => item.kind === 'deliver').length, 1);
  });

  it('without a session for the agent, it asks for a sign-in; after it, the "Get passcode" click delivers', async () => {
    const w = world();
    const claimed = await w.agentResetThenCrash();
    const sessions = new FakeSessions();
    const restarted = w.process({ sessions });

    const needs = only(await restarted.recovery.recoverPending(), 'needsSignIn');
    assert.equal(needs.entry.id, claimed.id);
    assert.equal(w.intune.readCount(), 0);
    assert.equal((await w.inFlight.get(claimed.id))?.deliveredAt, undefined);

    sessions.add(AGENT.oid);
    const item = await restarted.recovery.recoverOne(claimed.id);
    assert.equal(item?.kind, 'deliver');
    assert.equal(await restarted.recovery.recoverOne(claimed.id), undefined);
  });

  it('on the agent’s next turn, only that agent’s entries are looked at', async () => {
    const w = world();
    await w.agentResetThenCrash();
    const restarted = w.process();

    assert.deepEqual(await restarted.recovery.recoverForAgent('someone-else'), []);
    assert.equal(only(await restarted.recovery.recoverForAgent(AGENT.oid), 'deliver').entry.agent.oid, AGENT.oid);
  });

  it('a reset still running in this process is left to its own run', async () => {
    const w = world();
    const alive = w.process({ dies: true });
    const flow = await alive.resetFlows.start({ agent: AGENT, locale: 'en', query: 'alice', origin: {}, originIsPersonal: true });
    void alive.resetFlows.execute(await alive.resetFlows.confirm({ flowId: flow.id, revision: flow.revision, actorOid: AGENT.oid }, 'INC-1'));
    await until(() => w.intune.postCount() === 1);

    assert.deepEqual(await alive.recovery.recoverPending(), []);
  });

  it('while Intune is still working, a quick check reports pending and keeps the entry; a full one waits', async () => {
    const w = world();
    w.intune.setBehaviour(alicePhone.id, { settlesAfterMs: 60_000 });
    const claimed = await w.agentResetThenCrash();
    const restarted = w.process();

    only(await restarted.recovery.recoverPending({ wait: false }), 'pending');
    assert.equal((await w.inFlight.get(claimed.id))?.deliveredAt, undefined);

    const item = only(await restarted.recovery.recoverPending(), 'deliver');
    assert.equal(item.issued.passcode, w.intune.issuedPasscodes[0]);
  });

  it('a result older than the POST is never taken for ours', async () => {
    const w = world();
    w.intune.seedResult(alicePhone.id, { actionState: 'done', startDateTime: '2026-11-24T08:00:00.000Z', passcode: '11112222' });
    w.intune.setBehaviour(alicePhone.id, { settlesAfterMs: 60_000 });
    await w.agentResetThenCrash();

    const item = only(await w.process().recovery.recoverPending(), 'deliver');

    assert.notEqual(item.issued.passcode, '11112222');
  });

  it('when the POST never reached Intune, recovery ends it as outcome unknown (no second reset)', async () => {
    const w = world();
    const claimed = await w.agentResetThenCrash();
    // Intune lost the action: the device shows nothing of ours.
    w.intune.scriptResults(alicePhone.id, []);

    const item = only(await w.process().recovery.recoverPending(), 'failed');

    assert.equal(item.failure.code, 'reset.outcomeUnknown');
    assert.equal((await w.flows.get(claimed.id))?.state, 'failed');
    assert.equal(w.intune.postCount(), 1);
    assert.equal(w.audit.all().at(-1)?.kind, 'reset.failed');
  });

  it('a self-service reset interrupted mid-flight ends awaiting verification; the passcode comes from Intune on verification', async () => {
    const w = world();
    const dying = w.process({ dies: true });
    const request = await dying.approvals.file({
      requester: ALICE,
      locale: 'en',
      deviceId: alicePhone.id,
      justification: 'Forgot my PIN',
      requesterConversation: {},
    });
    const approved = await dying.approvals.approve({ requestId: request.id, revision: request.revision, actor: AGENT, conversation: { id: 'agent' } });
    void dying.approvals.execute(approved);
    await until(() => w.intune.postCount() === 1);
    const restarted = w.process();

    const item = only(await restarted.recovery.recoverPending(), 'verify');

    assert.equal(item.request?.state, 'awaitingVerification');
    assert.deepEqual(item.entry.agentConversation, { id: 'agent' });
    const { issued } = await restarted.approvals.verifyAndReveal(
      { requestId: request.id, revision: item.request!.revision, actor: AGENT },
      'callBack',
    );
    assert.equal(issued.passcode, w.intune.issuedPasscodes[0]);
    assert.ok(!w.allStored().includes(issued.passcode));
  });
});
