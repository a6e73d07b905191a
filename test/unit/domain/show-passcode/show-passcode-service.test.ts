import assert from 'node:assert/strict';
import { MemoryAuditLog } from '../../../../src/adapters/memory/memory-audit-log';
import { MemoryRequestStore } from '../../../../src/adapters/memory/memory-request-store';
import { MemoryFlowStore } from '../../../../src/adapters/storage/memory-flow-store';
import type { Actor } from '../../../../src/domain/model';
import { DefaultResetFlowService } from '../../../../src/domain/reset/reset-flow-service';
import { ShowPasscodeService } from '../../../../src/domain/show-passcode/show-passcode-service';
import { AGENT, FakeClock, FakeDirectory, FakeIntune, memoryLogger, user, windows10Mobile } from '../../../fakes';
import { rejection } from '../../../support/app-error';
import { AGENT as APPROVER, alicePhone as REQUESTED_DEVICE, approvalWorld, HELPDESK as HELPDESK_GROUP, OTHER_AGENT as SECOND_AGENT } from '../approvals/support';

const HELPDESK = 'group-helpdesk';
const OTHER_AGENT: Actor = { oid: 'agent-oid-2', name: 'Kai Helpdesk', tenantId: 'tenant-1' };
const OUTSIDER: Actor = { oid: 'employee-oid-9', name: 'Eve Employee', tenantId: 'tenant-1' };
const alice = user({ id: 'user-alice', displayName: 'Alice Smith' });
const samLee = user({ id: 'user-sam-lee', displayName: 'Sam Lee' });
const samPark = user({ id: 'user-sam-park', displayName: 'Sam Park' });
const alicePhone = windows10Mobile({ id: 'dev-alice-phone', deviceName: 'ALICE-LUMIA' });
const aliceSpare = windows10Mobile({ id: 'dev-alice-spare', deviceName: 'ALICE-SPARE' });
const DAY = 24 * 60 * 60 * 1000;

function setup() {
  const clock = new FakeClock();
  const intune = new FakeIntune(clock).addDevice(alice.id, alicePhone).addDevice(alice.id, aliceSpare);
  const directory = new FakeDirectory({ users: [alice, samLee, samPark], groups: { [HELPDESK]: [AGENT.oid, OTHER_AGENT.oid] } });
  const logger = memoryLogger();
  const audit = new MemoryAuditLog({ logger });
  let next = 0;
  const newId = () => `id-${++next}`;
  const resets = new DefaultResetFlowService({ directory, intune, flows: new MemoryFlowStore(), clock, logger, helpdeskGroupId: HELPDESK, newId, audit });
  const service = new ShowPasscodeService({ directory, intune, audit, requests: new MemoryRequestStore(), clock, logger, helpdeskGroupId: HELPDESK, newId });
  /** The agent resets Alice's phone through the bot (audited as theirs). */
  const agentReset = async (agent: Actor = AGENT) => {
    const flow = await resets.start({ agent, locale: 'en', query: 'alice', origin: {}, originIsPersonal: true });
    const chosen = flow.state === 'choosingDevice' ? await resets.chooseDevice({ flowId: flow.id, revision: flow.revision, actorOid: agent.oid }, alicePhone.id) : flow;
    const claimed = await resets.confirm({ flowId: chosen.id, revision: chosen.revision, actorOid: agent.oid }, 'INC-5');
    return resets.execute(claimed);
  };
  return { clock, intune, directory, logger, audit, service, agentReset };
}

