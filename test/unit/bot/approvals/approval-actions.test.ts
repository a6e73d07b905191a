import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { errorText } from '../../../../src/cards/views';
import { approvalCard, hiddenRevealedPasscodeCard, revealedPasscodeCard } from '../../../../src/cards/approvals/helpdesk-cards';
import { employeeNoticeText } from '../../../../src/cards/approvals/employee-cards';
import { AppError } from '../../../../src/domain/errors';
import { CHANNEL, execute } from '../support/fixtures';
import {
  APPROVER_ACCOUNT,
  APPROVER_PERSONAL,
  EMPLOYEE_ACCOUNT,
  EMPLOYEE_PERSONAL,
  OTHER_AGENT_ACCOUNT,
  approvalsHarness,
  cardIn,
  personalReference,
  type ApprovalsHarness,
} from './support/harness';
import { APPROVER, ISSUED, NOW, SECRET, aRequest, decided } from './support/requests';

interface Answer {
  statusCode: number;
  type: string;
  value: unknown;
}

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

describe('helpdesk decisions on request cards', () => {
  let h: ApprovalsHarness;
  const inChannel = { conversation: CHANNEL, from: APPROVER_ACCOUNT, replyToId: 'card-in-channel' };
  const inPersonal = { conversation: APPROVER_PERSONAL, from: APPROVER_ACCOUNT, replyToId: 'verify-card' };
  const click = { requestId: 'request-1', revision: 1 };

  beforeEach(() => {
    h = approvalsHarness();
  });
  afterEach(() => sinon.restore());

  function answerOf(response: { body?: unknown }): Answer {
    return response.body as Answer;
  }

  it('when an agent without a session clicks Approve, then Teams is asked for a token and nothing is approved yet', async () => {
    const response = await h.adapter.invoke(execute('approveRequest', click, inChannel));
    assert.equal(response.status, 401);
    assert.equal(answerOf(response).type, 'application/vnd.microsoft.activity.loginRequest');
    sinon.assert.notCalled(h.approvals.approve);
  });

  it('when Teams repeats the click with a token, then the agent is signed in and the request approved', async () => {
    h.approvals.approve.resolves(decided('resetting'));
    h.approvals.execute.resolves(decided('awaitingVerification', { revision: 5 }));
    const value = { action: { type: 'Action.Execute', verb: 'approveRequest', data: click }, authentication: { token: 'sso-token' } };
    const response = await h.adapter.invoke({ ...execute('approveRequest', click, inChannel), value });
    await h.bot.whenIdle();
    sinon.assert.calledOnceWithExactly(h.tokens.signIn, 'sso-token', APPROVER.oid);
    assert.equal(answerOf(response).type, CARD);
  });

  it('when the token Teams attached cannot be exchanged (Entra failed), then the agent reads that sign-in failed and what to do, and nothing is approved', async () => {
    h.tokens.failWith = new AppError('auth.unexpected', 'token endpoint answered 503');
    const value = { action: { type: 'Action.Execute', verb: 'approveRequest', data: click }, authentication: { token: 'sso-token' } };
    const response = await h.adapter.invoke({ ...execute('approveRequest', click, inChannel), value });
    assert.equal(response.status, 200);
    assert.equal(answerOf(response).type, MESSAGE);
    assert.equal(answerOf(response).value, errorText(new AppError('auth.unexpected', 'x'), 'en'));
    sinon.assert.notCalled(h.approvals.approve);
  });

  describe('Approve', () => {
    beforeEach(() => {
      h.tokens.sessions.add(APPROVER.oid);
      h.approvals.approve.resolves(decided('resetting', { revision: 2 }));
    });

    it('then the domain gets the request, revision, approver and where they clicked; the card says who approved', async () => {
      h.approvals.execute.resolves(decided('awaitingVerification', { revision: 4 }));
      const response = await h.adapter.invoke(execute('approveRequest', click, inChannel));
      const input = h.approvals.approve.firstCall.args[0];
      assert.equal(input.requestId, 'request-1');
      assert.equal(input.revision, 1);
      assert.equal(input.actor.oid, APPROVER.oid);
      assert.equal(input.conversation.conversation.id, CHANNEL.id);
      assert.deepEqual(answerOf(response).value, approvalCard(decided('resetting', { revision: 2 }), 'en', NOW).content);
      await h.bot.whenIdle();
    });

    it('then the reset runs afterwards, the identity question reaches the approver privately, and the employee is told', async () => {
      const waiting = decided('awaitingVerification', { revision: 4 });
      h.approvals.execute.resolves(waiting);
      await h.adapter.invoke(execute('approveRequest', click, inChannel));
      await h.bot.whenIdle();

      sinon.assert.calledOnce(h.approvals.execute);
      const toApprover = h.adapter.inConversation(`a:personal-${APPROVER_ACCOUNT.id}`);
      const question = toApprover.map(cardIn).find((card) => JSON.stringify(card).includes('verifyIdentity'));
      assert.ok(question, 'the identity question is in the approver’s 1:1');
      assert.ok(!h.adapter.inConversation(CHANNEL.id).some((a) => JSON.stringify(a).includes('verifyIdentity')), 'not in the channel');
      const told = h.adapter.inConversation(EMPLOYEE_PERSONAL.id).map((a) => a.text);
      assert.deepEqual(told, [employeeNoticeText(waiting, 'en', NOW)]);
    });

    it('then every other copy of the card is updated, the clicked one by the answer itself', async () => {
      await h.people.remember('agent-oid-2', personalReference('a:personal-kenji', OTHER_AGENT_ACCOUNT), true);
      await h.people.remember(APPROVER.oid, personalReference(APPROVER_PERSONAL.id, APPROVER_ACCOUNT), true);
      h.approvals.file.resolves(aRequest());
      await h.adapter.invoke(execute('fileRequest', { deviceId: 'device-1', justification: 'x' }, { conversation: EMPLOYEE_PERSONAL, from: EMPLOYEE_ACCOUNT }));
      await h.bot.whenIdle();
      const hanaCopy = h.adapter.inConversation(APPROVER_PERSONAL.id).find((a) => cardIn(a));
      assert.ok(hanaCopy);
      const hanaCopyId = h.adapter.sent.find((r) => r.activity === hanaCopy)?.activity.id;

      h.approvals.execute.resolves(decided('failed', { revision: 4, failure: { code: 'reset.failed' } }));
      await h.adapter.invoke(execute('approveRequest', click, { ...inPersonal, replyToId: hanaCopyId }));
      await h.bot.whenIdle();
      const kenjiUpdates = h.adapter.updated.filter((u) => u.conversationId === 'a:personal-kenji');
      assert.ok(kenjiUpdates.length >= 2, 'Kenji’s copy shows "approved", then the outcome');
      assert.match(JSON.stringify(kenjiUpdates.at(-1)?.activity), /the reset failed/);
    });

    it('when another agent approved first, then the card shows who won and nothing else happens', async () => {
      const won = decided('resetting', { revision: 2, decidedBy: { oid: 'agent-oid-2', name: 'Kenji Sato' } });
      h.approvals.approve.rejects(new AppError('request.finished', 'taken'));
      h.approvals.get.resolves(won);
      const response = await h.adapter.invoke(execute('approveRequest', click, inChannel));
      await h.bot.whenIdle();
      assert.deepEqual(answerOf(response).value, approvalCard(won, 'en', NOW).content);
      assert.match(JSON.stringify(answerOf(response).value), /Kenji Sato/);
      sinon.assert.notCalled(h.approvals.execute);
    });

    it('when the requester tries to approve their own request, then they are told and nothing happens', async () => {
      const own = new AppError('request.selfApproval', 'self');
      h.approvals.approve.rejects(own);
      const response = await h.adapter.invoke(execute('approveRequest', click, inChannel));
      assert.deepEqual(answerOf(response), { statusCode: 200, type: MESSAGE, value: errorText(own, 'en') });
      sinon.assert.notCalled(h.approvals.execute);
    });
  });

  describe('Deny', () => {
    beforeEach(() => h.tokens.sessions.add(APPROVER.oid));

    it('then the reason typed on the card goes to the domain, the card shows who denied and why, and the employee is told', async () => {
      const denied = decided('denied', { revision: 2, denyReason: 'Device reported stolen' });
      h.approvals.deny.resolves(denied);
      const response = await h.adapter.invoke(execute('denyRequest', { ...click, denyReason: ' Device reported stolen ' }, inChannel));
      await h.bot.whenIdle();
      assert.equal(h.approvals.deny.firstCall.args[1], 'Device reported stolen');
      assert.match(JSON.stringify(answerOf(response).value), /Denied by Hana Helpdesk[\s\S]*Device reported stolen/);
      assert.deepEqual(h.adapter.inConversation(EMPLOYEE_PERSONAL.id).map((a) => a.text), [employeeNoticeText(denied, 'en', NOW)]);
    });

    it('without a reason, then the domain\'s refusal is shown and nothing changes', async () => {
      const missing = new AppError('request.denyReasonRequired', 'reason');
      h.approvals.deny.rejects(missing);
      const response = await h.adapter.invoke(execute('denyRequest', click, inChannel));
      assert.deepEqual(answerOf(response), { statusCode: 200, type: MESSAGE, value: errorText(missing, 'en') });
    });
  });

  describe('identity verification', () => {
    beforeEach(() => h.tokens.sessions.add(APPROVER.oid));

    it('when answered in the 1:1, then the passcode replaces the question there, and nowhere else', async () => {
      const done = decided('done', { revision: 5, verification: { method: 'callBack', by: { oid: APPROVER.oid, name: APPROVER.name }, at: NOW.toISOString() } });
      h.approvals.verifyAndReveal.resolves({ request: done, issued: ISSUED });
      const response = await h.adapter.invoke(execute('verifyIdentity', { requestId: 'request-1', revision: 4, method: 'callBack', note: '' }, inPersonal));
      await h.bot.whenIdle();

      const [input, method, note] = h.approvals.verifyAndReveal.firstCall.args;
      assert.equal(input.revision, 4);
      assert.equal(method, 'callBack');
      assert.equal(note, undefined);
      assert.deepEqual(answerOf(response).value, revealedPasscodeCard(ISSUED, 'Alice Smith (alice@contoso.com)', 'en').content);
      for (const { activity } of h.adapter.everything()) {
        assert.ok(!JSON.stringify(activity).includes(SECRET), 'the passcode went nowhere else');
      }
      assert.ok(!h.logger.text().includes(SECRET), 'nor into the log');
    });

    it('when answered from a shared conversation, then it is refused before anything is read', async () => {
      const response = await h.adapter.invoke(execute('verifyIdentity', { requestId: 'request-1', revision: 4, method: 'callBack' }, inChannel));
      assert.equal(answerOf(response).type, MESSAGE);
      sinon.assert.notCalled(h.approvals.verifyAndReveal);
    });

    it('when no way of verifying was chosen, then the agent is asked to choose one', async () => {
      const response = await h.adapter.invoke(execute('verifyIdentity', { requestId: 'request-1', revision: 4, method: 'telepathy' }, inPersonal));
      assert.equal(answerOf(response).type, MESSAGE);
      sinon.assert.notCalled(h.approvals.verifyAndReveal);
    });

    it('Hide replaces the passcode card with one without it', async () => {
      const response = await h.adapter.invoke(execute('hideShownPasscode', { deviceId: 'device-1' }, inPersonal));
      assert.deepEqual(answerOf(response).value, hiddenRevealedPasscodeCard('device-1', 'en').content);
    });

    it('when Hide carries a device id that is not well-formed text, then the card is hidden all the same and nothing fails', async () => {
      const response = await h.adapter.invoke(execute('hideShownPasscode', { deviceId: 'device-\ud800' }, inPersonal));
      assert.equal(response.status, 200);
      assert.equal(answerOf(response).type, CARD);
      assert.deepEqual(h.logger.lines.filter((line) => line.level === 'error').map((line) => line.event), [], 'no failure on our side');
    });
  });
});
