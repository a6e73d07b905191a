import { strict as assert } from 'node:assert';
import path from 'node:path';
import { createAzureState, type AzureState } from '../../src/adapters/azure';
import { DEMO_USERS, ensureDevCertificate, startSimulator, type RunningSimulator } from '../../src/simulator';
import { MemoryLogger } from '../fakes/memory-logger';
import { OAUTH } from '../support/cards';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBotProcess, type BotProcess } from '../support/bot-process';
import { findInAccount, readWholeAccount } from '../support/storage-scan';
import { TeamsFake, type ConversationSpec, type SentActivity, type TeamsUser } from '../support/teams-fake';

/**
 * Bot processes sharing one Azurite, as App Service instances behind a load balancer share the
 * storage account: an agent's sign-in is kept in the shared, encrypted token cache, so any
 * instance (and any instance started later) serves the agent without asking them to sign in again.
 */

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const isOAuth = (a: SentActivity) => a.attachments?.some((x) => x.contentType === OAUTH) ?? false;

describe('An agent signed in once is signed in on every instance sharing the storage account', function () {
  this.timeout(120_000);
  let sim: RunningSimulator;
  let azurite: RunningAzurite;
  let certPath: string;
  /** Teams in front of the first instance started in the test; forBot gives it in front of another. */
  let teams: TeamsFake | undefined;
  const bots: BotProcess[] = [];
  let state: AzureState;

  const startBot = async (name: string, env: Record<string, string> = {}): Promise<BotProcess> => {
    const bot = await startBotProcess({ sim, certPath, connectionString: azurite.connectionString, name, env });
    bots.push(bot);
    return bot;
  };

  beforeEach(async () => {
    const certificate = await ensureDevCertificate(path.resolve(__dirname, '../../.simulator'));
    certPath = certificate.certPath;
    [sim, azurite] = await Promise.all([startSimulator({ certificate, actionDelayMs: 300 }), startAzurite()]);
    state = createAzureState({ connectionString: azurite.connectionString, namespace: 'passcodedesk', logger: new MemoryLogger() });
  });
  afterEach(async () => {
    await teams?.stop();
    teams = undefined;
    await Promise.all(bots.splice(0).map((bot) => bot.stop()));
    await sim?.close();
    await azurite?.stop();
  });

  const front = (): TeamsFake => {
    assert.ok(teams, 'no instance started');
    return teams;
  };
  const chat = (): ConversationSpec => ({ id: front().personalConversationId(hana), kind: 'personal', tenantId: sim.tenantId });

  /** Hana types `history` through this Teams (one instance); resolves with the bot's first new reply. */
  async function historyVia(via: TeamsFake): Promise<SentActivity> {
    const before = new Set(front().inConversation(chat().id).map((a) => a.id));
    await via.sendMessage(hana, chat(), 'history');
    return front().waitFor(() => front().inConversation(chat().id).find((a) => !before.has(a.id)), 20_000, 'an answer to history');
  }

  /**
   * Hana answers the OAuthCard with her Teams SSO token, through the same instance; resolves once
   * the `history` that waited for the sign-in has answered (so later replies are told apart).
   */
  async function signInAnswering(via: TeamsFake, oauth: SentActivity): Promise<void> {
    const before = new Set(front().inConversation(chat().id).map((a) => a.id));
    const content = oauth.attachments!.find((x) => x.contentType === OAUTH)!.content as { tokenExchangeResource: { id: string } };
    const answer = await via.tokenExchange(hana, chat(), content.tokenExchangeResource.id, sim.signSsoToken(hana.aadObjectId));
    assert.equal(answer.status, 200, 'Hana signed in');
    const resumed = await front().waitFor(() => front().inConversation(chat().id).find((a) => !before.has(a.id)), 20_000, 'the history that waited');
    assert.ok(!isOAuth(resumed), 'the waiting history answers, without another sign-in');
  }

  /** Teams in front of a fresh pair of instances. */
  async function teamsFor(bot: BotProcess): Promise<TeamsFake> {
    if (teams) return teams.forBot(bot.url);
    const first = new TeamsFake(bot.url);
    teams = first;
    await first.start();
    first.addUser(hana);
    return first;
  }

  it('signs in on instance A, then instance B answers without a sign-in, and so do both after a restart', async () => {
    const [botA, botB] = await Promise.all([startBot('bot A'), startBot('bot B')]);
    const viaA = await teamsFor(botA);
    const viaB = await teamsFor(botB);

    const first = await historyVia(viaA);
    assert.ok(isOAuth(first), 'a first command asks Hana to sign in');
    await signInAnswering(viaA, first);

    assert.ok(!isOAuth(await historyVia(viaB)), 'instance B serves Hana without a sign-in');

    // Both instances replaced (a restart, a deployment): still within the token's lifetime.
    await Promise.all([botA.stop(), botB.stop()]);
    const [botC, botD] = await Promise.all([startBot('bot C'), startBot('bot D')]);
    assert.ok(!isOAuth(await historyVia(await teamsFor(botC))), 'a restarted instance serves Hana without a sign-in');
    assert.ok(!isOAuth(await historyVia(await teamsFor(botD))), 'so does the other');
  });

  it('`sign out` on one instance signs Hana out on both; in Japanese too', async () => {
    const [botA, botB] = await Promise.all([startBot('bot A'), startBot('bot B')]);
    const viaA = await teamsFor(botA);
    const viaB = await teamsFor(botB);
    const first = await historyVia(viaA);
    assert.ok(isOAuth(first));
    await signInAnswering(viaA, first);
    assert.ok(!isOAuth(await historyVia(viaB)), 'signed in on B too');

    const before = new Set(front().inConversation(chat().id).map((a) => a.id));
    await viaB.sendMessage(hana, chat(), 'sign out');
    const answer = await front().waitFor(() => front().inConversation(chat().id).find((a) => !before.has(a.id)), 20_000, 'the answer to sign out');
    assert.match(answer.text ?? '', /signed out of Passcode Desk on every instance/);

    assert.ok(isOAuth(await historyVia(viaA)), 'instance A asks Hana to sign in again');
    assert.ok(isOAuth(await historyVia(viaB)), 'so does instance B');

    const again = await historyVia(viaA);
    await signInAnswering(viaA, isOAuth(again) ? again : first);
    const beforeJa = new Set(front().inConversation(chat().id).map((a) => a.id));
    await viaA.sendMessage(hana, chat(), 'サインアウト', 'ja-JP');
    const ja = await front().waitFor(() => front().inConversation(chat().id).find((a) => !beforeJa.has(a.id)), 20_000, 'the Japanese answer');
    assert.match(ja.text ?? '', /サインアウトしました/);
    assert.ok(isOAuth(await historyVia(viaB)), 'signed out everywhere again');
  });

  it('keeps no token readable in storage: the simulator’s tokens appear nowhere in the account', async () => {
    const botA = await startBot('bot A');
    const viaA = await teamsFor(botA);
    await signInAnswering(viaA, await historyVia(viaA));
    assert.ok(!isOAuth(await historyVia(viaA)));

    const stored = await readWholeAccount(azurite.connectionString);
    assert.ok(stored.some((item) => item.where.startsWith(`blob/${state.names.containers.tokens}/`)), 'the token cache is in the account');
    const tokens = sim.issuedTokensForLeakChecks;
    assert.ok(tokens.length >= 2, 'an SSO token and an on-behalf-of token were issued');
    for (const token of tokens) {
      for (const needle of [token, token.split('.')[1] ?? token, token.split('.')[2] ?? token]) {
        assert.deepEqual(await findInAccount(azurite.connectionString, needle), [], 'a token (or part of one) in storage');
      }
    }
    for (const line of botA.lines) for (const token of tokens) assert.ok(!line.includes(token), 'a token in the log');
  });

  it('an instance with a wrong key fails closed: a clear log line, a new sign-in, then it serves Hana', async () => {
    const botA = await startBot('bot A');
    const viaA = await teamsFor(botA);
    await signInAnswering(viaA, await historyVia(viaA));

    const wrong = await startBot('bot with a wrong key', { TOKEN_CACHE_KEY: Buffer.alloc(32, 0x11).toString('base64') });
    const viaWrong = await teamsFor(wrong);
    const asked = await historyVia(viaWrong);
    assert.ok(isOAuth(asked), 'Hana is asked to sign in again');
    assert.ok(
      wrong.lines.some((line) => line.includes('auth.tokenCacheUnreadable') && line.includes('TOKEN_CACHE_KEY')),
      'the log says the stored tokens do not open with the configured key',
    );
    await signInAnswering(viaWrong, asked);
    assert.ok(!isOAuth(await historyVia(viaWrong)), 'after the new sign-in Hana is served');
  });
});