describe('show passcode for a person', () => {
  it('the agent who performed the reset sees it again, read from Intune now; the view is audited', async () => {
    const { service, agentReset, intune, audit, clock, logger } = setup();
    const { issued: original } = await agentReset();
    clock.advance(2 * DAY);
    const readsBefore = intune.readCount(alicePhone.id);

    const result = await service.show({ actor: AGENT, query: 'alice' });

    assert.equal(result.kind, 'passcode');
    if (result.kind !== 'passcode') return;
    assert.equal(result.issued.passcode, original!.passcode);
    assert.equal(result.issued.deviceId, alicePhone.id);
    assert.equal(result.performedBy?.oid, AGENT.oid);
    assert.ok(intune.readCount(alicePhone.id) > readsBefore);
    const viewed = audit.all().at(-1);
    assert.deepEqual([viewed?.kind, viewed?.actor.oid, viewed?.targetUser?.oid, viewed?.device?.id, viewed?.outcome], [
      'passcode.viewed',
      AGENT.oid,
      alice.id,
      alicePhone.id,
      'viewed',
    ]);
    assert.ok(!JSON.stringify(audit.all()).includes(original!.passcode));
    assert.ok(!logger.text().includes(original!.passcode));
  });

  it('another agent must state a reason: without one it is refused (and audited), with one it is shown', async () => {
    const { service, agentReset, audit } = setup();
    await agentReset();

    const error = await rejection(service.show({ actor: OTHER_AGENT, query: 'alice' }));
    assert.equal(error.code, 'passcodeView.reasonRequired');
    assert.deepEqual([audit.all().at(-1)?.kind, audit.all().at(-1)?.outcome], ['passcode.viewed', 'refused:passcodeView.reasonRequired']);

    const result = await service.show({ actor: OTHER_AGENT, query: 'alice', reason: 'Hana is off today, INC-5' });
    assert.equal(result.kind, 'passcode');
    assert.equal(audit.all().at(-1)?.reason, 'Hana is off today, INC-5');
  });

  it('a reset the bot has no record of (made elsewhere) needs a reason from anyone', async () => {
    const { service, intune, clock } = setup();
    intune.seedResult(alicePhone.id, { actionState: 'done', startDateTime: new Date(clock.now().getTime() - DAY).toISOString(), passcode: '55443322' });

    assert.equal((await rejection(service.show({ actor: AGENT, query: 'alice' }))).code, 'passcodeView.reasonRequired');
    const result = await service.show({ actor: AGENT, query: 'alice', reason: 'INC-9' });
    assert.equal(result.kind === 'passcode' ? result.issued.passcode : undefined, '55443322');
  });

  it('after seven days there is nothing to show', async () => {
    const { service, agentReset, clock } = setup();
    await agentReset();
    clock.advance(7 * DAY);
    assert.equal((await rejection(service.show({ actor: AGENT, query: 'alice' }))).code, 'passcodeView.noRecentReset');
  });

  it('when the newest action on the device is not a finished reset, the older passcode is not shown', async () => {
    const { service, agentReset, intune, clock } = setup();
    await agentReset();
    clock.advance(60_000);
    intune.seedResult(alicePhone.id, { actionState: 'failed', startDateTime: clock.now().toISOString(), errorCode: 7 });

    assert.equal((await rejection(service.show({ actor: AGENT, query: 'alice' }))).code, 'passcodeView.notAvailable');
  });

  it('only helpdesk members may ask; a refusal is audited and Intune is not read', async () => {
    const { service, agentReset, intune, audit } = setup();
    await agentReset();
    const reads = intune.readCount();

    assert.equal((await rejection(service.show({ actor: OUTSIDER, query: 'alice', reason: 'curious' }))).code, 'access.notHelpdesk');
    assert.equal(intune.readCount(), reads);
    assert.deepEqual([audit.all().at(-1)?.actor.oid, audit.all().at(-1)?.outcome], [OUTSIDER.oid, 'refused:access.notHelpdesk']);
  });

  it('an ambiguous name returns the candidates; the chosen one must be among them', async () => {
    const { service } = setup();

    const result = await service.show({ actor: AGENT, query: 'sam' });

    assert.equal(result.kind, 'chooseUser');
    assert.deepEqual(result.kind === 'chooseUser' ? result.candidates.map((u) => u.id) : [], [samLee.id, samPark.id]);
    assert.equal((await rejection(service.show({ actor: AGENT, query: 'sam', userId: alice.id }))).code, 'input.invalid');
    assert.equal((await rejection(service.show({ actor: AGENT, query: 'sam', userId: samLee.id }))).code, 'passcodeView.noRecentReset');
  });

  it('no one matching is said plainly', async () => {
    const { service } = setup();
    assert.deepEqual(await service.show({ actor: AGENT, query: 'zed' }), { kind: 'noUser', query: 'zed' });
  });
});

describe('show passcode while a self-service request awaits the identity check', () => {
  /** Alice's request approved by the agent and reset: only the identity question stands before the passcode. */
  async function awaitingVerification() {
    const world = approvalWorld();
    const { service: approvals, file, click, directory, intune, audit, clock, logger, requests } = world;
    const approved = await approvals.approve(click(await file()));
    const awaiting = await approvals.execute(approved);
    assert.equal(awaiting.state, 'awaitingVerification');
    const service = new ShowPasscodeService({ directory, intune, audit, clock, logger, helpdeskGroupId: HELPDESK_GROUP, requests });
    return { world, approvals, awaiting, service, click };
  }

  it('when the approving agent asks before confirming the identity, then no passcode is shown and they are sent to that step', async () => {
    const { world, service } = await awaitingVerification();

    const error = await rejection(service.show({ actor: APPROVER, query: 'Alice Smith' }));

    assert.equal(error.code, 'passcodeView.awaitingVerification');
    const last = world.audit.all().at(-1);
    assert.deepEqual([last?.kind, last?.actor.oid, last?.device?.id, last?.outcome], [
      'passcode.viewed',
      APPROVER.oid,
      REQUESTED_DEVICE.id,
      'refused:passcodeView.awaitingVerification',
    ]);
  });

  it('when another agent asks with a reason, then no passcode is shown either', async () => {
    const { service } = await awaitingVerification();

    const error = await rejection(service.show({ actor: SECOND_AGENT, query: 'Alice Smith', reason: 'She called, INC-7' }));

    assert.equal(error.code, 'passcodeView.awaitingVerification');
  });

  it('once the approving agent recorded the identity check, then show passcode works again', async () => {
    const { approvals, awaiting, service, click } = await awaitingVerification();
    const { issued } = await approvals.verifyAndReveal(click(awaiting), 'callBack');

    const result = await service.show({ actor: APPROVER, query: 'Alice Smith' });

    assert.equal(result.kind === 'passcode' ? result.issued.passcode : undefined, issued.passcode);
  });
});
