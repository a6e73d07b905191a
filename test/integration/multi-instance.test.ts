import { strict as assert } from 'node:assert';
import path from 'node:path';
import { createAzureState, type AzureState } from '../../src/adapters/azure';
import { DEMO_DEVICES, DEMO_USERS, ensureDevCertificate, startSimulator, type RunningSimulator } from '../../src/simulator';
import { MemoryLogger } from '../fakes/memory-logger';
import { adaptiveCardOf, executeActions, invokeCard, OAUTH, visible } from '../support/cards';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBotProcess, type BotProcess } from '../support/bot-process';
import { findInAccount, readWholeAccount } from '../support/storage-scan';
import { cardText, TeamsFake, type ConversationSpec, type InvokeResult, type SentActivity, type TeamsUser } from '../support/teams-fake';

/**
 * Two bot processes on different ports behind one Teams, sharing one Azurite (and one tenant):
 * what one instance decides, the other must respect. Approvals racing across instances give
 * exactly one resetPasscode POST, counted where Intune would count it, and the losers are shown
 * who won.
 */

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const kenji: TeamsUser = { id: '29:kenji', aadObjectId: DEMO_USERS.kenjiSato, name: 'Kenji Sato' };
const alice: TeamsUser = { id: '29:alice', aadObjectId: DEMO_USERS.aliceSmith, name: 'Alice Smith' };
const LUMIA = DEMO_DEVICES.aliceLumia;
const CHANNEL: Omit<ConversationSpec, 'tenantId'> = { id: '19:helpdesk-general@thread.tacv2', kind: 'channel' };

