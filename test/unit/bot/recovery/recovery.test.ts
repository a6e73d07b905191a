import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { PeriodicJobs } from '../../../../src/bot/approvals/periodic-jobs';
import { revealedPasscodeCard, verifyIdentityCard } from '../../../../src/cards/approvals/helpdesk-cards';
import { getPasscodeCard } from '../../../../src/cards/recovery/recovery-cards';
import { flowCard } from '../../../../src/cards/views';
import type { ResetFlow } from '../../../../src/domain/reset/reset-flow';
import type { InFlightReset } from '../../../../src/ports/in-flight-store';
import { t } from '../../../../src/i18n';
import { MemoryLogger } from '../../../fakes';
import { APPROVER_ACCOUNT, APPROVER_PERSONAL, OTHER_AGENT_ACCOUNT, approvalsHarness, cardIn, personalReference, type ApprovalsHarness } from '../approvals/support/harness';
import { APPROVER, ISSUED, SECRET, decided } from '../approvals/support/requests';
import { flowIn } from '../../cards/fixtures';
import { BOT_ACCOUNT, CHANNEL, execute, message } from '../support/fixtures';

const ENTRY: InFlightReset = {
  id: 'flow-9',
  kind: 'agentFlow',
  tenantId: 'tenant-1',
  deviceId: 'device-1',
  deviceName: 'ALICE-LUMIA',
  agent: { oid: APPROVER.oid, name: APPROVER.name },
  postedAt: '2026-11-25T08:59:00.000Z',
  agentConversation: personalReference(APPROVER_PERSONAL.id, APPROVER_ACCOUNT),
  locale: 'en',
};

