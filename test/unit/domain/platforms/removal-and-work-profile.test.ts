import assert from 'node:assert/strict';
import { assertNoSecrets } from '../../../../src/adapters/azure/stored-json';
import { MemoryAuditLog } from '../../../../src/adapters/memory/memory-audit-log';
import { MemoryFlowStore } from '../../../../src/adapters/storage/memory-flow-store';
import { isRemoval } from '../../../../src/domain/model';
import type { Actor, ManagedDevice } from '../../../../src/domain/model';
import { readAction } from '../../../../src/domain/recovery/action-reading';
import { resetPasscodeAndWait } from '../../../../src/domain/reset/passcode-reset';
import { DefaultResetFlowService } from '../../../../src/domain/reset/reset-flow-service';
import type { ResetFlow } from '../../../../src/domain/reset/reset-flow';
import { FakeClock, FakeDirectory, FakeIntune, androidWorkProfile, iPhone, memoryLogger, user, windowsPc } from '../../../fakes';
import { FakeNotifier } from '../../../fakes/fake-notifier';
import { rejection } from '../../../support/app-error';
import { AGENT, ALICE, approvalWorld } from '../approvals/support';

const HELPDESK = 'group-helpdesk';
const agent: Actor = { oid: 'agent-oid-1', name: 'Hana Helpdesk', tenantId: 'tenant-1' };
const nina = user({ id: 'user-nina', displayName: 'Nina Berg' });
const ren = user({ id: 'user-ren', displayName: 'Ren Tanaka' });
const lucas = user({ id: 'user-lucas', displayName: 'Lucas Meyer' });

function world(pinRecovery?: () => Promise<'ready' | 'notReady' | 'unknown'>) {
  const clock = new FakeClock();
  const intune = new FakeIntune(clock);
  const ninaIphone = iPhone({ id: 'dev-nina-iphone', deviceName: 'NINA-IPHONE' });
  const renPixel = androidWorkProfile({ id: 'dev-ren-pixel', deviceName: 'REN-PIXEL8', deviceType: 'androidForWork', deviceEnrollmentType: 'userEnrollment' });
  const lucasLaptop = windowsPc({ id: 'dev-lucas-pc', deviceName: 'BER-ENG-0117' });
  intune
    .addDevice(nina.id, ninaIphone, { removesPasscode: true })
    .addDevice(ren.id, renPixel)
    .addDevice(lucas.id, lucasLaptop);
  const logger = memoryLogger();
  const flows = new MemoryFlowStore();
  const audit = new MemoryAuditLog({ logger });
  const notifier = new FakeNotifier();
  let next = 0;
  const service = new DefaultResetFlowService({
    directory: new FakeDirectory({ users: [nina, ren, lucas], groups: { [HELPDESK]: [agent.oid] } }),
    intune,
    flows,
    clock,
    logger,
    audit,
    notifier,
    helpdeskGroupId: HELPDESK,
    newId: () => `flow-${++next}`,
    ...(pinRecovery ? { pinRecovery: { windowsPinRecovery: pinRecovery } } : {}),
  });
  const start = (query: string) => service.start({ agent, locale: 'en', query, origin: { conversationId: 'c' }, originIsPersonal: true });
  const confirmAndRun = async (flow: ResetFlow) => {
    const claimed = await service.confirm({ flowId: flow.id, revision: flow.revision, actorOid: agent.oid }, 'INC-7');
    return service.execute(claimed);
  };
  return { clock, intune, logger, flows, audit, notifier, service, start, confirmAndRun, ninaIphone, renPixel };
}

describe('today\'s outcomes in the reset run', () => {
  it('when Intune ends a removal done without a passcode, then the run reports the removal, not a failure', async () => {
    const { intune, clock, logger, ninaIphone } = world();
    const result = await resetPasscodeAndWait(
      { intune, clock, logger },
      { device: ninaIphone, as: { kind: 'delegated', oid: agent.oid }, outcome: 'passcodeRemoved' },
    );
    assert.ok(isRemoval(result));
    assert.equal(result.deviceId, ninaIphone.id);
    assert.equal(intune.postCount(), 1);
  });

  it('when a new passcode was expected and Intune gives none, then it is still a failure (noPasscode)', async () => {
    const { intune, clock, logger, ninaIphone } = world();
    const error = await rejection(
      resetPasscodeAndWait({ intune, clock, logger }, { device: ninaIphone, as: { kind: 'delegated', oid: agent.oid } }),
    );
    assert.equal(error.code, 'reset.failed');
    assert.equal(error.details.errorCode, 'noPasscode');
  });

  it('a work-profile reset hands over a passcode marked as the work profile\'s', async () => {
    const { intune, clock, logger, renPixel } = world();
    const issued = await resetPasscodeAndWait(
      { intune, clock, logger },
      { device: renPixel, as: { kind: 'delegated', oid: agent.oid }, outcome: 'newWorkProfilePasscode' },
    );
    assert.equal(issued.workProfile, true);
    assert.match(issued.passcode, /^\d+$/);
  });

  it('recovery reads a removal as removed, and a work-profile passcode as the work profile\'s', () => {
    const device: Pick<ManagedDevice, 'id' | 'deviceName'> = { id: 'd', deviceName: 'D' };
    const done = { actionState: 'done' as const, startDateTime: '2026-12-01T10:00:00Z' };
    assert.deepEqual(readAction(done, device, 'passcodeRemoved'), { kind: 'removed', startedAt: '2026-12-01T10:00:00.000Z' });
    assert.equal(readAction(done, device).kind, 'failed');
    const reading = readAction({ ...done, passcode: '12345678' }, device, 'newWorkProfilePasscode');
    assert.equal(reading.kind === 'done' && reading.issued.workProfile, true);
  });
});

