import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { errorText } from '../../../../src/cards/views';
import { historyCard } from '../../../../src/cards/history/history-card';
import { revealedPasscodeCard } from '../../../../src/cards/approvals/helpdesk-cards';
import type { AuditRecord } from '../../../../src/domain/audit/audit-record';
import { AppError } from '../../../../src/domain/errors';
import { t } from '../../../../src/i18n';
import { CHANNEL, GROUP_CHAT, message } from '../support/fixtures';
import { ADMIN_GROUP, APPROVER_ACCOUNT, APPROVER_PERSONAL, OTHER_AGENT_ACCOUNT, approvalsHarness, cardIn, type ApprovalsHarness } from './support/harness';
import { APPROVER, ISSUED, SECRET } from './support/requests';

const ALICE = { id: 'user-alice', displayName: 'Alice Smith', userPrincipalName: 'alice@contoso.com' };
const OAUTH = 'application/vnd.microsoft.card.oauth';
/** An audit record with what must stay out of shared conversations: a reason and a sign-in name. */
const REASON = 'INC-4711 locked out at the airport';
const RECORD: AuditRecord = {
  id: 'audit-1',
  at: '2026-11-25T10:00:00.000Z',
  kind: 'reset.succeeded',
  actor: { oid: APPROVER.oid, name: APPROVER.name },
  targetUser: { oid: ALICE.id, name: ALICE.displayName, upn: ALICE.userPrincipalName },
  reason: REASON,
  outcome: 'done',
};

