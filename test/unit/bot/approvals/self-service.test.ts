import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { errorText } from '../../../../src/cards/views';
import { myRequestsCard, newRequestCard, requestStatusCard } from '../../../../src/cards/approvals/employee-cards';
import { AppError } from '../../../../src/domain/errors';
import { t } from '../../../../src/i18n';
import { CHANNEL, execute, message } from '../support/fixtures';
import {
  APPROVER_ACCOUNT,
  APPROVER_PERSONAL,
  EMPLOYEE_ACCOUNT,
  EMPLOYEE_PERSONAL,
  HELPDESK_GROUP,
  OTHER_AGENT_ACCOUNT,
  approvalsHarness,
  cardIn,
  personalReference,
  type ApprovalsHarness,
} from './support/harness';
import { ALICE_DEVICES, EMPLOYEE, NOW, aRequest } from './support/requests';

interface Answer {
  type: string;
  value: unknown;
}

describe('employee self-service in Teams', () => {
  let h: ApprovalsHarness;
  const asEmployee = { conversation: EMPLOYEE_PERSONAL, from: EMPLOYEE_ACCOUNT };

  beforeEach(() => {
    h = approvalsHarness();
  });
  afterEach(() => sinon.restore());

  it('when an employee writes "I forgot my PIN" in the 1:1, then their own devices are shown with eligibility and a justification box', async () => {
    h.approvals.ownDevices.resolves(ALICE_DEVICES);
    await h.adapter.processActivity(message('I forgot my PIN', asEmployee));

    sinon.assert.calledOnceWithExactly(h.approvals.ownDevices, { oid: EMPLOYEE.oid, name: EMPLOYEE.name, tenantId: 'tenant-1' });
    const [reply] = h.adapter.inConversation(EMPLOYEE_PERSONAL.id);
    assert.deepEqual(cardIn(reply), newRequestCard(ALICE_DEVICES, 'en').content);
  });

  it('when asked in Japanese, then the card is in Japanese', async () => {
    h.approvals.ownDevices.resolves(ALICE_DEVICES);
    await h.adapter.processActivity(message('PIN を忘れました', { ...asEmployee, locale: 'ja-JP' }));
    assert.deepEqual(cardIn(h.adapter.inConversation(EMPLOYEE_PERSONAL.id)[0]), newRequestCard(ALICE_DEVICES, 'ja').content);
  });

  it('when asked in a channel, then the employee is sent to the 1:1 and no device is listed', async () => {
    await h.adapter.processActivity(message('I forgot my PIN', { conversation: CHANNEL, from: EMPLOYEE_ACCOUNT }));
    const replies = h.adapter.inConversation(CHANNEL.id);
    assert.deepEqual(replies.map((r) => r.text), [t('en', 'approvals.personalOnly')]);
    sinon.assert.notCalled(h.approvals.ownDevices);
  });

  it('when the employee requests a reset of a device, then the request is filed with their words and their 1:1, and the card says so', async () => {
    const filed = aRequest();
    h.approvals.file.resolves(filed);
    const response = await h.adapter.invoke(
      execute('fileRequest', { deviceId: 'device-1', justification: '  Forgot the PIN after the holidays ' }, asEmployee),
    );

    const input = h.approvals.file.firstCall.args[0];
    assert.equal(input.deviceId, 'device-1');
    assert.equal(input.justification, 'Forgot the PIN after the holidays');
    assert.equal(input.requester.oid, EMPLOYEE.oid);
    assert.equal(input.requesterConversation.conversation.id, EMPLOYEE_PERSONAL.id);
    assert.deepEqual((response.body as Answer).value, requestStatusCard(filed, 'en', NOW).content);
  });

  it('when a request is filed, then its card goes to the 1:1 of each known helpdesk member but never to the requester', async () => {
    await h.people.remember(APPROVER_ACCOUNT.aadObjectId!, personalReference(APPROVER_PERSONAL.id, APPROVER_ACCOUNT), true);
    await h.people.remember(EMPLOYEE.oid, personalReference(EMPLOYEE_PERSONAL.id, EMPLOYEE_ACCOUNT), true);
    h.approvals.file.resolves(aRequest());
    await h.adapter.invoke(execute('fileRequest', { deviceId: 'device-1', justification: 'x' }, asEmployee));
    await h.bot.whenIdle();

    const toApprover = h.adapter.inConversation(APPROVER_PERSONAL.id).filter((a) => cardIn(a));
    assert.equal(toApprover.length, 1);
    assert.ok(JSON.stringify(cardIn(toApprover[0])).includes('approveRequest'));
    const toEmployee = h.adapter.inConversation(EMPLOYEE_PERSONAL.id).filter((a) => JSON.stringify(a).includes('approveRequest'));
    assert.equal(toEmployee.length, 0);
  });

  it('when a known helpdesk member has left the helpdesk group, then no card reaches them and they leave the roster', async () => {
    const otherChat = 'a:personal-29:kenji';
    await h.people.remember(APPROVER_ACCOUNT.aadObjectId!, personalReference(APPROVER_PERSONAL.id, APPROVER_ACCOUNT), true);
    await h.people.remember(OTHER_AGENT_ACCOUNT.aadObjectId!, personalReference(otherChat, OTHER_AGENT_ACCOUNT), true);
    h.directory.removeMember(HELPDESK_GROUP, OTHER_AGENT_ACCOUNT.aadObjectId!);
    h.approvals.file.resolves(aRequest());

    await h.adapter.invoke(execute('fileRequest', { deviceId: 'device-1', justification: 'x' }, asEmployee));
    await h.bot.whenIdle();

    assert.equal(h.adapter.inConversation(APPROVER_PERSONAL.id).filter((a) => cardIn(a)).length, 1, 'the member still in the group gets the card');
    assert.deepEqual(h.adapter.inConversation(otherChat), [], 'nothing reaches the one who left');
    assert.deepEqual((await h.people.helpdeskMembers(10)).map((m) => m.oid), [APPROVER_ACCOUNT.aadObjectId]);
  });

  it('when a member\'s membership cannot be read now, then no card reaches them (they may have left)', async () => {
    const otherChat = 'a:personal-29:kenji';
    await h.people.remember(APPROVER_ACCOUNT.aadObjectId!, personalReference(APPROVER_PERSONAL.id, APPROVER_ACCOUNT), true);
    await h.people.remember(OTHER_AGENT_ACCOUNT.aadObjectId!, personalReference(otherChat, OTHER_AGENT_ACCOUNT), true);
    h.directory.unreadableMembership.add(OTHER_AGENT_ACCOUNT.aadObjectId!);
    h.approvals.file.resolves(aRequest());

    await h.adapter.invoke(execute('fileRequest', { deviceId: 'device-1', justification: 'x' }, asEmployee));
    await h.bot.whenIdle();

    assert.equal(h.adapter.inConversation(APPROVER_PERSONAL.id).filter((a) => cardIn(a)).length, 1);
    assert.deepEqual(h.adapter.inConversation(otherChat), []);
  });

  it('when an approval channel was chosen, then the card is a new post in that channel', async () => {
    await h.settings.setApprovalChannel({
      reference: { ...personalReference('19:helpdesk@thread.tacv2;messageid=1700000000000', APPROVER_ACCOUNT), conversation: { id: '19:helpdesk@thread.tacv2;messageid=1700000000000', conversationType: 'channel' } },
      setBy: { oid: 'agent-oid-1', name: 'Hana' },
      setAt: NOW.toISOString(),
    });
    h.approvals.file.resolves(aRequest());
    await h.adapter.invoke(execute('fileRequest', { deviceId: 'device-1', justification: 'x' }, asEmployee));
    await h.bot.whenIdle();
    const posted = h.adapter.inConversation('19:helpdesk@thread.tacv2');
    assert.equal(posted.length, 1);
    assert.ok(JSON.stringify(cardIn(posted[0])).includes('approveRequest'));
  });

  it('when nobody in the helpdesk can be reached, then the employee is told to call as well', async () => {
    h.approvals.file.resolves(aRequest());
    await h.adapter.invoke(execute('fileRequest', { deviceId: 'device-1', justification: 'x' }, asEmployee));
    await h.bot.whenIdle();
    assert.ok(h.adapter.inConversation(EMPLOYEE_PERSONAL.id).some((a) => a.text === t('en', 'approvals.filed.noApprover')));
  });

  it('when the domain refuses the request (one open per device), then the employee reads why and nothing is posted', async () => {
    const busy = new AppError('request.deviceBusy', 'busy');
    h.approvals.file.rejects(busy);
    const response = await h.adapter.invoke(execute('fileRequest', { deviceId: 'device-1', justification: 'x' }, asEmployee));
    assert.deepEqual(response.body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: errorText(busy, 'en') });
  });

  it('"my requests" lists the employee\'s requests', async () => {
    const mine = [aRequest(), aRequest({ id: 'request-0', state: 'denied', denyReason: 'stolen' })];
    h.approvals.listMine.resolves(mine);
    await h.adapter.processActivity(message('my requests', asEmployee));
    sinon.assert.calledOnceWithExactly(h.approvals.listMine, EMPLOYEE.oid, 10);
    assert.deepEqual(cardIn(h.adapter.inConversation(EMPLOYEE_PERSONAL.id)[0]), myRequestsCard(mine, 'en', NOW).content);
  });

  it('"cancel" withdraws the open request and every card copy says so', async () => {
    const cancelled = aRequest({ state: 'cancelled', revision: 2 });
    h.approvals.cancel.resolves(cancelled);
    await h.adapter.processActivity(message('cancel', asEmployee));
    await h.bot.whenIdle();
    sinon.assert.calledOnceWithExactly(h.approvals.cancel, EMPLOYEE.oid);
    assert.deepEqual(h.adapter.inConversation(EMPLOYEE_PERSONAL.id).map((a) => a.text), [
      t('en', 'approvals.cancel.done', { device: 'ALICE-LUMIA' }),
    ]);
  });

  it('"cancel" without an open request says there is none', async () => {
    const none = new AppError('request.noneOpen', 'none');
    h.approvals.cancel.rejects(none);
    await h.adapter.processActivity(message('キャンセル', { ...asEmployee, locale: 'ja-JP' }));
    assert.deepEqual(h.adapter.inConversation(EMPLOYEE_PERSONAL.id).map((a) => a.text), [errorText(none, 'ja')]);
  });

  it('Cancel request on the card withdraws that request', async () => {
    const cancelled = aRequest({ state: 'cancelled', revision: 2 });
    h.approvals.cancel.resolves(cancelled);
    const response = await h.adapter.invoke(execute('cancelMyRequest', { requestId: 'request-1', revision: 1 }, asEmployee));
    sinon.assert.calledOnceWithExactly(h.approvals.cancel, EMPLOYEE.oid, 'request-1');
    assert.deepEqual((response.body as Answer).value, requestStatusCard(cancelled, 'en', NOW).content);
  });
});
