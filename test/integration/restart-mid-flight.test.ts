import { strict as assert } from 'node:assert';
import path from 'node:path';
import { createAzureState } from '../../src/adapters/azure';
import { DEMO_DEVICES, DEMO_USERS, ensureDevCertificate, startSimulator, type RunningSimulator } from '../../src/simulator';
import { MemoryLogger } from '../fakes/memory-logger';
import { adaptiveCardOf, executeActions, invokeCard, OAUTH, visible } from '../support/cards';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBotProcess, type BotProcess } from '../support/bot-process';
import { findInAccount, readWholeAccount } from '../support/storage-scan';
import { cardText, TeamsFake, type ConversationSpec, type InvokeResult, type SentActivity, type TeamsUser } from '../support/teams-fake';

/**
 * A bot killed (SIGKILL: no shutdown code runs) after its resetPasscode POST reached Intune and
 * before the outcome reached the agent; a new bot process on the same storage finishes the job.
 * Tokens live only in a process's memory, so the new process cannot read the result as the agent
 * on its own: at start-up it finds the in-flight reset and posts a "Get passcode" button to the
 * agent's 1:1; the click signs the agent in (loginRequest, Teams repeats the click with a token),
 * the result is read from Intune's deviceActionResults, and the passcode is shown once, there only.
 */

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const alice: TeamsUser = { id: '29:alice', aadObjectId: DEMO_USERS.aliceSmith, name: 'Alice Smith' };
const LUMIA = DEMO_DEVICES.aliceLumia;

