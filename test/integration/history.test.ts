import { strict as assert } from 'node:assert';
import { DEMO_USERS } from '../../src/simulator';
import { latestCardWith, resetInPersonalChat } from '../support/agent-steps';
import { adaptiveCardOf, executeActions, invokeCard } from '../support/cards';
import { helpdeskChannel, personalChat, startDeployment, type Deployment } from '../support/harness';
import { cardText, type ConversationSpec, type TeamsUser } from '../support/teams-fake';

/**
 * `history` over HTTP: audit records name people (with their sign-in names), reasons and how
 * identities were verified, so the card only ever reaches the asking agent's 1:1. Asked in a
 * channel, the channel is told where the answer went and sees no record.
 */

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
/** Audit details of Hana's reset that must not reach a shared conversation. */
const REASON = 'INC-4711 locked out at the airport';
const ALICE_UPN = 'alice@contoso.com';

describe('History over HTTP: audit records only in the asking agent’s 1:1', function () {
  this.timeout(60000);
  let d: Deployment;
  let hanaChat: ConversationSpec;
  let channel: ConversationSpec;

  before(async () => {
    d = await startDeployment();
    d.teams.addUser(hana);
    hanaChat = personalChat(hana, d.tenantId, d.teams);
    channel = helpdeskChannel(d.tenantId);
    await resetInPersonalChat(d, hana, 'reset PIN for alice smith', REASON);
  });
  after(async () => {
    await d?.stop();
  });

  /** Everything the bot put into the channel since `mark`, as one text. */
  function channelSince(mark: number): string {
    return d.teams.inConversation(channel.id).slice(mark).map((a) => JSON.stringify(a.raw)).join('\n');
  }

  it('when "history" is typed in a channel, then the card goes to the agent’s 1:1 and the channel only reads that it went there', async () => {
    const inChannel = d.teams.inConversation(channel.id).length;
    const inChat = d.teams.inConversation(hanaChat.id).length;

    await d.teams.sendMessage(hana, channel, 'history');

    const card = await d.teams.waitFor(
      () => d.teams.inConversation(hanaChat.id).slice(inChat).find((a) => /Recent activity/.test(cardText(adaptiveCardOf(a)))),
      15000,
      'the history card in Hana’s 1:1',
    );
    assert.ok(cardText(adaptiveCardOf(card)).includes(REASON), 'the agent sees the records, reasons included');
    const told = await d.teams.waitFor(() => d.teams.inConversation(channel.id)[inChannel], 15000, 'the answer in the channel');
    assert.match(told.text ?? '', /private chat/);
    const shared = channelSince(inChannel);
    for (const detail of [REASON, ALICE_UPN, 'Reset done']) assert.ok(!shared.includes(detail), `"${detail}" reached the channel`);
  });

  it('when "history alice" is typed in a channel, then the choice of person and her records go to the 1:1 only', async () => {
    const inChannel = d.teams.inConversation(channel.id).length;
    const inChat = d.teams.inConversation(hanaChat.id).length;

    await d.teams.sendMessage(hana, channel, 'history alice');

    const pick = await d.teams.waitFor(() => latestCardWith(d.teams, hanaChat.id, 'pickHistoryPerson', inChat), 15000, 'the pick card in Hana’s 1:1');
    const smith = executeActions(adaptiveCardOf(pick)).find((x) => x.verb === 'pickHistoryPerson' && x.data.userId === DEMO_USERS.aliceSmith)!;
    const chosen = await d.teams.clickExecute(hana, hanaChat, pick.id, 'pickHistoryPerson', smith.data);
    const history = cardText(invokeCard(chosen.body));
    assert.match(history, /History of Alice Smith/);
    assert.ok(history.includes(REASON));
    await d.teams.waitFor(() => d.teams.inConversation(channel.id)[inChannel], 15000, 'the answer in the channel');
    const shared = channelSince(inChannel);
    for (const detail of [REASON, ALICE_UPN, 'alice.johnson@contoso.com', 'pickHistoryPerson']) assert.ok(!shared.includes(detail), `"${detail}" reached the channel`);
  });
});
