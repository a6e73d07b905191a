import { strict as assert } from 'node:assert';
import path from 'node:path';
import { DEMO_USERS, ensureDevCertificate, startSimulator, type RunningSimulator } from '../../src/simulator';
import { t } from '../../src/i18n';
import { adaptiveCardOf, executeActions, OAUTH, visible } from '../support/cards';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBotProcess, type BotProcess } from '../support/bot-process';
import { findInAccount } from '../support/storage-scan';
import { cardText, TeamsFake, type ConversationSpec, type SentActivity, type TeamsUser } from '../support/teams-fake';

/**
 * Two bot processes behind a load balancer that alternates strictly: request 1 to A, request 2
 * to B, and so on. A command typed on one instance asks for a sign-in; the token exchange lands
 * on the other, which runs the command there and answers in the conversation it was typed in.
 * The agent never sends it again and never reads "please send your request again".
 */

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const kenji: TeamsUser = { id: '29:kenji', aadObjectId: DEMO_USERS.kenjiSato, name: 'Kenji Sato' };
const CHANNEL: Omit<ConversationSpec, 'tenantId'> = { id: '19:helpdesk-general@thread.tacv2', kind: 'channel' };
const isOAuth = (a: SentActivity) => a.attachments?.some((x) => x.contentType === OAUTH) ?? false;
const hasButton = (verb: string) => (a: SentActivity) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === verb);

describe('A command that asked for a sign-in runs on whichever instance receives the token', function () {
  this.timeout(90_000);
  let sim: RunningSimulator;
  let azurite: RunningAzurite;
  let teams: TeamsFake;
  let bots: BotProcess[] = [];
  /** Teams in front of A and of B; `next()` takes them in turn. */
  let fronts: TeamsFake[] = [];
  let requests = 0;
  const next = (): TeamsFake => fronts[requests++ % fronts.length]!;

  beforeEach(async () => {
    const certificate = await ensureDevCertificate(path.resolve(__dirname, '../../.simulator'));
    [sim, azurite] = await Promise.all([startSimulator({ certificate, actionDelayMs: 300 }), startAzurite()]);
    const start = (name: string) => startBotProcess({ sim, certPath: certificate.certPath, connectionString: azurite.connectionString, name });
    bots = await Promise.all([start('bot A'), start('bot B')]);
    teams = new TeamsFake(bots[0]!.url);
    await teams.start();
    fronts = [teams, teams.forBot(bots[1]!.url)];
    requests = 0;
    for (const user of [hana, kenji]) teams.addUser(user);
  });
  afterEach(async () => {
    await teams?.stop();
    await Promise.all(bots.map((bot) => bot.stop()));
    await sim?.close();
    await azurite?.stop();
  });

  const chatOf = (user: TeamsUser): ConversationSpec => ({ id: teams.personalConversationId(user), kind: 'personal', tenantId: sim.tenantId });
  const newIn = (conversationId: string, before: ReadonlySet<string>) => teams.inConversation(conversationId).filter((a) => !before.has(a.id));
  const idsIn = (conversationId: string) => new Set(teams.inConversation(conversationId).map((a) => a.id));

  /**
   * `user` types `text` in `conversation` (one request) and is asked to sign in in their 1:1;
   * Teams exchanges the SSO token (the next request, so the other instance). Resolves with what
   * arrived in `conversation` after the sign-in.
   */
  async function typeAndSignIn(user: TeamsUser, conversation: ConversationSpec, text: string, arrived: (a: SentActivity) => boolean): Promise<SentActivity> {
    const chat = chatOf(user);
    const asked = idsIn(chat.id);
    await next().sendMessage(user, conversation, text);
    const oauth = await teams.waitFor(() => newIn(chat.id, asked).find(isOAuth), 15_000, `a sign-in for ${text}`);
    const before = idsIn(conversation.id);
    const content = oauth.attachments!.find((x) => x.contentType === OAUTH)!.content as { tokenExchangeResource: { id: string } };
    const answer = await next().tokenExchange(user, chat, content.tokenExchangeResource.id, sim.signSsoToken(user.aadObjectId));
    assert.equal(answer.status, 200, `${user.name} signed in`);
    const answered = await teams.waitFor(() => visible(newIn(conversation.id, before)).find(arrived), 20_000, `the answer to ${text}`);
    const said = teams.inConversation(chat.id).map((a) => a.text ?? '');
    assert.ok(!said.includes(t('en', 'bot.signIn.done')), `${user.name} was asked to send ${text} again`);
    return answered;
  }

  async function signOut(user: TeamsUser): Promise<void> {
    const before = idsIn(chatOf(user).id);
    await next().sendMessage(user, chatOf(user), 'sign out');
    await teams.waitFor(() => newIn(chatOf(user).id, before).some((a) => /signed out/.test(a.text ?? '')), 15_000, 'signed out');
  }

  it('history typed on A, token exchange on B: the history card arrives without asking again', async () => {
    const answer = await typeAndSignIn(kenji, chatOf(kenji), 'history alice smith', (a) => !!adaptiveCardOf(a));
    assert.match(cardText(adaptiveCardOf(answer)), /Alice Smith/);
    assert.equal(teams.inConversation(chatOf(kenji).id).filter(isOAuth).length, 1, 'one sign-in');
  });

  it('after a reset and a sign out, show passcode typed on one instance is answered from the other, and storage holds no passcode', async () => {
    const chat = chatOf(kenji);
    // The reset resumes after the sign-in as before: the confirmation card, then Yes, then the passcode.
    const confirm = await typeAndSignIn(kenji, chat, 'reset PIN for alice smith', hasButton('confirm'));
    const yes = executeActions(adaptiveCardOf(confirm)).find((a) => a.verb === 'confirm')!;
    assert.equal((await next().clickExecute(kenji, chat, confirm.id, 'confirm', { ...yes.data, reason: 'INC-4242' })).status, 200);
    await teams.waitFor(() => visible(teams.inConversation(chat.id)).find(hasButton('hidePasscode')), 20_000, 'the passcode card');
    const passcode = sim.tenant.devices
      .flatMap((device) => device.deviceActionResults)
      .filter((r) => r.actionName === 'resetPasscode' && r.passcode)
      .at(-1)?.passcode;
    assert.ok(passcode, 'Intune produced a passcode');

    await signOut(kenji);
    const shown = await typeAndSignIn(kenji, chat, 'show passcode for alice smith because she is at the airport', (a) => !!adaptiveCardOf(a));
    assert.ok(cardText(adaptiveCardOf(shown)).includes(passcode), `the passcode shown again, in Kenji’s 1:1; he read: ${cardText(adaptiveCardOf(shown))}`);
    assert.deepEqual(await findInAccount(azurite.connectionString, passcode), [], 'passcode in storage');
    for (const token of sim.issuedTokensForLeakChecks) assert.deepEqual(await findInAccount(azurite.connectionString, token), [], 'a token in storage');
  });

  it('setup check typed by Hana (an admin) on A, token exchange on B: the report arrives', async () => {
    const report = await typeAndSignIn(hana, chatOf(hana), 'setup check', hasButton('reviewPinRecoveryPolicy'));
    assert.match(cardText(adaptiveCardOf(report)), /1 of 4 checks need attention/);
  });

  it('use this channel for approvals, typed in a channel on A, token exchange in the 1:1 on B: the channel is chosen', async () => {
    const channel: ConversationSpec = { ...CHANNEL, tenantId: sim.tenantId };
    const confirmed = await typeAndSignIn(hana, channel, 'use this channel for approvals', (a) => /will appear in this channel/i.test(a.text ?? ''));
    assert.ok(confirmed);
  });
});
