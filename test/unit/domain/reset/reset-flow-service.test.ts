import assert from 'node:assert/strict';
import { MemoryFlowStore } from '../../../../src/adapters/storage/memory-flow-store';
import { AppError } from '../../../../src/domain/errors';
import type { Actor } from '../../../../src/domain/model';
import { DefaultResetFlowService } from '../../../../src/domain/reset/reset-flow-service';
import type { ResetFlow, ResetProgress } from '../../../../src/domain/reset/reset-flow';
import {
  AGENT,
  FakeClock,
  FakeDirectory,
  FakeIntune,
  failWith,
  iPhone,
  memoryLogger,
  throttle,
  user,
  windows10Mobile,
  windowsPc,
} from '../../../fakes';
import { rejection } from '../../../support/app-error';

const HELPDESK = 'group-helpdesk';
const OTHER_AGENT: Actor = { oid: 'agent-oid-2', name: 'Kai Helpdesk', tenantId: 'tenant-1' };
const OUTSIDER: Actor = { oid: 'employee-oid-9', name: 'Eve Employee', tenantId: 'tenant-1' };

const alice = user({ id: 'user-alice', displayName: 'Alice Smith', department: 'Sales' });
const bob = user({ id: 'user-bob', displayName: 'Bob Jones' });
const samLee = user({ id: 'user-sam-lee', displayName: 'Sam Lee' });
const samPark = user({ id: 'user-sam-park', displayName: 'Sam Park', userPrincipalName: 'sam.park@contoso.com', mail: 'sam.park@contoso.com' });
const carol = user({ id: 'user-carol', displayName: 'Carol White' });

const alicePhone = windows10Mobile({ id: 'dev-alice-phone', deviceName: 'ALICE-LUMIA' });
const aliceIphone = iPhone({ id: 'dev-alice-iphone', deviceEnrollmentType: 'appleUserEnrollment' });
const alicePc = windowsPc({ id: 'dev-alice-pc' });
const bobPc = windowsPc({ id: 'dev-bob-pc' });
const carolPhone1 = windows10Mobile({ id: 'dev-carol-1', deviceName: 'CAROL-A' });
const carolPhone2 = windows10Mobile({ id: 'dev-carol-2', deviceName: 'CAROL-B' });
const carolOld = windows10Mobile({ id: 'dev-carol-old', deviceName: 'CAROL-OLD', osVersion: '10.0.14393.0' });
const samLeePhone = windows10Mobile({ id: 'dev-sam-lee', deviceName: 'SAM-LUMIA' });

/** A store that also keeps every write, to prove no secret was ever stored. */
class RecordingStore extends MemoryFlowStore {
  readonly writes: string[] = [];
  override async create(flow: ResetFlow): Promise<void> {
    this.writes.push(JSON.stringify(flow));
    return super.create(flow);
  }
  override async replace(flow: ResetFlow, expectedRevision: number): Promise<boolean> {
    this.writes.push(JSON.stringify(flow));
    return super.replace(flow, expectedRevision);
  }
}

function setup() {
  const clock = new FakeClock();
  const intune = new FakeIntune(clock);
  const directory = new FakeDirectory({
    users: [alice, bob, samLee, samPark, carol],
    groups: { [HELPDESK]: [AGENT.oid, OTHER_AGENT.oid] },
  });
  const logger = memoryLogger();
  const flows = new RecordingStore();
  intune
    .addDevice(alice.id, alicePhone)
    .addDevice(alice.id, aliceIphone)
    .addDevice(alice.id, alicePc)
    .addDevice(bob.id, bobPc)
    .addDevice(carol.id, carolPhone1)
    .addDevice(carol.id, carolPhone2)
    .addDevice(carol.id, carolOld)
    .addDevice(samLee.id, samLeePhone);
  let next = 0;
  const service = new DefaultResetFlowService({
    directory,
    intune,
    flows,
    clock,
    logger,
    helpdeskGroupId: HELPDESK,
    newId: () => `flow-${++next}`,
  });
  const start = (query: string, agent: Actor = AGENT) =>
    service.start({ agent, locale: 'en', query, origin: { conversationId: 'conv-1' }, originIsPersonal: true });
  const click = (flow: ResetFlow, actorOid = AGENT.oid) => ({ flowId: flow.id, revision: flow.revision, actorOid });
  return { clock, intune, directory, logger, flows, service, start, click };
}