describe('Two bot processes sharing one Azurite: concurrent approvals reset once', function () {
  this.timeout(60000);
  let sim: RunningSimulator;
  let azurite: RunningAzurite;
  let teams: TeamsFake;
  let botA: BotProcess;
  let botB: BotProcess;
  /** Teams in front of bot A / bot B: the same conversations, the same recorded replies. */
  let viaA: TeamsFake;
  let viaB: TeamsFake;
  /** The shared state as the test reads it (the bots' own tables and containers). */
  let state: AzureState;

  beforeEach(async () => {
    const certificate = await ensureDevCertificate(path.resolve(__dirname, '../../.simulator'));
    [sim, azurite] = await Promise.all([startSimulator({ certificate, actionDelayMs: 300 }), startAzurite()]);
    const start = (name: string) => startBotProcess({ sim, certPath: certificate.certPath, connectionString: azurite.connectionString, name });
    [botA, botB] = await Promise.all([start('bot A'), start('bot B')]);
    teams = new TeamsFake(botA.url);
    await teams.start();
    viaA = teams;
    viaB = teams.forBot(botB.url);
    for (const user of [hana, kenji, alice]) teams.addUser(user);
    state = createAzureState({ connectionString: azurite.connectionString, namespace: 'passcodedesk', logger: new MemoryLogger() });
  });
  afterEach(async () => {
    await teams?.stop();
    await Promise.all([botA?.stop(), botB?.stop()]);
    await sim?.close();
    await azurite?.stop();
  });

  const chatOf = (user: TeamsUser): ConversationSpec => ({ id: teams.personalConversationId(user), kind: 'personal', tenantId: sim.tenantId });
  const channel = (): ConversationSpec => ({ ...CHANNEL, tenantId: sim.tenantId });

  function latestCardWith(conversation: ConversationSpec, verb: string): SentActivity | undefined {
    return visible(teams.inConversation(conversation.id))
      .reverse()
      .find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === verb));
  }

  function dataOf(activity: SentActivity, verb: string): Record<string, unknown> {
    const action = executeActions(adaptiveCardOf(activity)).find((a) => a.verb === verb);
    assert.ok(action, `no ${verb} button`);
    return action.data;
  }

  /** Cards with this button ever sent, in every conversation (updates of one card count once). */
  function cardsWith(verb: string): SentActivity[] {
    const ids = new Set(teams.sent.filter((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === verb)).map((a) => a.id));
    return [...ids].map((id) => teams.sent.find((a) => a.id === id)!);
  }

  /**
   * Sign `user` in to one instance: a helpdesk command in their 1:1 sent to that instance, which
   * answers with an OAuthCard; Teams answers it with an SSO token (signin/tokenExchange), to the
   * same instance. Resolves once the 1:1 is remembered as a helpdesk member's.
   */
  async function signInOn(via: TeamsFake, user: TeamsUser): Promise<void> {
    const chat = chatOf(user);
    const isOAuth = (a: SentActivity) => a.attachments?.some((x) => x.contentType === OAUTH) ?? false;
    const before = new Set(teams.inConversation(chat.id).filter(isOAuth).map((a) => a.id));
    await via.sendMessage(user, chat, 'history');
    const oauth = await teams.waitFor(() => teams.inConversation(chat.id).find((a) => isOAuth(a) && !before.has(a.id)), 15000, `an OAuthCard for ${user.name}`);
    const content = oauth.attachments!.find((x) => x.contentType === OAUTH)!.content as { tokenExchangeResource: { id: string } };
    const answer = await via.tokenExchange(user, chat, content.tokenExchangeResource.id, sim.signSsoToken(user.aadObjectId));
    assert.equal(answer.status, 200, `${user.name} signed in`);
    const deadline = Date.now() + 10000;
    while (!(await state.conversations.helpdeskMembers(10)).some((m) => m.oid === user.aadObjectId)) {
      if (Date.now() > deadline) assert.fail(`${user.name} is not known as a helpdesk member`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Alice, through bot A, asks for a reset of her Lumia. */
  async function aliceFilesRequest(): Promise<void> {
    const aliceChat = chatOf(alice);
    await viaA.sendMessage(alice, aliceChat, 'I forgot my PIN');
    const devices = await teams.waitFor(() => latestCardWith(aliceChat, 'fileRequest'), 20000, 'her devices');
    const filed = await viaA.clickExecute(alice, aliceChat, devices.id, 'fileRequest', { ...dataOf(devices, 'fileRequest'), justification: 'Locked out after the holidays' });
    assert.equal(filed.status, 200);
    assert.match(cardText(invokeCard(filed.body)), /Request sent to the helpdesk/);
  }

  /**
   * Make the race real: each instance reads the open request, then checks the clicking agent's
   * helpdesk membership in Graph, then writes its decision. Holding those Graph answers a moment
   * lets both instances read the request before either writes, so the compare-and-set decides.
   */
  function holdHelpdeskChecks(): void {
    sim.injectFault({ method: 'POST', path: '/checkMemberGroups', delayMs: 400, times: 2 });
  }

  /** The passcode Intune generated (read from the simulated tenant, never from the bot). */
  function intunePasscode(): string | undefined {
    const device = sim.tenant.devices.find((x) => x.id === LUMIA)!;
    return device.deviceActionResults.filter((r) => r.actionName === 'resetPasscode' && r.passcode).at(-1)?.passcode ?? undefined;
  }

  /**
   * After the race: the winner answers the identity question (through the instance where they
   * have a session) and sees the passcode, once; then everything else is searched for it.
   */
  async function winnerGetsPasscodeOnce(winner: TeamsUser, winnerVia: TeamsFake, loser?: TeamsUser): Promise<void> {
    const winnerChat = chatOf(winner);
    const question = await teams.waitFor(() => latestCardWith(winnerChat, 'verifyIdentity'), 20000, `the identity question in ${winner.name}’s 1:1`);
    assert.equal(sim.resetPostCount(LUMIA), 1, 'exactly one resetPasscode POST');
    const passcode = intunePasscode();
    assert.ok(passcode, 'Intune produced a passcode');

    const revealed = await winnerVia.clickExecute(winner, winnerChat, question.id, 'verifyIdentity', { ...dataOf(question, 'verifyIdentity'), method: 'callBack', note: '' });
    assert.equal(revealed.status, 200);
    assert.ok(cardText(invokeCard(revealed.body)).includes(passcode), `${winner.name} sees the passcode in their 1:1`);

    // Let any duplicate (a second run, a second question) arrive before counting.
    await teams.waitFor(() => teams.inConversation(chatOf(alice).id).some((a) => /reset by /.test(a.text ?? '')), 15000, 'the owner notice to Alice');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(sim.resetPostCount(LUMIA), 1, 'still exactly one resetPasscode POST');
    assert.equal(cardsWith('verifyIdentity').length, 1, 'one identity question, to the winner only');
    if (loser) assert.ok(!latestCardWith(chatOf(loser), 'verifyIdentity'), `${loser.name} gets nothing to reveal`);
    const notices = teams.inConversation(chatOf(alice).id).filter((a) => /reset by /.test(a.text ?? ''));
    assert.equal(notices.length, 1, 'one owner notice');
    assert.match(notices[0]!.text ?? '', new RegExp(`reset by ${winner.name}`));
    assert.ok(teams.inConversation(chatOf(alice).id).some((a) => /will contact you after checking who you are/.test(a.text ?? '')), 'Alice told of the approval');

    // The passcode exists in one place only: the answer to the winner's click in their 1:1.
    assert.ok(!teams.sent.some((a) => JSON.stringify(a.raw).includes(passcode)), 'passcode in a message the bots sent');
    for (const bot of [botA, botB]) {
      assert.ok(bot.lines.length > 0, `${bot.name} wrote log lines`);
      assert.ok(!bot.lines.some((line) => line.includes(passcode)), `passcode in the output of ${bot.name}`);
    }
    assert.ok(!JSON.stringify(sim.requests).includes(passcode), 'passcode in the simulator request log');
    const stored = await readWholeAccount(azurite.connectionString);
    assert.ok(stored.some((item) => item.text.includes(LUMIA)), 'the scan reads the bots’ state');
    assert.deepEqual(await findInAccount(azurite.connectionString, passcode), [], 'passcode in storage');
  }

  it('two agents approve the same channel card at the same moment, one on each instance: one reset, the other is told who won', async () => {
    // Hana (an admin) chooses the approval channel through bot A; Kenji signs in to bot B.
    await signInOn(viaA, hana);
    await signInOn(viaB, kenji);
    await viaA.sendMessage(hana, channel(), 'use this channel for approvals');
    await teams.waitFor(() => teams.inConversation(CHANNEL.id).some((a) => /will appear in this channel/i.test(a.text ?? '')), 15000, 'the channel confirmed');

    await aliceFilesRequest();
    const card = await teams.waitFor(() => latestCardWith(channel(), 'approveRequest'), 20000, 'the request card in the channel');
    const data = dataOf(card, 'approveRequest');

    holdHelpdeskChecks();
    const [byHana, byKenji] = await Promise.all([
      viaA.clickExecute(hana, channel(), card.id, 'approveRequest', data),
      viaB.clickExecute(kenji, channel(), card.id, 'approveRequest', data),
    ]);
    const answers: Array<[TeamsUser, TeamsFake, InvokeResult]> = [
      [hana, viaA, byHana],
      [kenji, viaB, byKenji],
    ];
    for (const [user, , answer] of answers) assert.equal(answer.status, 200, `${user.name}’s click answered`);
    const texts = answers.map(([, , answer]) => cardText(invokeCard(answer.body)));
    const winners = answers.filter(([user], i) => texts[i]!.includes(`Approved by ${user.name}`));
    assert.equal(winners.length, 1, `exactly one approval wins; answers:\n${texts.join('\n---\n')}`);
    const [winner, winnerVia] = winners[0]!;
    const loser = winner === hana ? kenji : hana;
    // The loser's answer is the card as it now is: it names the winner.
    assert.match(texts[answers.findIndex(([user]) => user === loser)]!, new RegExp(`Approved by ${winner.name}`));
    // Everyone in the channel sees who approved.
    await teams.waitFor(() => visible(teams.inConversation(CHANNEL.id)).some((a) => a.id === card.id && cardText(adaptiveCardOf(a)).includes(`Approved by ${winner.name}`)), 15000, 'the channel card naming the winner');

    await winnerGetsPasscodeOnce(winner, winnerVia, loser);
  });

  it('one agent double-clicks Approve, one click reaching each instance: one reset', async () => {
    // Hana signs in on bot A; the shared token cache gives her a session on both, so both clicks get through.
    await signInOn(viaA, hana);
    await aliceFilesRequest();
    const hanaChat = chatOf(hana);
    const card = await teams.waitFor(() => latestCardWith(hanaChat, 'approveRequest'), 20000, 'the request card in Hana’s 1:1');
    const data = dataOf(card, 'approveRequest');

    holdHelpdeskChecks();
    const both = await Promise.all([
      viaA.clickExecute(hana, hanaChat, card.id, 'approveRequest', data),
      viaB.clickExecute(hana, hanaChat, card.id, 'approveRequest', data),
    ]);
    for (const answer of both) {
      assert.equal(answer.status, 200);
      // Winner and loser alike are answered with the card as it now is.
      assert.match(cardText(invokeCard(answer.body)), /Approved by Hana Suzuki/);
    }
    await winnerGetsPasscodeOnce(hana, viaA);
  });
});
