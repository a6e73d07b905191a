import { strict as assert } from 'node:assert';
import { DEMO_DEVICES, DEMO_USERS } from '../../src/simulator';
import { latestCardWith, resetInPersonalChat } from '../support/agent-steps';
import { adaptiveCardOf, executeActions, invokeCard, type ExecuteAction } from '../support/cards';
import { personalChat, startDeployment, type Deployment } from '../support/harness';
import { cardText, type ConversationSpec, type InvokeResult, type SentActivity, type TeamsUser } from '../support/teams-fake';

/**
 * "history alice" and "show passcode for alice" match two people (Alice Smith, Alice Johnson):
 * the bot answers with a card to pick one, over HTTP through the whole deployment. A click on
 * Alice Smith's button answers with her history, or her passcode read again from Intune; clicks
 * by anyone else, or naming someone who was not on the card, show nothing.
 */

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const kenji: TeamsUser = { id: '29:kenji', aadObjectId: DEMO_USERS.kenjiSato, name: 'Kenji Sato' };

describe('Picking a person on the history and show-passcode cards over HTTP', function () {
  this.timeout(60000);
  let d: Deployment;
  let hanaChat: ConversationSpec;

  before(async () => {
    d = await startDeployment();
    for (const user of [hana, kenji]) d.teams.addUser(user);
    hanaChat = personalChat(hana, d.tenantId, d.teams);
    await resetInPersonalChat(d, hana, 'reset PIN for alice smith', 'INC-77');
  });
  after(async () => {
    await d?.stop();
  });


  /** The passcode Intune generated (read from the simulated tenant, never from the bot). */
  function intunePasscode(): string {
    const device = d.sim.tenant.devices.find((x) => x.id === DEMO_DEVICES.aliceLumia)!;
    const passcode = device.deviceActionResults.filter((r) => r.actionName === 'resetPasscode' && r.passcode).at(-1)?.passcode;
    assert.ok(passcode, 'Intune produced a passcode');
    return passcode;
  }

  /** Hana's command, answered with a pick card; its Choose buttons. */
  async function pickCard(text: string, verb: string): Promise<{ card: SentActivity; choices: ExecuteAction[] }> {
    const before = d.teams.inConversation(hanaChat.id).length;
    await d.teams.sendMessage(hana, hanaChat, text);
    const card = await d.teams.waitFor(() => latestCardWith(d.teams, hanaChat.id, verb, before), 15000, `the pick card for "${text}"`);
    const choices = executeActions(adaptiveCardOf(card)).filter((x) => x.verb === verb);
    assert.deepEqual(
      choices.map((c) => c.data.userId).sort(),
      [DEMO_USERS.aliceJohnson, DEMO_USERS.aliceSmith].sort(),
      'one button for each Alice, carrying her id',
    );
    assert.match(cardText(adaptiveCardOf(card)), /alice\.johnson@contoso\.com/);
    return { card, choices };
  }

  const aliceSmithOf = (choices: ExecuteAction[]) => choices.find((c) => c.data.userId === DEMO_USERS.aliceSmith)!;
  const messageOf = (result: InvokeResult) => (result.body as { type?: string; value?: unknown }).value;

  it('"history alice": clicking Alice Smith answers with her history, which shows the reset', async () => {
    const { card, choices } = await pickCard('history alice', 'pickHistoryPerson');
    const clicked = await d.teams.clickExecute(hana, hanaChat, card.id, 'pickHistoryPerson', aliceSmithOf(choices).data);
    assert.equal(clicked.status, 200);
    const history = cardText(invokeCard(clicked.body));
    assert.match(history, /History of Alice Smith/);
    assert.match(history, /Reset done/);
    assert.match(history, /INC-77/);
  });

  it('"show passcode for alice": only Hana, choosing a person on her card, gets the passcode, once, in her 1:1', async () => {
    const passcode = intunePasscode();
    const { card, choices } = await pickCard('show passcode for alice', 'pickPasscodePerson');
    const smith = aliceSmithOf(choices);

    // Kenji replays Hana's button from his own chat: he is told whose card it is.
    const kenjiChat = personalChat(kenji, d.tenantId, d.teams);
    const byKenji = await d.teams.clickExecute(kenji, kenjiChat, card.id, 'pickPasscodePerson', smith.data);
    assert.equal(messageOf(byKenji), 'Only Hana Suzuki can use this list. To see a passcode yourself, send “show passcode for …”.');
    // Hana's offer with someone who was not on it.
    const forged = await d.teams.clickExecute(hana, hanaChat, card.id, 'pickPasscodePerson', { ...smith.data, userId: DEMO_USERS.oliverBrown });
    assert.equal(messageOf(forged), 'That person was not on this list, so nothing was shown.');
    for (const refused of [byKenji, forged]) assert.ok(!JSON.stringify(refused.body).includes(passcode));

    const chosen = await d.teams.clickExecute(hana, hanaChat, card.id, 'pickPasscodePerson', smith.data);
    assert.equal(chosen.status, 200);
    const shown = cardText(invokeCard(chosen.body));
    assert.ok(shown.includes(passcode), 'the card shows the passcode Intune generated');
    assert.match(shown, /ALICE-LUMIA/);

    const again = await d.teams.clickExecute(hana, hanaChat, card.id, 'pickPasscodePerson', smith.data);
    assert.ok(!JSON.stringify(again.body).includes(passcode), 'a used card shows nothing more');

    assert.ok(!d.logLines.some((line) => line.includes(passcode)), 'passcode in the bot log');
    assert.ok(!d.teams.sent.some((a) => a.conversationId !== hanaChat.id && JSON.stringify(a.raw).includes(passcode)), 'passcode outside Hana’s 1:1');
  });
});
