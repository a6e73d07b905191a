import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { errorText, flowCard, passcodeCard, progressCard } from '../../../src/cards/views';
import { AppError } from '../../../src/domain/errors';
import type { IssuedPasscode } from '../../../src/domain/model';
import type { ResetFlow } from '../../../src/domain/reset/reset-flow';
import { formatDateTime, t } from '../../../src/i18n';
import { AGENT, aResetFlow } from '../../fakes';
import { AGENT_ACCOUNT, CHANNEL, GROUP_CHAT, PERSONAL, TENANT_ID, execute, harness, type Harness } from './support/fixtures';

const PASSCODE = '73915824';
const ISSUED: IssuedPasscode = {
  deviceId: 'device-1',
  deviceName: 'Alice Lumia 950',
  passcode: PASSCODE,
  startedAt: '2026-11-25T08:00:05.000Z',
  visibleUntil: '2026-12-02T08:00:05.000Z',
};

describe('PasscodeDeskBot reset and private delivery', () => {
  let h: Harness;
  const resetting = aResetFlow({ state: 'resetting', revision: 3 });

  beforeEach(() => {
    h = harness();
    h.tokens.sessions.add(AGENT.oid);
    h.resetFlows.confirm.resolves(resetting);
  });
  afterEach(() => sinon.restore());

  function endsDone(originIsPersonal: boolean): ResetFlow {
    const done = aResetFlow({ state: 'done', revision: 4, originIsPersonal });
    h.resetFlows.execute.resolves({ flow: done, issued: ISSUED });
    return done;
  }

  /** Nothing outside the agent's 1:1 card body may show the passcode. */
  function assertPasscodeOnlyInPersonalCardBody(personalId: string): void {
    for (const { conversationId, activity } of h.adapter.everything()) {
      assert.ok(!(activity.text ?? '').includes(PASSCODE), 'passcode in a text');
      assert.ok(!(activity.summary ?? '').includes(PASSCODE), 'passcode in a summary');
      if (conversationId !== personalId) {
        assert.ok(!JSON.stringify(activity).includes(PASSCODE), `passcode in ${conversationId}`);
      }
    }
    for (const { activity } of h.adapter.sent.filter((r) => r.activity.type === 'invokeResponse')) {
      assert.ok(!JSON.stringify(activity).includes(PASSCODE), 'passcode in an invoke response');
    }
    assert.ok(!h.logger.contains(PASSCODE), 'passcode in the log');
  }

  it('when the agent confirms, then the click is answered at once with the progress card and the reset runs afterwards', async () => {
    let release!: () => void;
    h.resetFlows.execute.callsFake(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { flow: aResetFlow({ state: 'done', revision: 4 }), issued: ISSUED };
    });
    const response = await h.adapter.invoke(execute('confirm', { flowId: 'flow-1', revision: 2 }));

    sinon.assert.calledOnceWithExactly(h.resetFlows.confirm, { flowId: 'flow-1', revision: 2, actorOid: AGENT.oid, cardActivityId: 'card-message-1' });
    const body = response.body as { type: string; value: unknown };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.deepEqual(body.value, progressCard(resetting, { phase: 'sending', elapsedSeconds: 0 }, 'en').content);
    sinon.assert.calledOnce(h.resetFlows.execute);
    assert.equal(h.resetFlows.execute.firstCall.args[0], resetting);
    release();
    await h.bot.whenIdle();
  });

  it('when a reset from the 1:1 chat is done, then the passcode card is posted there and the flow card says so', async () => {
    const done = endsDone(true);
    await h.adapter.invoke(execute('confirm', { flowId: 'flow-1', revision: 2 }, { replyToId: 'card-9' }));
    await h.bot.whenIdle();

    const posted = h.adapter.inConversation(PERSONAL.id);
    assert.equal(posted.length, 1);
    assert.deepEqual(posted[0].attachments?.[0].content, passcodeCard(done, ISSUED, 'en').content);
    assert.equal(posted[0].summary, t('en', 'bot.passcodeMessage', { device: ISSUED.deviceName }));
    const finalUpdate = h.adapter.updated.at(-1)!;
    assert.equal(finalUpdate.activity.id, 'card-9');
    assert.deepEqual(finalUpdate.activity.attachments?.[0].content, flowCard(done, 'en').content);
    assert.equal(h.adapter.createdConversations.length, 0);
    assertPasscodeOnlyInPersonalCardBody(PERSONAL.id);
  });

  for (const shared of [CHANNEL, GROUP_CHAT]) {
    it(`when a reset from a ${shared.conversationType} is done, then the passcode goes to the agent's 1:1 and the ${shared.conversationType} only learns it was sent privately`, async () => {
      const done = endsDone(false);
      await h.adapter.invoke(execute('confirm', { flowId: 'flow-1', revision: 2 }, { conversation: shared, replyToId: 'card-3' }));
      await h.bot.whenIdle();

      const created = h.adapter.createdConversations;
      assert.equal(created.length, 1);
      assert.deepEqual(created[0].members?.map((m) => m.id), [AGENT_ACCOUNT.id]);
      assert.equal(created[0].isGroup, false);
      assert.equal(created[0].tenantId, TENANT_ID);
      const personalId = `a:personal-${AGENT_ACCOUNT.id}`;
      const privately = h.adapter.inConversation(personalId);
      assert.equal(privately.length, 1);
      assert.deepEqual(privately[0].attachments?.[0].content, passcodeCard(done, ISSUED, 'en').content);

      assert.equal(h.adapter.inConversation(shared.id).length, 0);
      const finalUpdate = h.adapter.updated.at(-1)!;
      assert.equal(finalUpdate.conversationId, shared.id);
      assert.equal(finalUpdate.activity.id, 'card-3');
      assert.deepEqual(finalUpdate.activity.attachments?.[0].content, flowCard(done, 'en').content);
      assertPasscodeOnlyInPersonalCardBody(personalId);
    });
  }

  it('when the agent cannot be reached privately, then no passcode is shown anywhere and the channel says how to fix it', async () => {
    endsDone(false);
    h.adapter.unreachable.add(AGENT_ACCOUNT.id);
    await h.adapter.invoke(execute('confirm', { flowId: 'flow-1', revision: 2 }, { conversation: CHANNEL }));
    await h.bot.whenIdle();

    const finalUpdate = h.adapter.updated.at(-1)!;
    assert.equal(finalUpdate.conversationId, CHANNEL.id);
    assert.equal(finalUpdate.activity.text, t('en', 'bot.privateDeliveryFailed', { date: formatDateTime(ISSUED.visibleUntil, 'en') }));
    assert.deepEqual(finalUpdate.activity.attachments, []);
    for (const { activity } of h.adapter.everything()) {
      assert.ok(!JSON.stringify(activity).includes(PASSCODE));
    }
    assert.ok(!h.logger.contains(PASSCODE));
  });

  it('while Intune works, then the flow card shows the progress in place', async () => {
    h.resetFlows.execute.callsFake(async (_flow, onProgress) => {
      onProgress?.({ phase: 'waitingForIntune', actionState: 'pending', elapsedSeconds: 12 });
      await Promise.resolve();
      return { flow: aResetFlow({ state: 'failed', revision: 4, failure: { code: 'reset.failed', errorCode: '-2016281112' } }) };
    });
    await h.adapter.invoke(execute('confirm', { flowId: 'flow-1', revision: 2 }, { replyToId: 'card-5' }));
    await h.bot.whenIdle();

    const contents = h.adapter.updated.map((u) => u.activity.attachments?.[0]?.content);
    assert.deepEqual(
      contents[0],
      progressCard(resetting, { phase: 'waitingForIntune', actionState: 'pending', elapsedSeconds: 12 }, 'en').content,
    );
    assert.ok(h.adapter.updated.every((u) => u.activity.id === 'card-5'));
  });

  it('when the reset fails, then the flow card shows the failure and nothing is sent privately', async () => {
    const failed = aResetFlow({ state: 'failed', revision: 4, failure: { code: 'graph.forbidden', requestId: 'req-1' } });
    h.resetFlows.execute.resolves({ flow: failed });
    await h.adapter.invoke(execute('confirm', { flowId: 'flow-1', revision: 2 }, { conversation: CHANNEL }));
    await h.bot.whenIdle();

    assert.deepEqual(h.adapter.updated.at(-1)!.activity.attachments?.[0].content, flowCard(failed, 'en').content);
    assert.equal(h.adapter.createdConversations.length, 0);
  });

  it('when the reset throws, then the card says what happened and no rejection is left unhandled', async () => {
    const unhandled = sinon.spy();
    process.on('unhandledRejection', unhandled);
    try {
      const error = new AppError('reset.outcomeUnknown', 'lost');
      h.resetFlows.execute.rejects(error);
      await h.adapter.invoke(execute('confirm', { flowId: 'flow-1', revision: 2 }));
      await h.bot.whenIdle();
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(h.adapter.updated.at(-1)!.activity.text, errorText(error, 'en'));
      assert.equal(unhandled.called, false);
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('when a second Yes arrives, then nothing runs again and the clicker learns why', async () => {
    const finished = new AppError('flow.finished', 'already resetting');
    h.resetFlows.confirm.rejects(finished);
    h.resetFlows.get.resolves(resetting);
    const response = await h.adapter.invoke(execute('confirm', { flowId: 'flow-1', revision: 2 }));
    await h.bot.whenIdle();
    assert.equal(h.resetFlows.execute.called, false);
    const body = response.body as { type: string; value: unknown };
    assert.deepEqual(body.value, flowCard(resetting, 'en').content);
    assert.deepEqual(h.adapter.inConversation(PERSONAL.id).map((a) => a.text), [errorText(finished, 'en')]);
  });
});