/** Hana's flow, started in the helpdesk channel, whose card (message card-7) said "Resetting…" when the bot stopped. */
function flowInChannel(state: 'done' | 'failed'): ResetFlow {
  return flowIn(state, {
    id: ENTRY.id,
    agent: { oid: APPROVER.oid, name: APPROVER.name, tenantId: 'tenant-1' },
    origin: {
      channelId: 'msteams',
      serviceUrl: 'https://smba.example.test/teams/',
      conversation: { id: CHANNEL.id, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
      bot: { id: BOT_ACCOUNT.id, name: BOT_ACCOUNT.name },
      user: { id: APPROVER_ACCOUNT.id, name: APPROVER_ACCOUNT.name, aadObjectId: APPROVER.oid },
      activityId: 'command-1',
    },
    cardActivityId: 'card-7',
  });
}

describe('resets that outlived a restart', () => {
  let h: ApprovalsHarness;
  const inPersonal = { conversation: APPROVER_PERSONAL, from: APPROVER_ACCOUNT };
  afterEach(() => sinon.restore());

  describe('on start-up', () => {
    let jobs: PeriodicJobs;
    beforeEach(() => {
      jobs = new PeriodicJobs(new MemoryLogger());
    });
    afterEach(() => jobs.stop());

    it('when the agent has no session, then a Get passcode button is posted to their 1:1', async () => {
      h = approvalsHarness({ jobs, pendingAtStartup: [{ kind: 'needsSignIn', entry: ENTRY }] });
      await jobs.stop();
      await h.bot.whenIdle();
      const posted = h.adapter.inConversation(APPROVER_PERSONAL.id).map(cardIn);
      assert.deepEqual(posted, [getPasscodeCard(ENTRY, 'en').content]);
    });

    it('when recovery delivers an agent flow, then the passcode reaches the agent privately, in the card body only', async () => {
      h = approvalsHarness({ jobs, pendingAtStartup: [{ kind: 'deliver', entry: ENTRY, issued: ISSUED }] });
      await jobs.stop();
      await h.bot.whenIdle();
      const privately = h.adapter.inConversation(APPROVER_PERSONAL.id);
      assert.deepEqual(cardIn(privately[0]), revealedPasscodeCard(ISSUED, undefined, 'en').content);
      assert.ok(!(privately[0].summary ?? '').includes(SECRET));
      assert.ok(!h.logger.text().includes(SECRET));
    });

    it('when recovery delivers an agent flow, then the card where the agent started it shows the outcome, without the passcode', async () => {
      const flow = flowInChannel('done');
      h = approvalsHarness({ jobs, pendingAtStartup: [{ kind: 'deliver', entry: ENTRY, issued: ISSUED, flow }] });
      await jobs.stop();
      await h.bot.whenIdle();
      assert.ok(JSON.stringify(cardIn(h.adapter.inConversation(APPROVER_PERSONAL.id)[0])).includes(SECRET), 'the passcode went to the agent privately');
      const updates = h.adapter.updated.filter((u) => u.conversationId === CHANNEL.id);
      assert.deepEqual(updates.map((u) => u.activity.id), ['card-7']);
      assert.deepEqual(cardIn(updates[0]!.activity), flowCard(flow, 'en').content);
      assert.ok(!JSON.stringify(updates).includes(SECRET));
      assert.deepEqual(h.adapter.inConversation(CHANNEL.id), [], 'nothing new in the channel');
    });

    it('when the card cannot be updated, then the passcode still reaches the agent and the log says why, without the passcode', async () => {
      h = approvalsHarness({ jobs, pendingAtStartup: [{ kind: 'deliver', entry: ENTRY, issued: ISSUED, flow: flowInChannel('done') }] });
      sinon.stub(h.adapter, 'continueConversationAsync').callThrough().withArgs(sinon.match.any, sinon.match({ conversation: { id: CHANNEL.id } })).rejects(new Error('Teams is down'));
      await jobs.stop();
      await h.bot.whenIdle();
      assert.equal(cardIn(h.adapter.inConversation(APPROVER_PERSONAL.id)[0])?.type, 'AdaptiveCard');
      assert.ok(JSON.stringify(h.adapter.inConversation(APPROVER_PERSONAL.id)).includes(SECRET), 'the passcode card reached the agent');
      assert.ok(h.logger.events().includes('recovery.card.updateFailed'));
      assert.ok(!h.logger.text().includes(SECRET));
    });

    it('when the recovered reset failed, then the card where the agent started it says so too', async () => {
      const flow = flowInChannel('failed');
      h = approvalsHarness({ jobs, pendingAtStartup: [{ kind: 'failed', entry: ENTRY, failure: { code: 'graph.forbidden' }, flow }] });
      await jobs.stop();
      await h.bot.whenIdle();
      const updates = h.adapter.updated.filter((u) => u.conversationId === CHANNEL.id);
      assert.deepEqual(updates.map((u) => cardIn(u.activity)), [flowCard(flow, 'en').content]);
    });

    it('when the recovered reset failed, then the agent reads what happened', async () => {
      h = approvalsHarness({ jobs, pendingAtStartup: [{ kind: 'failed', entry: ENTRY, failure: { code: 'reset.timedOut' } }] });
      await jobs.stop();
      await h.bot.whenIdle();
      const [told] = h.adapter.inConversation(APPROVER_PERSONAL.id);
      assert.match(told.text ?? '', /ALICE-LUMIA[\s\S]*reset\.timedOut/);
    });
  });

  describe('on the agent\'s next turn', () => {
    beforeEach(() => {
      h = approvalsHarness();
    });

    it('when something waits for the agent but they have no session, then one Get passcode button is posted', async () => {
      h.recovery.recoverForAgent.resolves([{ kind: 'needsSignIn', entry: ENTRY }]);
      await h.adapter.processActivity(message('help', inPersonal));
      await h.bot.whenIdle();
      const buttons = h.adapter.inConversation(APPROVER_PERSONAL.id).filter((a) => JSON.stringify(cardIn(a) ?? {}).includes('getRecoveredPasscode'));
      assert.equal(buttons.length, 1);
      assert.deepEqual(cardIn(buttons[0]), getPasscodeCard(ENTRY, 'en').content);
    });

    it('when a self-service reset finished meanwhile, then the approver gets the identity question', async () => {
      const waiting = decided('awaitingVerification', { revision: 4, agentConversation: ENTRY.agentConversation });
      h.tokens.sessions.add(APPROVER.oid);
      h.recovery.recoverForAgent.resolves([{ kind: 'verify', entry: { ...ENTRY, id: 'request-1', kind: 'selfService' }, request: waiting }]);
      await h.adapter.processActivity(message('help', inPersonal));
      await h.bot.whenIdle();
      const question = h.adapter.inConversation(APPROVER_PERSONAL.id).map(cardIn).find((card) => JSON.stringify(card ?? {}).includes('verifyIdentity'));
      assert.deepEqual(question, verifyIdentityCard(waiting, 'en').content);
    });
  });

  describe('Get passcode', () => {
    beforeEach(() => {
      h = approvalsHarness();
      h.inFlight.get.resolves(ENTRY);
    });

    it('without a session, then Teams is asked for a token and nothing is read', async () => {
      const response = await h.adapter.invoke(execute('getRecoveredPasscode', { inFlightId: 'flow-9' }, inPersonal));
      assert.equal(response.status, 401);
      sinon.assert.notCalled(h.recovery.recoverOne);
    });

    it('with a session, then the button becomes the passcode, in the 1:1', async () => {
      h.tokens.sessions.add(APPROVER.oid);
      h.recovery.recoverOne.resolves({ kind: 'deliver', entry: ENTRY, issued: ISSUED });
      const response = await h.adapter.invoke(execute('getRecoveredPasscode', { inFlightId: 'flow-9' }, inPersonal));
      sinon.assert.calledOnceWithExactly(h.recovery.recoverOne, 'flow-9', { wait: false });
      assert.deepEqual((response.body as { value: unknown }).value, revealedPasscodeCard(ISSUED, undefined, 'en').content);
    });

    it('with a session, then the card where the agent started the flow shows the outcome, without the passcode', async () => {
      h.tokens.sessions.add(APPROVER.oid);
      const flow = flowInChannel('done');
      h.recovery.recoverOne.resolves({ kind: 'deliver', entry: ENTRY, issued: ISSUED, flow });
      await h.adapter.invoke(execute('getRecoveredPasscode', { inFlightId: 'flow-9' }, inPersonal));
      await h.bot.whenIdle();
      const updates = h.adapter.updated.filter((u) => u.conversationId === CHANNEL.id);
      assert.deepEqual(updates.map((u) => [u.activity.id, cardIn(u.activity)]), [['card-7', flowCard(flow, 'en').content]]);
      assert.ok(!JSON.stringify(updates).includes(SECRET));
    });

    it('when it was already delivered, then the agent is told and nothing is read', async () => {
      h.tokens.sessions.add(APPROVER.oid);
      h.inFlight.get.resolves({ ...ENTRY, deliveredAt: '2026-11-25T09:00:00.000Z' });
      const response = await h.adapter.invoke(execute('getRecoveredPasscode', { inFlightId: 'flow-9' }, inPersonal));
      assert.equal((response.body as { value: unknown }).value, t('en', 'recovery.nothingToDeliver'));
      sinon.assert.notCalled(h.recovery.recoverOne);
    });

    it('when another agent clicks it, then nothing is read', async () => {
      h.tokens.sessions.add('agent-oid-2');
      const response = await h.adapter.invoke(execute('getRecoveredPasscode', { inFlightId: 'flow-9' }, { conversation: { ...APPROVER_PERSONAL, id: 'a:personal-kenji' }, from: OTHER_AGENT_ACCOUNT }));
      assert.equal((response.body as { type: string }).type, 'application/vnd.microsoft.activity.message');
      sinon.assert.notCalled(h.recovery.recoverOne);
    });
  });
});
