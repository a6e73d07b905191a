import assert from 'node:assert/strict';
import { AppError } from '../../../../src/domain/errors';
import {
  AGENT,
  AGENT_AS_EMPLOYEE,
  ALICE,
  BOB,
  OTHER_AGENT,
  agentPhone,
  alicePc,
  alicePhone,
  alicePhone2,
  aliceSpare,
  approvalWorld,
  bobPhone,
  everythingStored,
  rejection,
} from './support';

const HOUR = 60 * 60 * 1000;

describe('self-service approvals', () => {
  describe('the employee files a request', () => {
    it('lists only the employee’s own devices, read with the bot’s app-only identity, through the same table', async () => {
      const { service, intune } = approvalWorld();

      const options = await service.ownDevices(ALICE);

      assert.deepEqual(intune.principals, [{ method: 'listUserDevices', as: 'app' }]);
      assert.ok(options.every((option) => option.device.userId === ALICE.oid));
      assert.deepEqual(
        options.filter((option) => option.verdict.eligible).map((option) => option.device.id).sort(),
        [alicePhone.id, alicePhone2.id, aliceSpare.id].sort(),
      );
      const pc = options.find((option) => option.device.id === alicePc.id);
      assert.equal(pc?.verdict.eligible, false);
      assert.ok(pc?.verdict.reason);
    });

    it('files an open request that expires after the TTL, holds the device and is audited', async () => {
      const { file, audit, requests, clock } = approvalWorld();

      const request = await file();

      assert.equal(request.state, 'open');
      assert.equal(request.requester.oid, ALICE.oid);
      assert.equal(request.device.id, alicePhone.id);
      assert.equal(request.device.platform, 'Windows 10 Mobile');
      assert.equal(request.justification, 'Locked out after a trip');
      assert.equal(Date.parse(request.expiresAt) - clock.now().getTime(), 24 * HOUR);
      assert.equal(requests.deviceHolder(alicePhone.id), request.id);
      const [created] = audit.all();
      assert.equal(created?.kind, 'request.created');
      assert.equal(created?.actor.oid, ALICE.oid);
      assert.equal(created?.targetUser?.oid, ALICE.oid);
      assert.deepEqual(created?.device, { id: alicePhone.id, name: alicePhone.deviceName });
      assert.equal(created?.reason, 'Locked out after a trip');
      assert.equal(created?.requestId, request.id);
    });

    it('a device of someone else is refused and audited; nothing is filed', async () => {
      const { file, audit, requests } = approvalWorld();

      const error = await rejection(file(ALICE, bobPhone.id));

      assert.equal(error.code, 'input.invalid');
      assert.equal((await requests.listByRequester(ALICE.oid, 10)).length, 0);
      assert.equal(requests.deviceHolder(bobPhone.id), undefined);
      assert.deepEqual(audit.all().map((r) => [r.kind, r.outcome]), [['request.refused', 'refused:input.invalid']]);
    });

    it('an ineligible device of the employee is refused', async () => {
      const { file } = approvalWorld();
      assert.equal((await rejection(file(ALICE, alicePc.id))).code, 'input.invalid');
    });

    it('a missing or over-long justification is refused before anything is read', async () => {
      const { file, intune } = approvalWorld();

      assert.equal((await rejection(file(ALICE, alicePhone.id, '   '))).code, 'request.justificationRequired');
      assert.equal((await rejection(file(ALICE, alicePhone.id, 'x'.repeat(501)))).code, 'request.justificationRequired');
      assert.equal(intune.calls.length, 0);
    });

    it('a justification is kept on one line, without control characters', async () => {
      const { file } = approvalWorld();
      const request = await file(ALICE, alicePhone.id, '  Lost\nmy\u0007 PIN\t\ttoday ');
      assert.equal(request.justification, 'Lost my PIN today');
    });
  });

  describe('one open request per device', () => {
    it('a second request for the same device is refused while the first is open, and audited', async () => {
      const { file, audit } = approvalWorld();
      await file();

      const error = await rejection(file());

      assert.equal(error.code, 'request.deviceBusy');
      assert.equal(audit.all().at(-1)?.outcome, 'refused:request.deviceBusy');
    });

    it('two requests racing for one device: exactly one is filed', async () => {
      const world = approvalWorld();
      const other = world.instance();

      const outcomes = await Promise.allSettled([world.file(), world.file(ALICE, alicePhone.id, 'Again', other), world.file()]);

      const filed = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as AppError] : []));
      assert.equal(filed.length, 1);
      assert.deepEqual(refused.map((e) => e.code), ['request.deviceBusy', 'request.deviceBusy']);
      assert.equal((await world.requests.listByRequester(ALICE.oid, 10)).length, 1);
    });

    it('another device of the same employee can have its own request', async () => {
      const { file } = approvalWorld();
      await file();
      assert.equal((await file(ALICE, alicePhone2.id)).state, 'open');
    });

    it('once the request is withdrawn, the device can be asked for again', async () => {
      const { file, service } = approvalWorld();
      await file();
      await service.cancel(ALICE.oid);
      assert.equal((await file()).state, 'open');
    });
  });

  describe('daily limit per employee', () => {
    it('the fourth request of a UTC day is refused and audited; the next day it is allowed', async () => {
      const { file, service, audit, clock } = approvalWorld();
      for (let i = 0; i < 3; i++) {
        await file();
        await service.cancel(ALICE.oid);
      }

      const error = await rejection(file());

      assert.equal(error.code, 'request.dailyLimit');
      assert.equal(audit.all().at(-1)?.outcome, 'refused:request.dailyLimit');
      // A refused request does not keep the device busy.
      clock.set('2026-11-26T00:00:01.000Z');
      assert.equal((await file()).state, 'open');
    });

    it('the limit is per employee', async () => {
      const { file, service } = approvalWorld();
      for (let i = 0; i < 3; i++) {
        await file();
        await service.cancel(ALICE.oid);
      }
      assert.equal((await file(BOB, bobPhone.id)).state, 'open');
    });
  });

  describe('device reads per employee', () => {
    it('when an employee lists their devices more than ten times in a UTC hour, then Intune is not read again until the next hour', async () => {
      const { service, intune, clock } = approvalWorld();
      clock.set('2026-11-25T10:00:00.000Z');
      for (let i = 0; i < 10; i++) await service.ownDevices(ALICE);

      const error = await rejection(service.ownDevices(ALICE));

      assert.equal(error.code, 'request.readLimit');
      assert.equal(intune.principals.length, 10, 'the eleventh read never reached Intune');
      clock.set('2026-11-25T11:00:00.000Z');
      assert.ok((await service.ownDevices(ALICE)).length > 0);
    });

    it('a read that never reached Intune (the bot had no token) does not count; one Intune refused does', async () => {
      const { service, intune, counters, clock } = approvalWorld();
      const hour = clock.now().toISOString().slice(0, 13);
      intune.failNext('listUserDevices', new AppError('auth.unexpected', 'token endpoint down'));
      await rejection(service.ownDevices(ALICE));
      assert.equal(counters.count(`deviceReads:${ALICE.oid}`, hour), 0);

      intune.failNext('listUserDevices', new AppError('graph.unavailable', 'Intune busy'));
      await rejection(service.ownDevices(ALICE));
      assert.equal(counters.count(`deviceReads:${ALICE.oid}`, hour), 1);
    });

    it('filing a request reads the devices too, so it counts; another employee keeps their own reads', async () => {
      const { service, file } = approvalWorld();
      for (let i = 0; i < 10; i++) await service.ownDevices(ALICE);

      assert.equal((await rejection(file())).code, 'request.readLimit');
      assert.ok((await service.ownDevices(BOB)).length > 0);
    });
  });

  describe('separation of duties and helpdesk membership', () => {
    it('an agent cannot approve their own request; it is refused, audited, and nothing is reset', async () => {
      const { file, service, click, intune, audit } = approvalWorld();
      const request = await file(AGENT_AS_EMPLOYEE, agentPhone.id);

      const error = await rejection(service.approve(click(request, AGENT_AS_EMPLOYEE)));

      assert.equal(error.code, 'request.selfApproval');
      assert.equal(intune.postCount(), 0);
      assert.equal((await service.get(request.id))?.state, 'open');
      const refusal = audit.all().at(-1);
      assert.equal(refusal?.kind, 'request.refused');
      assert.equal(refusal?.actor.oid, AGENT.oid);
      assert.equal(refusal?.outcome, 'refused:request.selfApproval');
    });

    it('an agent cannot deny their own request either', async () => {
      const { file, service, click } = approvalWorld();
      const request = await file(AGENT_AS_EMPLOYEE, agentPhone.id);
      assert.equal((await rejection(service.deny(click(request, AGENT_AS_EMPLOYEE), 'no'))).code, 'request.selfApproval');
    });

    it('another helpdesk member can approve the agent’s own request', async () => {
      const { file, service, click } = approvalWorld();
      const request = await file(AGENT_AS_EMPLOYEE, agentPhone.id);
      assert.equal((await service.approve(click(request, OTHER_AGENT))).state, 'resetting');
    });

    it('someone outside the helpdesk group cannot approve; membership is checked as that person', async () => {
      const { file, service, click, directory, audit } = approvalWorld();
      const request = await file();

      const error = await rejection(service.approve(click(request, BOB)));

      assert.equal(error.code, 'access.notHelpdesk');
      assert.deepEqual(directory.isMemberOfCalls.at(-1), { groupId: 'group-helpdesk', asOid: BOB.oid });
      assert.equal(audit.all().at(-1)?.outcome, 'refused:access.notHelpdesk');
      assert.equal((await service.get(request.id))?.state, 'open');
    });

    it('a click from another tenant is refused', async () => {
      const { file, service, click } = approvalWorld();
      const request = await file();
      const error = await rejection(service.approve(click(request, { ...AGENT, tenantId: 'tenant-other' })));
      assert.equal(error.code, 'access.wrongTenant');
    });
  });

  describe('expiry', () => {
    it('a request past its time cannot be approved: the click expires it, audits it and frees the device', async () => {
      const { file, service, click, clock, intune, audit, requests } = approvalWorld();
      const request = await file();
      clock.advance(24 * HOUR);

      const error = await rejection(service.approve(click(request)));

      assert.equal(error.code, 'request.expired');
      assert.equal(intune.postCount(), 0);
      assert.equal((await service.get(request.id))?.state, 'expired');
      assert.equal(requests.deviceHolder(alicePhone.id), undefined);
      const kinds = audit.all().map((r) => [r.kind, r.actor.oid, r.outcome]);
      assert.deepEqual(kinds.slice(1), [
        ['request.refused', AGENT.oid, 'refused:request.expired'],
        ['request.expired', 'system', 'expired'],
      ]);
    });

    it('one minute before its time it can still be approved', async () => {
      const { file, service, click, clock } = approvalWorld();
      const request = await file();
      clock.advance(24 * HOUR - 60_000);
      assert.equal((await service.approve(click(request))).state, 'resetting');
    });

    it('the expiry sweep expires only requests past their time, once', async () => {
      const { file, service, clock } = approvalWorld();
      const early = await file();
      clock.advance(2 * HOUR);
      const late = await file(ALICE, alicePhone2.id);
      clock.advance(22 * HOUR);

      const changed = await service.expireDue();

      assert.deepEqual(changed.map((r) => r.id), [early.id]);
      assert.equal((await service.get(late.id))?.state, 'open');
      assert.deepEqual(await service.expireDue(), []);
      clock.advance(2 * HOUR);
      assert.deepEqual((await service.expireDue()).map((r) => r.id), [late.id]);
    });

    it('an expired request cannot be denied, and the employee sees it expired in their list', async () => {
      const { file, service, click, clock } = approvalWorld();
      const request = await file();
      clock.advance(25 * HOUR);

      assert.equal((await service.listMine(ALICE.oid))[0]?.state, 'expired');
      assert.equal((await rejection(service.deny(click(request), 'late'))).code, 'request.expired');
    });

    it('an expired request no longer holds its device: the employee can ask again', async () => {
      const { file, clock } = approvalWorld();
      await file();
      clock.advance(25 * HOUR);
      assert.equal((await file()).state, 'open');
    });
  });

  describe('deny', () => {
    it('a denial needs a reason', async () => {
      const { file, service, click } = approvalWorld();
      const request = await file();
      assert.equal((await rejection(service.deny(click(request), '  '))).code, 'request.denyReasonRequired');
      assert.equal((await service.get(request.id))?.state, 'open');
    });

    it('a denial with a reason records who denied and why, frees the device and is audited', async () => {
      const { file, service, click, audit, requests, intune } = approvalWorld();
      const request = await file();

      const denied = await service.deny(click(request), 'Please call the helpdesk from your desk phone');

      assert.equal(denied.state, 'denied');
      assert.deepEqual(denied.decidedBy, { oid: AGENT.oid, name: AGENT.name });
      assert.equal(denied.denyReason, 'Please call the helpdesk from your desk phone');
      assert.equal(requests.deviceHolder(alicePhone.id), undefined);
      const record = audit.all().at(-1);
      assert.equal(record?.kind, 'request.denied');
      assert.equal(record?.actor.oid, AGENT.oid);
      assert.equal(record?.onBehalfOf?.oid, ALICE.oid);
      assert.equal(record?.reason, 'Please call the helpdesk from your desk phone');
      assert.equal(intune.postCount(), 0);
    });

    it('a denied request cannot be approved', async () => {
      const { file, service, click } = approvalWorld();
      const request = await file();
      const denied = await service.deny(click(request), 'No');
      assert.equal((await rejection(service.approve(click(denied, OTHER_AGENT)))).code, 'request.finished');
    });
  });

  describe('cancel', () => {
    it('the employee withdraws their open request; it is audited and the device is free', async () => {
      const { file, service, audit, requests } = approvalWorld();
      const request = await file();

      const cancelled = await service.cancel(ALICE.oid);

      assert.equal(cancelled.id, request.id);
      assert.equal(cancelled.state, 'cancelled');
      assert.equal(requests.deviceHolder(alicePhone.id), undefined);
      assert.deepEqual([audit.all().at(-1)?.kind, audit.all().at(-1)?.actor.oid], ['request.cancelled', ALICE.oid]);
    });

    it('with nothing open, cancel says so', async () => {
      const { service } = approvalWorld();
      assert.equal((await rejection(service.cancel(ALICE.oid))).code, 'request.noneOpen');
    });

    it('an employee cannot withdraw someone else’s request', async () => {
      const { file, service } = approvalWorld();
      const request = await file();
      assert.equal((await rejection(service.cancel(BOB.oid, request.id))).code, 'request.notYours');
      assert.equal((await service.get(request.id))?.state, 'open');
    });

    it('a withdrawn request cannot be approved', async () => {
      const { file, service, click } = approvalWorld();
      const request = await file();
      await service.cancel(ALICE.oid, request.id);
      assert.equal((await rejection(service.approve(click(request)))).code, 'request.finished');
    });

    it('an approved request can no longer be withdrawn', async () => {
      const { file, service, click } = approvalWorld();
      const request = await file();
      await service.approve(click(request));
      assert.equal((await rejection(service.cancel(ALICE.oid, request.id))).code, 'request.finished');
    });

    it('my requests lists the employee’s requests, newest first', async () => {
      const { file, service, clock } = approvalWorld();
      const first = await file();
      clock.advance(60_000);
      const second = await file(ALICE, alicePhone2.id);
      await file(BOB, bobPhone.id);
      assert.deepEqual((await service.listMine(ALICE.oid)).map((r) => r.id), [second.id, first.id]);
    });
  });

  describe('exactly once', () => {
    it('two agents approving at the same moment on two instances: one wins, the other is told, one POST', async () => {
      const world = approvalWorld();
      const request = await world.file();
      const other = world.instance();

      const outcomes = await Promise.allSettled([
        world.service.approve(world.click(request, AGENT)),
        other.approve(world.click(request, OTHER_AGENT)),
      ]);

      const winners = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as AppError] : []));
      assert.equal(winners.length, 1);
      assert.deepEqual(losers.map((e) => e.code), ['request.finished']);
      // The loser reads the request again and sees who won.
      const stored = await world.service.get(request.id);
      assert.equal(stored?.decidedBy?.oid, winners[0]!.decidedBy?.oid);

      const [a, b] = await Promise.allSettled([world.service.execute(winners[0]!), other.execute(winners[0]!)]);
      assert.equal(world.intune.postCount(), 1);
      assert.equal([a, b].filter((o) => o.status === 'fulfilled').length, 1);
      assert.equal((await world.service.get(request.id))?.state, 'awaitingVerification');
      assert.equal(world.audit.all().filter((r) => r.kind === 'request.approved').length, 1);
    });

    it('a double click of one agent approves once', async () => {
      const { file, service, click } = approvalWorld();
      const request = await file();

      const outcomes = await Promise.allSettled([service.approve(click(request)), service.approve(click(request))]);

      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
    });

    it('a stale card (an older revision) is refused', async () => {
      const { file, service, click } = approvalWorld();
      const request = await file();
      const error = await rejection(service.approve({ ...click(request), revision: request.revision + 5 }));
      assert.equal(error.code, 'request.stale');
    });
  });

  describe('the reset and the identity check', () => {
    it('runs as the approving agent, ends awaiting verification, stores dates only, tells the owner', async () => {
      const world = approvalWorld();
      const request = await world.file();
      const approved = await world.service.approve(world.click(request));

      const done = await world.service.execute(approved);

      assert.equal(done.state, 'awaitingVerification');
      assert.ok(done.actionStartedAt);
      assert.ok(done.visibleUntil);
      const post = world.intune.calls.find((c) => c.method === 'resetPasscode');
      assert.deepEqual([post?.id, post?.asOid], [alicePhone.id, AGENT.oid]);
      assert.deepEqual(world.notifier.notices, [
        { owner: { oid: ALICE.oid, name: ALICE.name }, deviceName: alicePhone.deviceName, agentName: AGENT.name, locale: 'en', outcome: 'newPasscode' },
      ]);
      const kinds = world.audit.all().map((r) => r.kind);
      assert.deepEqual(kinds, ['request.created', 'request.approved', 'reset.started', 'reset.succeeded']);
      const succeeded = world.audit.all().at(-1);
      assert.equal(succeeded?.actor.oid, AGENT.oid);
      assert.equal(succeeded?.onBehalfOf?.oid, ALICE.oid);
      assert.equal(succeeded?.outcome, 'done');
      // The in-flight record was written before the POST and is marked delivered now.
      const entry = await world.inFlight.get(request.id);
      assert.ok(entry && Date.parse(entry.postedAt) <= post!.atMs);
      assert.ok(entry?.deliveredAt);
      assert.equal(world.running.size, 0);
    });

    it('only the approving agent verifies; the answer is audited; the passcode is read again and never stored', async () => {
      const world = approvalWorld();
      const request = await world.file();
      const waiting = await world.service.execute(await world.service.approve(world.click(request)));
      const readsBefore = world.intune.readCount(alicePhone.id);

      const notApprover = await rejection(world.service.verifyAndReveal(world.click(waiting, OTHER_AGENT), 'callBack'));
      assert.equal(notApprover.code, 'request.notApprover');
      assert.equal((await rejection(world.service.verifyAndReveal(world.click(waiting), 'other'))).code, 'request.noteRequired');

      const { request: done, issued } = await world.service.verifyAndReveal(world.click(waiting), 'callBack', 'Called back on the number in HR records');

      assert.equal(issued.passcode, world.intune.issuedPasscodes[0]);
      assert.equal(issued.deviceId, alicePhone.id);
      assert.equal(world.intune.readCount(alicePhone.id), readsBefore + 1);
      assert.equal(done.state, 'done');
      assert.equal(done.verification?.method, 'callBack');
      assert.equal(done.verification?.by.oid, AGENT.oid);
      assert.equal(world.requests.deviceHolder(alicePhone.id), undefined);
      const verified = world.audit.all().find((r) => r.kind === 'identity.verified');
      assert.equal(verified?.verification, 'callBack');
      assert.equal(verified?.reason, 'Called back on the number in HR records');
      assert.equal(verified?.actor.oid, AGENT.oid);
      assert.equal(world.audit.all().find((r) => r.kind === 'request.refused')?.outcome, 'refused:request.notApprover');

      assert.equal((await rejection(world.service.verifyAndReveal(world.click(done), 'callBack'))).code, 'request.finished');
      for (const passcode of world.intune.issuedPasscodes) {
        assert.ok(!everythingStored(world).includes(passcode), 'the passcode leaked into storage, audit or logs');
      }
    });

    it('a double click on the verification reveals the passcode once', async () => {
      const world = approvalWorld();
      const waiting = await world.service.execute(await world.service.approve(world.click(await world.file())));

      const outcomes = await Promise.allSettled([
        world.service.verifyAndReveal(world.click(waiting), 'inPerson'),
        world.service.verifyAndReveal(world.click(waiting), 'inPerson'),
      ]);

      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
      assert.equal(world.audit.all().filter((r) => r.kind === 'identity.verified').length, 1);
    });

    it('when a newer reset replaced the passcode, it is not revealed', async () => {
      const world = approvalWorld();
      const waiting = await world.service.execute(await world.service.approve(world.click(await world.file())));
      world.clock.advance(60_000);
      world.intune.seedResult(alicePhone.id, { actionState: 'pending', startDateTime: world.clock.now().toISOString() });

      const error = await rejection(world.service.verifyAndReveal(world.click(waiting), 'manager'));

      assert.equal(error.code, 'passcodeView.notAvailable');
      assert.equal((await world.service.get(waiting.id))?.state, 'awaitingVerification');
    });

    it('when Intune reports the reset failed, the request fails with Intune’s code, audited, device freed', async () => {
      const world = approvalWorld();
      world.intune.setBehaviour(alicePhone.id, { finalState: 'failed', errorCode: -2016345060 });
      const approved = await world.service.approve(world.click(await world.file()));

      const failed = await world.service.execute(approved);

      assert.equal(failed.state, 'failed');
      assert.equal(failed.failure?.code, 'reset.failed');
      assert.equal(failed.failure?.errorCode, '-2016345060');
      assert.equal(world.requests.deviceHolder(alicePhone.id), undefined);
      const record = world.audit.all().at(-1);
      assert.deepEqual([record?.kind, record?.outcome, record?.intuneErrorCode], ['reset.failed', 'failed:reset.failed', '-2016345060']);
      assert.deepEqual(world.notifier.notices, []);
    });

    it('a failing owner notice does not fail the reset', async () => {
      const world = approvalWorld();
      world.notifier.failWith = new Error('no conversation');
      const done = await world.service.execute(await world.service.approve(world.click(await world.file())));
      assert.equal(done.state, 'awaitingVerification');
    });

    it('when the in-flight record cannot be written, nothing is sent and the request fails', async () => {
      const world = approvalWorld();
      world.inFlight.failAdds = true;
      const failed = await world.service.execute(await world.service.approve(world.click(await world.file())));
      assert.equal(failed.state, 'failed');
      assert.equal(failed.failure?.code, 'state.unavailable');
      assert.equal(world.intune.postCount(), 0);
    });

    it('a request that was not approved cannot be executed', async () => {
      const { file, service } = approvalWorld();
      const request = await file();
      assert.equal((await rejection(service.execute(request))).code, 'request.stale');
    });
  });
});
