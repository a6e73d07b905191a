import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { MemoryStorage, type Activity, type InvokeResponse } from 'botbuilder';
import { historyCard } from '../../../../src/cards/history/history-card';
import { revealedPasscodeCard } from '../../../../src/cards/approvals/helpdesk-cards';
import { errorText } from '../../../../src/cards/views';
import { AppError } from '../../../../src/domain/errors';
import { t } from '../../../../src/i18n';
import { allNodes, type Json } from '../../cards/card-inspect';
import { CHANNEL, execute, message } from '../support/fixtures';
import { APPROVER_ACCOUNT, APPROVER_PERSONAL, OTHER_AGENT_ACCOUNT, approvalsHarness, cardIn, type ApprovalsHarness } from '../approvals/support/harness';
import { APPROVER, ISSUED, SECRET } from '../approvals/support/requests';

const ALICE = { id: 'user-alice', displayName: 'Alice Smith', userPrincipalName: 'alice@contoso.com' };
const JOHNSON = { id: 'user-alice-j', displayName: 'Alice Johnson', userPrincipalName: 'alice.johnson@contoso.com', department: 'Marketing' };
const CHOICES = { kind: 'chooseUser' as const, query: 'alice', candidates: [ALICE, JOHNSON] };
const ALICE_HISTORY = { kind: 'user' as const, user: ALICE, records: [] };
const inPersonal = { conversation: APPROVER_PERSONAL, from: APPROVER_ACCOUNT };
const inChannel = { conversation: CHANNEL, from: APPROVER_ACCOUNT };

/** The Choose buttons of a card: verb and data. */
function buttons(card: Json | undefined): Array<{ verb: string; data: Record<string, unknown> }> {
  return allNodes(card)
    .filter((node) => node.type === 'Action.Execute')
    .map((node) => ({ verb: String(node.verb), data: node.data as Record<string, unknown> }));
}

function answerOf(response: InvokeResponse): { type: string; value: unknown } {
  return response.body as { type: string; value: unknown };
}