describe('reset flow service', () => {
  describe('start', () => {
    it('when someone outside the helpdesk group asks, then they are refused and Intune is never called', async () => {
      const { start, intune, directory, flows } = setup();

      const error = await rejection(start('alice', OUTSIDER));

      assert.equal(error.code, 'access.notHelpdesk');
      assert.deepEqual(directory.isMemberOfCalls, [{ groupId: HELPDESK, asOid: OUTSIDER.oid }]);
      assert.equal(directory.findUsersCalls.length, 0);
      assert.equal(intune.calls.length, 0);
      assert.equal(flows.size, 0);
    });

    it('when the name matches no one, then the flow ends as noUser without touching Intune', async () => {
      const { start, intune, service } = setup();

      const flow = await start("alice' or 1 eq 1");

      assert.equal(flow.state, 'noUser');
      assert.equal(intune.calls.length, 0);
      assert.deepEqual(await service.get(flow.id), flow);
    });

    it('when an empty name is given, then it is invalid input', async () => {
      const { start } = setup();
      assert.equal((await rejection(start('   '))).code, 'input.invalid');
    });

    it('when several people match, then the agent picks one of them', async () => {
      const { start, service, click, intune } = setup();

      const flow = await start('sam');

      assert.equal(flow.state, 'choosingUser');
      assert.deepEqual(flow.userCandidates?.map((u) => u.id), [samLee.id, samPark.id]);
      assert.equal(intune.calls.length, 0);

      const chosen = await service.chooseUser(click(flow), samLee.id);
      assert.equal(chosen.state, 'confirming');
      assert.equal(chosen.targetUser?.id, samLee.id);
      assert.equal(chosen.device?.id, samLeePhone.id);
      assert.equal(chosen.revision, flow.revision + 1);
    });

    it('offers at most ten people', async () => {
      const { start, directory } = setup();
      for (let i = 0; i < 14; i++) directory.addUser(user({ id: `user-x${i}`, displayName: `Xavier ${i}` }));
      const flow = await start('xavier');
      assert.equal(flow.userCandidates?.length, 10);
    });

    it('when one person with one eligible device matches, then it goes straight to confirmation, listing the others with reasons', async () => {
      const { start, intune } = setup();

      const flow = await start('alice@contoso.com');

      assert.equal(flow.state, 'confirming');
      assert.equal(flow.device?.id, alicePhone.id);
      assert.deepEqual(
        flow.devices?.map((o) => [o.device.id, o.verdict.eligible, o.verdict.reason]),
        [
          [alicePhone.id, true, undefined],
          [alicePc.id, false, 'windowsHello'],
          [aliceIphone.id, false, 'appleUserEnrollment'],
        ],
      );
      assert.ok(intune.calls.every((c) => c.asOid === AGENT.oid), 'every Intune call runs as the agent');
      assert.equal(intune.postCount(), 0);
    });

    it('when the person has no eligible device, then the flow says so and nothing can be reset', async () => {
      const { start, service, click, intune } = setup();

      const flow = await start('bob');

      assert.equal(flow.state, 'noEligibleDevice');
      assert.equal(flow.device, undefined);
      assert.equal((await rejection(service.confirm(click(flow)))).code, 'flow.finished');
      assert.equal(intune.postCount(), 0);
    });

    it('when the person has several eligible devices, then the agent picks one', async () => {
      const { start } = setup();
      const flow = await start('carol');
      assert.equal(flow.state, 'choosingDevice');
      assert.equal(flow.device, undefined);
      assert.equal(flow.devices?.filter((o) => o.verdict.eligible).length, 2);
    });
  });

  describe('card clicks are checked server-side', () => {
    it('choosing an offered eligible device leads to confirmation', async () => {
      const { start, service, click } = setup();
      const flow = await start('carol');
      const chosen = await service.chooseDevice(click(flow), carolPhone2.id);
      assert.equal(chosen.state, 'confirming');
      assert.equal(chosen.device?.id, carolPhone2.id);
    });

    it('a forged device id (another user\'s device) is refused', async () => {
      const { start, service, click } = setup();
      const flow = await start('carol');
      assert.equal((await rejection(service.chooseDevice(click(flow), alicePhone.id))).code, 'input.invalid');
    });

    it('an offered but ineligible device is refused', async () => {
      const { start, service, click } = setup();
      const flow = await start('carol');
      assert.equal((await rejection(service.chooseDevice(click(flow), carolOld.id))).code, 'input.invalid');
    });

    it('a user id that was not offered is refused', async () => {
      const { start, service, click } = setup();
      const flow = await start('sam');
      assert.equal((await rejection(service.chooseUser(click(flow), alice.id))).code, 'input.invalid');
    });

    it('another agent cannot act on someone else\'s flow', async () => {
      const { start, service, click, intune } = setup();
      const flow = await start('alice');
      assert.equal((await rejection(service.confirm(click(flow, OTHER_AGENT.oid)))).code, 'flow.notYours');
      assert.equal((await rejection(service.cancel(click(flow, OTHER_AGENT.oid)))).code, 'flow.notYours');
      assert.equal(intune.postCount(), 0);
    });

    it('a click naming an old revision is stale', async () => {
      const { start, service, click } = setup();
      const flow = await start('carol');
      await service.chooseDevice(click(flow), carolPhone1.id);
      assert.equal((await rejection(service.chooseDevice(click(flow), carolPhone2.id))).code, 'flow.stale');
    });

    it('a click on a flow that does not exist is refused', async () => {
      const { service } = setup();
      const error = await rejection(service.confirm({ flowId: 'nope', revision: 1, actorOid: AGENT.oid }));
      assert.equal(error.code, 'flow.notFound');
    });

    it('an action of another step at the current revision is refused', async () => {
      const { start, service, click } = setup();
      const flow = await start('alice');
      assert.equal((await rejection(service.chooseUser(click(flow), alice.id))).code, 'flow.stale');
    });

    it('cancel ends the flow; a later Yes resets nothing', async () => {
      const { start, service, click, intune } = setup();
      const flow = await start('alice');
      const cancelled = await service.cancel(click(flow));
      assert.equal(cancelled.state, 'cancelled');
      assert.equal((await rejection(service.confirm(click(cancelled)))).code, 'flow.finished');
      assert.equal(intune.postCount(), 0);
    });

    it('when the agent left the helpdesk group before confirming, then nothing is reset', async () => {
      const { start, service, click, directory, intune } = setup();
      const flow = await start('alice');
      directory.removeMember(HELPDESK, AGENT.oid);
      assert.equal((await rejection(service.confirm(click(flow)))).code, 'access.notHelpdesk');
      assert.equal((await service.get(flow.id))?.state, 'confirming');
      assert.equal(intune.postCount(), 0);
    });
  });

  describe('confirm and execute', () => {
    it('Yes then the reset: the agent gets the passcode; the flow stores dates, never the passcode', async () => {
      const { start, service, click, intune, flows, logger, clock } = setup();
      const flow = await start('alice');
      const confirmAt = clock.now().toISOString();

      const claimed = await service.confirm(click(flow));
      assert.equal(claimed.state, 'resetting');
      assert.equal(claimed.resetRequestedAt, confirmAt);

      const progress: ResetProgress[] = [];
      const result = await service.execute(claimed, (p) => progress.push(p));

      assert.equal(result.flow.state, 'done');
      assert.ok(result.issued);
      assert.equal(result.issued.deviceId, alicePhone.id);
      assert.equal(result.flow.actionStartedAt, result.issued.startedAt);
      assert.equal(result.flow.visibleUntil, result.issued.visibleUntil);
      assert.ok(progress.length > 0);
      assert.equal(intune.postCount(alicePhone.id), 1);

      const stored = await service.get(flow.id);
      assert.deepEqual(stored, result.flow);
      const passcode = result.issued.passcode;
      assert.ok(flows.writes.length >= 4);
      assert.ok(flows.writes.every((w) => !w.includes(passcode)), 'passcode written to the store');
      assert.equal(logger.contains(passcode), false, 'passcode written to the logs');
      assert.ok(intune.issuedPasscodes.every((p) => !logger.contains(p)));
    });

    it('the message holding the card clicked Yes on stays with the flow, so a restarted bot can finish that card', async () => {
      const { start, service, click } = setup();
      const flow = await start('alice');
      const claimed = await service.confirm({ ...click(flow), cardActivityId: 'card-message-7' });
      assert.equal(claimed.cardActivityId, 'card-message-7');
      assert.equal((await service.get(flow.id))?.cardActivityId, 'card-message-7');
    });

    it('clicking Yes twice on the same card claims the reset once', async () => {
      const { start, service, click, intune } = setup();
      const flow = await start('alice');

      const claimed = await service.confirm(click(flow));
      const second = await rejection(service.confirm(click(flow)));
      await service.execute(claimed);

      assert.equal(second.code, 'flow.finished');
      assert.equal(intune.postCount(), 1);
    });

    it('two simultaneous Yes clicks: exactly one claims the reset, one POST', async () => {
      const { start, service, click, intune } = setup();
      const flow = await start('alice');

      const outcomes = await Promise.allSettled([service.confirm(click(flow)), service.confirm(click(flow))]);
      const won = outcomes.filter((o): o is PromiseFulfilledResult<ResetFlow> => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');

      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      assert.ok(['flow.stale', 'flow.finished'].includes((lost[0]!.reason as AppError).code));
      await service.execute(won[0]!.value);
      assert.equal(intune.postCount(), 1);
    });

    it('running the same claimed flow twice sends one reset', async () => {
      const { start, service, click, intune } = setup();
      const claimed = await service.confirm(click(await start('alice')));

      const [first, second] = await Promise.allSettled([service.execute(claimed), service.execute(claimed)]);

      assert.equal([first, second].filter((o) => o.status === 'fulfilled').length, 1);
      assert.equal(intune.postCount(), 1);
    });

    it('a flow that was not confirmed cannot be executed', async () => {
      const { start, service, intune } = setup();
      const flow = await start('alice');
      assert.equal((await rejection(service.execute(flow))).code, 'flow.stale');
      assert.equal(intune.postCount(), 0);
    });

    it('the device reset is the one stored in the flow, whatever the caller passes', async () => {
      const { start, service, click, intune } = setup();
      const claimed = await service.confirm(click(await start('alice')));

      await service.execute({ ...claimed, device: carolPhone1 });

      assert.equal(intune.postCount(alicePhone.id), 1);
      assert.equal(intune.postCount(carolPhone1.id), 0);
    });

    it('when Intune reports the action failed, then the flow fails with Intune\'s code', async () => {
      const { start, service, click, intune } = setup();
      intune.setBehaviour(alicePhone.id, { finalState: 'failed', errorCode: -2016345060 });
      const claimed = await service.confirm(click(await start('alice')));

      const result = await service.execute(claimed);

      assert.equal(result.issued, undefined);
      assert.equal(result.flow.state, 'failed');
      assert.deepEqual(result.flow.failure, { code: 'reset.failed', errorCode: '-2016345060' });
      assert.deepEqual((await service.get(claimed.id))?.failure, result.flow.failure);
    });

    it('when the agent lacks the Intune role, then the flow fails with the Graph request id', async () => {
      const { start, service, click, intune } = setup();
      intune.scriptPosts(
        failWith(new AppError('graph.forbidden', 'Forbidden', { status: 403, errorCode: 'Forbidden', requestId: 'req-403' })),
      );
      const claimed = await service.confirm(click(await start('alice')));

      const result = await service.execute(claimed);

      assert.deepEqual(result.flow.failure, { code: 'graph.forbidden', errorCode: 'Forbidden', requestId: 'req-403' });
    });

    it('when throttling does not clear, then the flow fails saying when to retry', async () => {
      const { start, service, click, intune } = setup();
      intune.scriptPosts(throttle(90));
      const claimed = await service.confirm(click(await start('alice')));

      const result = await service.execute(claimed);

      assert.equal(result.flow.failure?.code, 'graph.throttled');
      assert.equal(result.flow.failure?.retryAfterSeconds, 90);
    });

    it('after the reset, further clicks on the flow are refused as finished', async () => {
      const { start, service, click } = setup();
      const flow = await start('alice');
      const claimed = await service.confirm(click(flow));
      const { flow: done } = await service.execute(claimed);
      assert.equal((await rejection(service.cancel(click(done)))).code, 'flow.finished');
    });
  });
});
