import { strict as assert } from 'node:assert';
import { CloudAdapter } from 'botbuilder';
import sinon from 'sinon';
import { createMemoryState } from '../../src/adapters/memory';
import { parseStoredReference, type StoredConversationReference } from '../../src/adapters/teams/conversation-reference';
import { PrivateDelivery } from '../../src/adapters/teams/private-delivery';
import { ProactiveMessenger } from '../../src/adapters/teams/proactive';
import { ServiceUrlAllowList } from '../../src/adapters/teams/service-url-allow-list';
import { TeamsOwnerNotifier } from '../../src/bot/notifications/teams-owner-notifier';
import { ServiceUrlNotAllowedError } from '../../src/server/allowed-service-urls';
import { StrictBotFrameworkAuthentication } from '../../src/server/strict-bot-authentication';
import { DEMO_USERS } from '../../src/simulator';
import { MemoryLogger } from '../fakes';
import {
  channelClaims,
  listenRecording,
  postActivity,
  signJwt,
  startChannelDeployment,
  teamsMessage,
  type ChannelDeployment,
  type Listening,
} from '../support/bot-framework-channel';

/**
 * Every reply and proactive message goes to a conversation's service URL with the bot's Bot
 * Connector token. With a bot identity the bot talks to Teams' service hosts only (here plus the
 * loopback stand-in, through TEAMS_SERVICE_URL_HOSTS=127.0.0.1); 127.0.0.2 plays any other host.
 */

/** A connector stand-in: accepts sends and new conversations, and records them. */
const connectorOn = (host: string) => listenRecording((path) => ({ status: 200, body: { id: path.endsWith('/v3/conversations') ? 'a:new-1on1' : 'sent-1' } }), host);

describe('With a bot identity, conversations from other service hosts are refused (real HTTP)', function () {
  this.timeout(60_000);
  let d: ChannelDeployment | undefined;
  let teams: Listening;
  let foreign: Listening;
  /** botbuilder writes each refused request to console.error; kept out of the test output. */
  let consoleErrors: sinon.SinonStub | undefined;

  before(async () => {
    consoleErrors = sinon.stub(console, 'error');
    teams = await connectorOn('127.0.0.1');
    foreign = await connectorOn('127.0.0.2');
    d = await startChannelDeployment({ TEAMS_SERVICE_URL_HOSTS: '127.0.0.1' });
  });

  after(async () => {
    consoleErrors?.restore();
    await d?.stop();
    await teams?.close();
    await foreign?.close();
  });

  /** Hana writes `help` through `serviceUrl`, with a channel token vouching for that service URL. */
  function helpThrough(deployment: ChannelDeployment, serviceUrl: string) {
    const token = signJwt(deployment.channel.known.privateKey, 'known-key', channelClaims(deployment.sim.clientId, serviceUrl));
    // expectReplies: the answer comes back in the HTTP body, no outbound connector token needed.
    return postActivity(deployment.app.url, `Bearer ${token}`, teamsMessage(deployment.sim, serviceUrl, 'help', { deliveryMode: 'expectReplies' }));
  }

  const keptOneOnOne = async (deployment: ChannelDeployment) => parseStoredReference(await deployment.app.state.conversations.find(DEMO_USERS.hanaSuzuki));

  it('answers 401 to an authenticated activity naming another host, runs no turn, keeps no 1:1 there, and logs the host', async () => {
    const deployment = d!;
    const serviceUrl = `${foreign.url}/`;
    const answer = await helpThrough(deployment, serviceUrl);
    assert.equal(answer.status, 401, answer.text);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a 1:1 is recorded in the background: it would show by now
    assert.notEqual((await keptOneOnOne(deployment))?.serviceUrl, serviceUrl, 'the 1:1 on the other host was kept');
    assert.deepEqual(foreign.hits, []);
    const refusals = deployment.logLines.filter((line) => line.includes('"event":"bot.serviceUrl.refused"'));
    assert.equal(refusals.length, 1, deployment.logLines.join('\n'));
    assert.match(refusals[0]!, /"host":"127\.0\.0\.2"/);
    assert.match(refusals[0]!, /"direction":"inbound"/);
  });

  it('(control) answers the same activity from the allowed stand-in, and keeps that 1:1 for later messages', async () => {
    const deployment = d!;
    const serviceUrl = `${teams.url}/`;
    const answer = await helpThrough(deployment, serviceUrl);
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.text, /reset/i, 'the help text came back');
    for (let i = 0; i < 50 && (await keptOneOnOne(deployment))?.serviceUrl !== serviceUrl; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await keptOneOnOne(deployment))?.serviceUrl, serviceUrl);
  });
});