describe('several people match "history …" or "show passcode for …": a card to pick one', () => {
  let h: ApprovalsHarness;
  beforeEach(() => {
    h = approvalsHarness();
    h.tokens.sessions.add(APPROVER.oid);
  });
  afterEach(() => sinon.restore());

  /** The agent's command, answered with a pick card; returns the card's buttons. */
  async function pickCardFor(text: string, options = inPersonal) {
    await h.adapter.processActivity(message(text, options));
    const card = cardIn(h.adapter.inConversation(options.conversation.id).at(-1));
    return { card, choices: buttons(card) };
  }

  describe('the pick card', () => {
    it('"history alice": one Choose button per person, carrying only the offer id and the person id', async () => {
      h.history.history.resolves(CHOICES);
      const { card, choices } = await pickCardFor('history alice');
      assert.deepEqual(choices.map((c) => c.verb), ['pickHistoryPerson', 'pickHistoryPerson']);
      assert.deepEqual(choices.map((c) => c.data.userId), [ALICE.id, JOHNSON.id]);
      assert.ok(choices.every((c) => Object.keys(c.data).sort().join() === 'offerId,userId'));
      assert.equal(new Set(choices.map((c) => c.data.offerId)).size, 1);
      const shown = JSON.stringify(card);
      assert.ok(shown.includes(t('en', 'history.pick.title', { query: 'alice' })));
      assert.ok(shown.includes('alice.johnson@contoso.com') && shown.includes('Marketing'));
    });

    it('"show passcode for alice" in Japanese: the card speaks Japanese', async () => {
      h.showPasscode.show.resolves(CHOICES);
      await h.adapter.processActivity(message('alice のパスコードを表示', { ...inPersonal, locale: 'ja-JP' }));
      const card = cardIn(h.adapter.inConversation(APPROVER_PERSONAL.id).at(-1));
      assert.equal(card?.lang, 'ja');
      assert.ok(JSON.stringify(card).includes(t('ja', 'showPasscode.pick.hint')));
      assert.deepEqual(buttons(card).map((c) => c.verb), ['pickPasscodePerson', 'pickPasscodePerson']);
    });

    it('when the list cannot be kept, then the names are listed with how to ask again', async () => {
      const storage = new MemoryStorage();
      const write = storage.write.bind(storage);
      // Only the list's write fails; the conversation state is still saved.
      sinon.stub(storage, 'write').callsFake(async (changes) => {
        if (Object.keys(changes).some((key) => key.startsWith('personPick-'))) throw new Error('storage down');
        return write(changes);
      });
      h = approvalsHarness({ storage });
      h.tokens.sessions.add(APPROVER.oid);
      h.showPasscode.show.resolves(CHOICES);
      await h.adapter.processActivity(message('show passcode for alice', inPersonal));
      const [reply] = h.adapter.inConversation(APPROVER_PERSONAL.id);
      assert.match(reply?.text ?? '', /Alice Johnson \(alice\.johnson@contoso\.com\)/);
      assert.match(reply?.text ?? '', /show passcode for alice@contoso\.com because/);
    });
  });

  describe('clicking Choose', () => {
    it('on a history list, then the card becomes that person\'s history', async () => {
      h.history.history.resolves(CHOICES);
      h.history.chooseUser.resolves(ALICE_HISTORY);
      const { choices } = await pickCardFor('history alice');
      const response = await h.adapter.invoke(execute('pickHistoryPerson', choices[0]!.data, inPersonal));
      sinon.assert.calledOnceWithExactly(h.history.chooseUser, sinon.match({ oid: APPROVER.oid }), 'alice', ALICE.id);
      assert.deepEqual(answerOf(response).value, historyCard(ALICE_HISTORY, 'en').content);
    });

    it('on a history list clicked in a channel (one posted there before), then the history goes to the agent\'s 1:1 only', async () => {
      h.history.history.resolves(CHOICES);
      h.history.chooseUser.resolves(ALICE_HISTORY);
      const { choices } = await pickCardFor('history alice');
      const response = await h.adapter.invoke(execute('pickHistoryPerson', choices[0]!.data, inChannel));
      assert.deepEqual(answerOf(response).value, t('en', 'history.sentPrivately'));
      const privately = h.adapter.inConversation(`a:personal-${APPROVER_ACCOUNT.id}`);
      assert.deepEqual(cardIn(privately.at(-1)), historyCard(ALICE_HISTORY, 'en').content);
      assert.deepEqual(h.adapter.inConversation(CHANNEL.id), []);
    });

    it('on a passcode list in the 1:1, then the card becomes the passcode, asked with the stated reason', async () => {
      h.showPasscode.show.resolves(CHOICES);
      const { choices } = await pickCardFor('show passcode for alice because she called from the office');
      h.showPasscode.show.resetBehavior();
      h.showPasscode.show.resolves({ kind: 'passcode', user: JOHNSON, issued: ISSUED });
      const response = await h.adapter.invoke(execute('pickPasscodePerson', choices[1]!.data, inPersonal));
      const input = h.showPasscode.show.secondCall.args[0];
      assert.deepEqual({ query: input.query, reason: input.reason, userId: input.userId, oid: input.actor.oid }, {
        query: 'alice',
        reason: 'she called from the office',
        userId: JOHNSON.id,
        oid: APPROVER.oid,
      });
      assert.deepEqual(answerOf(response).value, revealedPasscodeCard(ISSUED, 'Alice Johnson (alice.johnson@contoso.com)', 'en').content);
      assert.ok(!h.logger.text().includes(SECRET));
    });

    it('on a passcode list in a channel, then the passcode goes to the agent\'s 1:1 only and the channel learns nothing', async () => {
      h.showPasscode.show.resolves(CHOICES);
      const { choices } = await pickCardFor('show passcode for alice', inChannel);
      h.showPasscode.show.resolves({ kind: 'passcode', user: ALICE, issued: ISSUED });
      const response = await h.adapter.invoke(execute('pickPasscodePerson', choices[0]!.data, inChannel));
      assert.deepEqual(answerOf(response).value, t('en', 'showPasscode.sentPrivately', { device: 'ALICE-LUMIA' }));
      const privately = h.adapter.inConversation(`a:personal-${APPROVER_ACCOUNT.id}`);
      assert.ok(JSON.stringify(cardIn(privately[0])).includes(SECRET));
      assert.ok(!(privately[0]?.summary ?? '').includes(SECRET));
      for (const { conversationId, activity } of h.adapter.everything()) {
        if (conversationId !== `a:personal-${APPROVER_ACCOUNT.id}`) assert.ok(!JSON.stringify(activity).includes(SECRET));
      }
    });

    it('twice on the same list, then the second click shows nothing (the list was used)', async () => {
      h.showPasscode.show.resolves(CHOICES);
      const { choices } = await pickCardFor('show passcode for alice');
      h.showPasscode.show.resolves({ kind: 'passcode', user: ALICE, issued: ISSUED });
      await h.adapter.invoke(execute('pickPasscodePerson', choices[0]!.data, inPersonal));
      const again = await h.adapter.invoke(execute('pickPasscodePerson', choices[0]!.data, inPersonal));
      assert.deepEqual(answerOf(again).value, t('en', 'showPasscode.pick.stale'));
      assert.equal(h.showPasscode.show.callCount, 2, 'the command and the first click only');
    });

    it('without a session, then Teams is asked for a token and nothing is read yet', async () => {
      h.history.history.resolves(CHOICES);
      const { choices } = await pickCardFor('history alice');
      h.tokens.sessions.clear();
      const response = await h.adapter.invoke(execute('pickHistoryPerson', choices[0]!.data, inPersonal));
      assert.equal(response.status, 401);
      sinon.assert.notCalled(h.history.chooseUser);
    });

    it('when the domain refuses, then the clicker reads why', async () => {
      h.history.history.resolves(CHOICES);
      const refused = new AppError('access.notHelpdesk', 'no');
      h.history.chooseUser.rejects(refused);
      const { choices } = await pickCardFor('history alice');
      const response = await h.adapter.invoke(execute('pickHistoryPerson', choices[0]!.data, inPersonal));
      assert.deepEqual(answerOf(response).value, errorText(refused, 'en'));
    });
  });

  describe('clicks that are not the agent\'s own choice get a short answer and show nothing', () => {
    beforeEach(() => {
      h.history.history.resolves(CHOICES);
      h.showPasscode.show.resolves(CHOICES);
      h.tokens.sessions.add('agent-oid-2');
    });

    function nothingShown(): void {
      sinon.assert.notCalled(h.history.chooseUser);
      assert.ok(h.showPasscode.show.callCount <= 1, 'only the command itself reached the domain');
      assert.ok(!h.adapter.everything().some(({ activity }) => JSON.stringify(activity).includes(SECRET)));
    }

    it('another helpdesk member clicking the list', async () => {
      const { choices } = await pickCardFor('show passcode for alice', inChannel);
      const response = await h.adapter.invoke(execute('pickPasscodePerson', choices[0]!.data, { conversation: CHANNEL, from: OTHER_AGENT_ACCOUNT }));
      assert.deepEqual(answerOf(response).value, t('en', 'showPasscode.pick.notYours', { agent: APPROVER.name }));
      nothingShown();
    });

    it('a person who was not on the list', async () => {
      const { choices } = await pickCardFor('history alice');
      const response = await h.adapter.invoke(execute('pickHistoryPerson', { ...choices[0]!.data, userId: 'user-bob' }, inPersonal));
      assert.deepEqual(answerOf(response).value, t('en', 'history.pick.notOffered'));
      nothingShown();
    });

    it('a list that does not exist', async () => {
      const response = await h.adapter.invoke(execute('pickHistoryPerson', { offerId: 'no-such-offer', userId: ALICE.id }, inPersonal));
      assert.deepEqual(answerOf(response).value, t('en', 'history.pick.stale'));
      nothingShown();
    });

    it('a history list used as a passcode list', async () => {
      const { choices } = await pickCardFor('history alice');
      const response = await h.adapter.invoke(execute('pickPasscodePerson', choices[0]!.data, inPersonal));
      assert.deepEqual(answerOf(response).value, t('en', 'showPasscode.pick.stale'));
      nothingShown();
    });

    for (const [name, data] of [
      ['no offer id', { userId: ALICE.id }],
      ['a number as person', { offerId: 'offer-1', userId: 7 }],
      ['an overlong id', { offerId: 'x'.repeat(201), userId: ALICE.id }],
    ] as const) {
      it(`a payload with ${name}`, async () => {
        const response = await h.adapter.invoke(execute('pickHistoryPerson', data, inPersonal));
        assert.equal(answerOf(response).type, 'application/vnd.microsoft.activity.message');
        assert.deepEqual(answerOf(response).value, errorText(new AppError('input.invalid', 'x'), 'en'));
        nothingShown();
      });
    }

    it('someone without an identity', async () => {
      const { choices } = await pickCardFor('history alice');
      const anonymous: Partial<Activity> = execute('pickHistoryPerson', choices[0]!.data, { conversation: APPROVER_PERSONAL, from: { id: '29:x', name: 'X' } });
      const response = await h.adapter.invoke(anonymous);
      assert.deepEqual(answerOf(response).value, t('en', 'bot.unknownUser'));
      nothingShown();
    });
  });
});