describe('today\'s outcomes in the agent flow', () => {
  it('an iPhone removal ends done with the passcode removed: nothing handed over, audited and the owner told as a removal', async () => {
    const { start, confirmAndRun, audit, notifier } = world();
    const flow = await start('nina');
    assert.equal(flow.state, 'confirming');

    const { flow: ended, issued } = await confirmAndRun(flow);

    assert.equal(ended.state, 'done');
    assert.equal(ended.endedByRemoval, true);
    assert.equal(ended.visibleUntil, undefined);
    // Azure Storage refuses anything named like a secret: the ended flow must be storable.
    assert.doesNotThrow(() => assertNoSecrets(ended));
    assert.equal(issued, undefined);
    assert.deepEqual(
      audit.all().map((record) => [record.kind, record.outcome]),
      [
        ['reset.started', 'started'],
        ['reset.succeeded', 'passcodeRemoved'],
      ],
    );
    assert.deepEqual(notifier.notices.map((notice) => notice.outcome), ['passcodeRemoved']);
  });

  it('an Android work profile ends done with a work-profile passcode; the owner is told it was the work profile', async () => {
    const { start, confirmAndRun, notifier } = world();
    const { flow: ended, issued } = await confirmAndRun(await start('ren'));
    assert.equal(ended.state, 'done');
    assert.equal(issued?.workProfile, true);
    assert.deepEqual(notifier.notices.map((notice) => notice.outcome), ['newWorkProfilePasscode']);
  });

  it('a Windows 10/11 device carries the tenant\'s PIN recovery answer for the agent; a failing check says unknown', async () => {
    const ready = world(async () => 'ready');
    const flow = await ready.start('lucas');
    assert.equal(flow.state, 'noEligibleDevice');
    assert.equal(flow.devices?.[0]?.verdict.reason, 'windowsHello');
    assert.equal(flow.devices?.[0]?.verdict.reasonParams?.['pinRecovery'], 'ready');

    const failing = world(async () => {
      throw new Error('readiness unavailable');
    });
    const unknown = await failing.start('lucas');
    assert.equal(unknown.devices?.[0]?.verdict.reasonParams?.['pinRecovery'], 'unknown');
  });
});

describe('today\'s outcomes in self-service', () => {
  function removalWorld() {
    const w = approvalWorld();
    const iphone = iPhone({ id: 'dev-alice-ade-iphone', deviceName: 'ALICE-ADE-IPHONE' });
    w.intune.addDevice(ALICE.oid, iphone, { removesPasscode: true });
    return { ...w, iphone };
  }

  it('a removal request cannot be approved without the identity check, and nothing is reset', async () => {
    const { file, service, click, intune, iphone } = removalWorld();
    const request = await file(ALICE, iphone.id);
    assert.equal(request.device.outcome, 'passcodeRemoved');

    assert.equal((await rejection(service.approve(click(request)))).code, 'request.verificationFirst');
    assert.equal((await rejection(service.approve(click(request), { method: 'psychic' }))).code, 'request.verificationFirst');
    assert.equal((await rejection(service.approve(click(request), { method: 'other' }))).code, 'request.noteRequired');
    assert.equal(intune.postCount(), 0);
    assert.equal((await service.get(request.id))?.state, 'open');
  });

  it('with the check, the identity is recorded before Intune is called, and the request ends done with nothing to reveal', async () => {
    const { file, service, click, audit, intune, notifier, iphone, requests } = removalWorld();
    const request = await file(ALICE, iphone.id);

    const claimed = await service.approve(click(request), { method: 'callBack', note: 'Called her desk phone' });
    assert.equal(claimed.verification?.method, 'callBack');
    assert.equal(claimed.verification?.by.oid, AGENT.oid);
    const ended = await service.execute(claimed);

    assert.equal(ended.state, 'done');
    assert.equal(ended.endedByRemoval, true);
    assert.doesNotThrow(() => assertNoSecrets(ended));
    assert.equal(intune.postCount(), 1);
    const kinds = audit.all().map((record) => record.kind);
    assert.ok(kinds.indexOf('identity.verified') < kinds.indexOf('reset.started'), kinds.join(', '));
    assert.equal(audit.all().find((record) => record.kind === 'reset.succeeded')?.outcome, 'passcodeRemoved');
    assert.deepEqual(notifier.notices.map((notice) => notice.outcome), ['passcodeRemoved']);
    // The device is free again: another request may be filed.
    assert.equal(await requests.claimDevice(iphone.id, 'another-request'), true);
    assert.equal((await rejection(service.verifyAndReveal(click(ended), 'callBack'))).code, 'request.finished');
  });
});