describe('Proactive sends to a stored conversation on another host (real CloudAdapter, connector stand-ins)', function () {
  this.timeout(30_000);
  let teams: Listening;
  let foreign: Listening;
  let logger: MemoryLogger;
  let adapter: CloudAdapter;

  before(async () => {
    teams = await connectorOn('127.0.0.1');
    foreign = await connectorOn('127.0.0.2');
  });
  after(async () => {
    await teams?.close();
    await foreign?.close();
  });
  beforeEach(() => {
    teams.hits.length = 0;
    foreign.hits.length = 0;
    logger = new MemoryLogger();
    // The app's authentication with a bot identity's allow-list; no app id, so the stand-ins need no token.
    adapter = new CloudAdapter(new StrictBotFrameworkAuthentication({}, { serviceUrls: ServiceUrlAllowList.teams(['127.0.0.1']), logger }));
  });

  function stored(serviceUrl: string, conversationType = 'personal'): StoredConversationReference {
    return {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: conversationType === 'personal' ? 'a:hana-1on1' : '19:helpdesk@thread.tacv2', tenantId: 'tenant-1', conversationType },
      bot: { id: '28:passcode-desk' },
      user: { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki },
    };
  }

  function refusalsLogged(): Array<Record<string, unknown>> {
    return logger.lines.filter((line) => line.event === 'bot.serviceUrl.refused').map((line) => line.fields);
  }

  it('refuses a message to a stored 1:1 on another host, logs the host, and sends nothing there; the allowed host still gets its message', async () => {
    const proactive = new ProactiveMessenger(adapter, '');
    await assert.rejects(
      proactive.continueIn(stored(`${foreign.url}/`), async (context) => {
        await context.sendActivity('Your request was approved.');
      }),
      ServiceUrlNotAllowedError,
    );
    assert.deepEqual(foreign.hits, []);
    assert.deepEqual(refusalsLogged(), [{ host: '127.0.0.2', direction: 'outbound' }]);

    await proactive.continueIn(stored(`${teams.url}/`), async (context) => {
      await context.sendActivity('Your request was approved.');
    });
    assert.equal(teams.hits.length, 1);
    assert.match(teams.hits[0]!, /^POST \/v3\/conversations\/a%3Ahana-1on1\/activities/);
  });

  it('sends no owner notice to a person whose remembered 1:1 is on another host, and says why in the log', async () => {
    const state = createMemoryState({ logger });
    await state.conversations.remember(DEMO_USERS.aliceSmith, stored(`${foreign.url}/`));
    const notifier = new TeamsOwnerNotifier(state.conversations, new ProactiveMessenger(adapter, ''), logger);
    await notifier.resetNotice({ oid: DEMO_USERS.aliceSmith, name: 'Alice Smith' }, 'ALICE-LUMIA', 'Hana Suzuki');
    assert.deepEqual(foreign.hits, []);
    assert.deepEqual(refusalsLogged(), [{ host: '127.0.0.2', direction: 'outbound' }]);
    assert.equal(logger.lines.find((line) => line.event === 'notify.owner.failed')?.fields.errorName, 'ServiceUrlNotAllowedError');
  });

  it('opens no 1:1 on another host for a private delivery whose origin channel is there: nothing is delivered anywhere', async () => {
    const delivery = new PrivateDelivery(adapter, '', logger);
    const result = await delivery.send({ origin: stored(`${foreign.url}/`, 'channel'), agentAccountId: '29:hana', tenantId: 'tenant-1' }, { type: 'message', text: 'private' });
    assert.deepEqual(result, { delivered: false });
    assert.deepEqual(foreign.hits, []);
    assert.deepEqual(teams.hits, []);
    assert.deepEqual(refusalsLogged(), [{ host: '127.0.0.2', direction: 'outbound' }]);
  });
});