describe('helpdesk commands: approval channel, history, show passcode', () => {
  let h: ApprovalsHarness;
  beforeEach(() => {
    h = approvalsHarness();
  });
  afterEach(() => sinon.restore());

  describe('use this channel for approvals', () => {
    it('when an admin says it in a channel, then the channel is stored and the bot confirms there', async () => {
      h.tokens.sessions.add(APPROVER.oid);
      await h.adapter.processActivity(message('use this channel for approvals', { conversation: CHANNEL, from: APPROVER_ACCOUNT }));
      const channel = await h.settings.getApprovalChannel();
      assert.equal((channel?.reference as { conversation: { id: string } }).conversation.id, CHANNEL.id);
      assert.equal(channel?.setBy.oid, APPROVER.oid);
      assert.deepEqual(h.adapter.inConversation(CHANNEL.id).map((a) => a.text), [t('en', 'approvals.channel.set')]);
      assert.deepEqual(h.directory.isMemberOfCalls, [{ groupId: ADMIN_GROUP, asOid: APPROVER.oid }]);
    });

    it('when someone outside the admin group says it, then nothing changes', async () => {
      h.tokens.sessions.add('agent-oid-2');
      await h.adapter.processActivity(message('use this channel for approvals', { conversation: CHANNEL, from: OTHER_AGENT_ACCOUNT }));
      assert.equal(await h.settings.getApprovalChannel(), undefined);
      assert.deepEqual(h.adapter.inConversation(CHANNEL.id).map((a) => a.text), [t('en', 'approvals.channel.notAdmin')]);
    });

    it('when said in a group chat, then the admin is told to say it in a channel', async () => {
      await h.adapter.processActivity(message('このチャネルを承認に使う', { conversation: GROUP_CHAT, from: APPROVER_ACCOUNT, locale: 'ja-JP' }));
      assert.deepEqual(h.adapter.inConversation(GROUP_CHAT.id).map((a) => a.text), [t('ja', 'approvals.channel.onlyInChannel')]);
      assert.equal(await h.settings.getApprovalChannel(), undefined);
    });

    it('when the admin has no session, then the sign-in goes to their 1:1 and nothing changes yet', async () => {
      await h.adapter.processActivity(message('use this channel for approvals', { conversation: CHANNEL, from: APPROVER_ACCOUNT }));
      assert.deepEqual(h.adapter.inConversation(CHANNEL.id).map((a) => a.text), [t('en', 'bot.signIn.sentPrivately')]);
      const privately = h.adapter.inConversation(`a:personal-${APPROVER_ACCOUNT.id}`);
      assert.ok(privately.some((a) => a.attachments?.some((x) => x.contentType === OAUTH)));
      assert.equal(await h.settings.getApprovalChannel(), undefined);
    });
  });

  describe('history', () => {
    beforeEach(() => h.tokens.sessions.add(APPROVER.oid));

    it('"history alice" shows that person\'s records on a card', async () => {
      const result = { kind: 'user' as const, user: ALICE, records: [] };
      h.history.history.resolves(result);
      await h.adapter.processActivity(message('history alice', { conversation: APPROVER_PERSONAL, from: APPROVER_ACCOUNT }));
      sinon.assert.calledOnceWithExactly(h.history.history, sinon.match({ oid: APPROVER.oid }), 'alice');
      assert.deepEqual(cardIn(h.adapter.inConversation(APPROVER_PERSONAL.id)[0]), historyCard(result, 'en').content);
    });

    it('"history" alone asks for the whole tenant', async () => {
      h.history.history.resolves({ kind: 'tenant', records: [] });
      await h.adapter.processActivity(message('history', { conversation: APPROVER_PERSONAL, from: APPROVER_ACCOUNT }));
      assert.equal(h.history.history.firstCall.args[1], undefined);
    });

    it('when asked in a channel, then the records go to the agent\'s 1:1 only and the channel is told so', async () => {
      const result = { kind: 'user' as const, user: ALICE, records: [RECORD] };
      h.history.history.resolves(result);
      await h.adapter.processActivity(message('history alice', { conversation: CHANNEL, from: APPROVER_ACCOUNT }));
      const privately = h.adapter.inConversation(`a:personal-${APPROVER_ACCOUNT.id}`);
      assert.deepEqual(cardIn(privately[0]), historyCard(result, 'en').content);
      assert.deepEqual(h.adapter.inConversation(CHANNEL.id).map((a) => a.text), [t('en', 'history.sentPrivately')]);
    });

    it('when asked in a group chat and the agent cannot be reached privately, then the records are shown nowhere', async () => {
      h.history.history.resolves({ kind: 'tenant', records: [RECORD] });
      h.adapter.unreachable.add(APPROVER_ACCOUNT.id);
      await h.adapter.processActivity(message('history', { conversation: GROUP_CHAT, from: APPROVER_ACCOUNT }));
      assert.deepEqual(h.adapter.inConversation(GROUP_CHAT.id).map((a) => a.text), [t('en', 'history.unreachable')]);
      assert.ok(!h.adapter.everything().some(({ activity }) => JSON.stringify(activity).includes(REASON)), 'a record was shown');
    });

    it('when the agent is not in the helpdesk, then they are told so', async () => {
      const refused = new AppError('access.notHelpdesk', 'no');
      h.history.history.rejects(refused);
      await h.adapter.processActivity(message('history', { conversation: APPROVER_PERSONAL, from: APPROVER_ACCOUNT }));
      assert.deepEqual(h.adapter.inConversation(APPROVER_PERSONAL.id).map((a) => a.text), [errorText(refused, 'en')]);
    });
  });

  describe('show passcode', () => {
    beforeEach(() => h.tokens.sessions.add(APPROVER.oid));

    it('passes the name and the stated reason to the domain', async () => {
      h.showPasscode.show.resolves({ kind: 'noUser', query: 'alice' });
      await h.adapter.processActivity(message('show passcode for alice because she called from the office', { conversation: APPROVER_PERSONAL, from: APPROVER_ACCOUNT }));
      const input = h.showPasscode.show.firstCall.args[0];
      assert.equal(input.query, 'alice');
      assert.equal(input.reason, 'she called from the office');
      assert.equal(input.actor.oid, APPROVER.oid);
    });

    it('when asked in a channel, then the passcode goes to the agent\'s 1:1 only and the channel is told so', async () => {
      h.showPasscode.show.resolves({ kind: 'passcode', user: ALICE, issued: ISSUED });
      await h.adapter.processActivity(message('show passcode for alice', { conversation: CHANNEL, from: APPROVER_ACCOUNT }));
      const privately = h.adapter.inConversation(`a:personal-${APPROVER_ACCOUNT.id}`);
      assert.deepEqual(cardIn(privately[0]), revealedPasscodeCard(ISSUED, 'Alice Smith (alice@contoso.com)', 'en').content);
      assert.ok(!(privately[0].summary ?? '').includes(SECRET));
      assert.deepEqual(h.adapter.inConversation(CHANNEL.id).map((a) => a.text), [t('en', 'showPasscode.sentPrivately', { device: 'ALICE-LUMIA' })]);
      for (const { conversationId, activity } of h.adapter.everything()) {
        if (conversationId !== `a:personal-${APPROVER_ACCOUNT.id}`) assert.ok(!JSON.stringify(activity).includes(SECRET));
      }
      assert.ok(!h.logger.text().includes(SECRET));
    });

    it('when the agent cannot be reached privately, then nothing is shown anywhere', async () => {
      h.showPasscode.show.resolves({ kind: 'passcode', user: ALICE, issued: ISSUED });
      h.adapter.unreachable.add(APPROVER_ACCOUNT.id);
      await h.adapter.processActivity(message('show passcode for alice', { conversation: CHANNEL, from: APPROVER_ACCOUNT }));
      assert.deepEqual(h.adapter.inConversation(CHANNEL.id).map((a) => a.text), [t('en', 'showPasscode.unreachable')]);
      assert.ok(!h.adapter.everything().some(({ activity }) => JSON.stringify(activity).includes(SECRET)));
    });

    it('when another agent performed the reset and no reason was given, then the agent is asked for one', async () => {
      const needsReason = new AppError('passcodeView.reasonRequired', 'reason');
      h.showPasscode.show.rejects(needsReason);
      await h.adapter.processActivity(message('show passcode for alice', { conversation: APPROVER_PERSONAL, from: APPROVER_ACCOUNT }));
      assert.deepEqual(h.adapter.inConversation(APPROVER_PERSONAL.id).map((a) => a.text), [errorText(needsReason, 'en')]);
    });
  });
});