describe('Restart in the middle of a reset (two bot processes, one after the other, on one Azurite)', function () {
  this.timeout(60000);
  let sim: RunningSimulator;
  let azurite: RunningAzurite;
  let certPath: string;
  let teams: TeamsFake;
  const bots: BotProcess[] = [];

  beforeEach(async () => {
    const certificate = await ensureDevCertificate(path.resolve(__dirname, '../../.simulator'));
    certPath = certificate.certPath;
    [sim, azurite] = await Promise.all([startSimulator({ certificate, actionDelayMs: 300 }), startAzurite()]);
  });
  afterEach(async () => {
    await teams?.stop();
    await Promise.all(bots.splice(0).map((bot) => bot.stop()));
    await sim?.close();
    await azurite?.stop();
  });

  async function startBot(name: string): Promise<BotProcess> {
    const bot = await startBotProcess({ sim, certPath, connectionString: azurite.connectionString, name });
    bots.push(bot);
    return bot;
  }

  const chatOf = (user: TeamsUser): ConversationSpec => ({ id: teams.personalConversationId(user), kind: 'personal', tenantId: sim.tenantId });

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

  /** The passcode Intune generated (read from the simulated tenant, never from the bot). */
  function intunePasscode(): string | undefined {
    const device = sim.tenant.devices.find((x) => x.id === LUMIA)!;
    return device.deviceActionResults.filter((r) => r.actionName === 'resetPasscode' && r.passcode).at(-1)?.passcode ?? undefined;
  }

  async function until(probe: () => boolean, timeoutMs: number, what: string, everyMs = 20): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  /** Bot A, and Teams in front of it; Alice has written to the bot once, so her 1:1 is known (owner notices go there). */
  async function startFirstBot(): Promise<BotProcess> {
    const botA = await startBot('bot A');
    teams = new TeamsFake(botA.url);
    await teams.start();
    teams.addUser(hana);
    teams.addUser(alice);
    const aliceChat = chatOf(alice);
    await teams.sendMessage(alice, aliceChat, 'help');
    await teams.waitFor(() => teams.inConversation(aliceChat.id).length > 0, 15000, 'the answer to Alice');
    return botA;
  }

  /** Teams' answer to an OAuthCard the bot posted in the user's 1:1 (the newest one): an SSO token. */
  async function answerOAuthCard(user: TeamsUser, seenBefore: number): Promise<void> {
    const chat = chatOf(user);
    const isOAuth = (a: SentActivity) => a.attachments?.some((x) => x.contentType === OAUTH) ?? false;
    const oauth = await teams.waitFor(() => teams.inConversation(chat.id).filter(isOAuth)[seenBefore], 15000, `an OAuthCard for ${user.name}`);
    const exchange = oauth.attachments!.find((x) => x.contentType === OAUTH)!.content as { tokenExchangeResource: { id: string } };
    assert.equal((await teams.tokenExchange(user, chat, exchange.tokenExchangeResource.id, sim.signSsoToken(user.aadObjectId))).status, 200);
  }

  /** Intune keeps the reset pending while bot A lives; the moment the POST arrived, A dies (SIGKILL: no shutdown code runs). */
  async function killAfterPost(botA: BotProcess): Promise<void> {
    await until(() => sim.resetPostCount(LUMIA) >= 1, 15000, 'the resetPasscode POST', 5);
    await botA.kill('SIGKILL');
    assert.equal(sim.resetPostCount(LUMIA), 1);
    assert.equal(intunePasscode(), undefined, 'still pending in Intune when bot A died');
    // Intune finishes the reset while no bot runs.
    sim.setActionOutcome(LUMIA, 'done');
  }

  /**
   * Hana's cached sign-in is gone (expired, or she signed out) before bot B starts: the click path.
   * While it is still valid, bot B needs no click at all (the shared token cache).
   */
  async function forgetHanasSignIn(): Promise<void> {
    await createAzureState({ connectionString: azurite.connectionString, namespace: 'passcodedesk', logger: new MemoryLogger() }).tokenCache.delete(hana.aadObjectId);
  }

  /**
   * Bot B has no token for Hana: it posts a Get passcode button to her 1:1. Her click is answered
   * with a loginRequest; Teams signs her in and repeats the click with her token.
   */
  async function clickGetPasscode(viaB: TeamsFake): Promise<{ button: SentActivity; answers: InvokeResult[] }> {
    const hanaChat = chatOf(hana);
    const button = await teams.waitFor(() => latestCardWith(hanaChat, 'getRecoveredPasscode'), 20000, 'the Get passcode button from bot B');
    assert.ok(!JSON.stringify(button.raw).includes(intunePasscode() ?? '\u0000'), 'the button carries no passcode');
    const data = dataOf(button, 'getRecoveredPasscode');
    const first = await viaB.clickExecute(hana, hanaChat, button.id, 'getRecoveredPasscode', data);
    assert.equal(first.status, 401, 'bot B asks for a sign-in first');
    const repeated = await viaB.post({
      ...viaB.envelope(hana, hanaChat, 'en-US'),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: button.id,
      value: { action: { type: 'Action.Execute', verb: 'getRecoveredPasscode', data }, trigger: 'manual', authentication: { token: sim.signSsoToken(hana.aadObjectId) } },
    });
    assert.equal(repeated.status, 200);
    return { button, answers: [first, repeated] };
  }

  /**
   * The passcode was shown exactly once (in one of `answers` to Hana's clicks, or as one message
   * in her 1:1), nothing was sent to Intune again, the owner was told once, and the passcode is
   * nowhere else: not in either process's output, any other message or notification text, the
   * simulator's request log, or storage. Returns the card that showed it.
   */
  async function assertShownOnceAndNowhereElse(passcode: string, answers: InvokeResult[], bots: BotProcess[]): Promise<string> {
    const hanaChat = chatOf(hana);
    const aliceChat = chatOf(alice);
    // Give a second delivery (from B's own check on Hana's turn, say) time to show up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const inAnswers = answers.filter((answer) => JSON.stringify(answer.body ?? '').includes(passcode));
    const inMessages = teams.sent.filter((a) => JSON.stringify(a.raw).includes(passcode));
    assert.equal(inAnswers.length + inMessages.length, 1, `the passcode was shown ${inAnswers.length + inMessages.length} times`);
    assert.ok(inMessages.every((a) => a.conversationId === hanaChat.id), 'only in Hana’s 1:1');
    const shown = inAnswers.length ? cardText(invokeCard(inAnswers[0]!.body)) : cardText(adaptiveCardOf(inMessages[0]));
    assert.ok(shown.includes(passcode), 'the card shows the passcode Intune generated');

    assert.equal(sim.resetPostCount(LUMIA), 1, 'no second resetPasscode POST');
    await teams.waitFor(() => teams.inConversation(aliceChat.id).some((a) => /reset by Hana Suzuki/.test(a.text ?? '')), 15000, 'the owner notice to Alice');
    assert.equal(teams.inConversation(aliceChat.id).filter((a) => /reset by Hana Suzuki/.test(a.text ?? '')).length, 1, 'one owner notice');

    for (const bot of bots) {
      assert.ok(bot.lines.length > 0, `${bot.name} wrote log lines`);
      assert.ok(!bot.lines.some((line) => line.includes(passcode)), `passcode in the output of ${bot.name}`);
    }
    assert.ok(!teams.sent.some((a) => a.conversationId !== hanaChat.id && JSON.stringify(a.raw).includes(passcode)), 'passcode outside Hana’s 1:1');
    assert.ok(!teams.sent.some((a) => `${a.text ?? ''} ${a.summary ?? ''}`.includes(passcode)), 'passcode in a text or notification summary');
    assert.ok(!JSON.stringify(sim.requests).includes(passcode), 'passcode in the simulator request log');
    const stored = await readWholeAccount(azurite.connectionString);
    assert.ok(stored.some((item) => item.text.includes(LUMIA)), 'the scan reads the bot’s state (the reset is recorded)');
    assert.deepEqual(await findInAccount(azurite.connectionString, passcode), [], 'passcode in storage');
    return shown;
  }

  it('agent flow: kill -9 after the POST, sign-in gone; the next process gets the agent the passcode once, after one sign-in click, and nothing is resent', async () => {
    const botA = await startFirstBot();
    const hanaChat = chatOf(hana);
    sim.setActionOutcome(LUMIA, 'stuck');

    // Hana, on bot A: command, SSO through the OAuthCard, confirmation with a ticket number.
    await teams.sendMessage(hana, hanaChat, 'reset PIN for alice smith');
    await answerOAuthCard(hana, 0);
    const confirmCard = await teams.waitFor(() => latestCardWith(hanaChat, 'confirm'), 15000, 'the confirmation card');
    const confirmed = await teams.clickExecute(hana, hanaChat, confirmCard.id, 'confirm', { ...dataOf(confirmCard, 'confirm'), reason: 'INC-4711' });
    assert.equal(confirmed.status, 200);

    await killAfterPost(botA);
    assert.ok(!teams.sent.some((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'hidePasscode')), 'bot A delivered nothing');
    await forgetHanasSignIn();

    const botB = await startBot('bot B');
    const viaB = teams.forBot(botB.url);
    const { button, answers } = await clickGetPasscode(viaB);

    const passcode = intunePasscode();
    assert.ok(passcode, 'Intune produced a passcode');
    const shown = await assertShownOnceAndNowhereElse(passcode, answers, [botA, botB]);
    assert.match(shown, /ALICE-LUMIA/);

    // The card Hana confirmed on (bot A left it at "Resetting…") shows the outcome, never the passcode.
    const isOutcome = (a: SentActivity) => a.id === confirmCard.id && /Passcode reset/.test(cardText(adaptiveCardOf(a)));
    const finished = await teams.waitFor(() => visible(teams.inConversation(hanaChat.id)).find(isOutcome), 15000, 'the original card with the outcome');
    assert.ok(finished.updated, 'the card was updated in place');
    assert.doesNotMatch(cardText(adaptiveCardOf(finished)), /Resetting/);
    assert.ok(!JSON.stringify(finished.raw).includes(passcode), 'no passcode on the original card');

    // A second click on the old button delivers nothing more.
    const again = await viaB.clickExecute(hana, hanaChat, button.id, 'getRecoveredPasscode', dataOf(button, 'getRecoveredPasscode'));
    assert.ok(!JSON.stringify(again.body ?? '').includes(passcode), 'a second click shows nothing');
    assert.equal(sim.resetPostCount(LUMIA), 1);
    const buttons = new Set(teams.sent.filter((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'getRecoveredPasscode')).map((a) => a.id));
    assert.equal(buttons.size, 1, 'one Get passcode button');
  });

  it('self-service: kill -9 after the approved reset was sent, sign-in gone; the next process asks the approver to verify, then shows the passcode once', async () => {
    const botA = await startFirstBot();
    const hanaChat = chatOf(hana);
    const aliceChat = chatOf(alice);

    // Hana signs in on bot A (so request cards reach her 1:1); Alice files a request there.
    await teams.sendMessage(hana, hanaChat, 'history');
    await answerOAuthCard(hana, 0);
    // The bot remembers her 1:1 as a helpdesk member's in the background, after reading her membership as her.
    const state = createAzureState({ connectionString: azurite.connectionString, namespace: 'passcodedesk', logger: new MemoryLogger() });
    const deadline = Date.now() + 10000;
    while (!(await state.conversations.helpdeskMembers(10)).some((m) => m.oid === hana.aadObjectId)) {
      if (Date.now() > deadline) assert.fail('Hana is not known as a helpdesk member');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await teams.sendMessage(alice, aliceChat, 'I forgot my PIN');
    const devices = await teams.waitFor(() => latestCardWith(aliceChat, 'fileRequest'), 20000, 'her devices');
    const filed = await teams.clickExecute(alice, aliceChat, devices.id, 'fileRequest', { ...dataOf(devices, 'fileRequest'), justification: 'Locked out' });
    assert.equal(filed.status, 200);
    const request = await teams.waitFor(() => latestCardWith(hanaChat, 'approveRequest'), 20000, 'the request card in Hana’s 1:1');

    sim.setActionOutcome(LUMIA, 'stuck');
    const approved = await teams.clickExecute(hana, hanaChat, request.id, 'approveRequest', dataOf(request, 'approveRequest'));
    assert.match(cardText(invokeCard(approved.body)), /Approved by Hana Suzuki/);
    await killAfterPost(botA);
    await forgetHanasSignIn();

    const botB = await startBot('bot B');
    const viaB = teams.forBot(botB.url);
    const { button, answers } = await clickGetPasscode(viaB);

    // The button becomes the identity question (or it arrives as a message): once.
    const asks = (card: unknown) => executeActions(card).some((x) => x.verb === 'verifyIdentity');
    const questions: Array<{ activityId: string; card: unknown }> = [
      ...answers.map((answer) => ({ activityId: button.id, card: invokeCard(answer.body) })).filter((q) => asks(q.card)),
      ...teams.inConversation(hanaChat.id).map((a) => ({ activityId: a.id, card: adaptiveCardOf(a) })).filter((q) => asks(q.card)),
    ];
    assert.equal(questions.length, 1, 'one identity question');
    const question = executeActions(questions[0]!.card).find((x) => x.verb === 'verifyIdentity')!;
    const revealed = await viaB.clickExecute(hana, hanaChat, questions[0]!.activityId, 'verifyIdentity', { ...question.data, method: 'inPerson', note: '' });
    assert.equal(revealed.status, 200);

    const passcode = intunePasscode();
    assert.ok(passcode, 'Intune produced a passcode');
    const shown = await assertShownOnceAndNowhereElse(passcode, [...answers, revealed], [botA, botB]);
    assert.match(shown, /Alice Smith/);
    // The employee is told it was approved, and never given the passcode; the request card bot A
    // posted is brought up to date by bot B.
    await teams.waitFor(() => teams.inConversation(aliceChat.id).some((a) => /will contact you after checking who you are/.test(a.text ?? '')), 15000, 'Alice told of the approval');
    await teams.waitFor(
      () => visible(teams.inConversation(hanaChat.id)).some((a) => a.id === request.id && /Identity verified by Hana Suzuki/.test(cardText(adaptiveCardOf(a)))),
      15000,
      'the request card showing the verification',
    );
  });
});
