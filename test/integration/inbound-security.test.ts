import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import sinon from 'sinon';
import { startApp, type RunningApp } from '../../src/app';
import { ConsoleLogger } from '../../src/adapters/logging/console-logger';
import { createMemoryState } from '../../src/adapters/memory';
import { loadSettings, SettingsError } from '../../src/config/settings';
import { TEST_TOKEN_CACHE_KEY, tenantEnvOf } from '../support/tenant-env';
import {
  base64url,
  channelClaims,
  CHANNEL_ISSUER as ISSUER,
  listenRecording,
  postActivity,
  signJwt,
  startChannelDeployment,
  teamsMessage,
  type ChannelDeployment,
  type ChannelKeys,
  type Listening,
} from '../support/bot-framework-channel';
import {
  DEMO_HELPDESK_ADMIN_GROUP_ID,
  DEMO_HELPDESK_GROUP_ID,
  ensureDevCertificate,
  startSimulator,
  type RunningSimulator,
} from '../../src/simulator';

/**
 * With a bot identity (`MicrosoftAppId`) the bot is on the internet: only Bot Framework may post
 * to /api/messages. Requests without a valid token are answered 401 and processed not at all — no
 * reply through the connector, no Graph or token call. A loopback stand-in plays the Bot
 * Framework's OpenID metadata, so a token signed by an unknown key can be told from a good one.
 */

describe('Inbound security with a bot identity (MicrosoftAppId set)', function () {
  this.timeout(60_000);
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let sim: RunningSimulator;
  let openId: ChannelKeys;
  let connector: Listening;
  let app: RunningApp;
  let logLines: string[] = [];
  let deployment: ChannelDeployment | undefined;
  /** botbuilder writes each refused token to console.error; kept out of the test output. */
  let consoleErrors: sinon.SinonStub | undefined;

  before(async () => {
    consoleErrors = sinon.stub(console, 'error');
    connector = await listenRecording(() => ({ status: 200, body: { id: 'x' } }));
    deployment = await startChannelDeployment({ TEAMS_SERVICE_URL_HOSTS: '127.0.0.1' });
    ({ sim, app, logLines, channel: openId } = deployment);
  });

  after(async () => {
    consoleErrors?.restore();
    await deployment?.stop();
    await connector?.close();
  });

  /** A reset request as Teams would post it: processing it would need the connector at once. */
  function activity(text = 'reset PIN for alice smith', extra: Record<string, unknown> = {}): Record<string, unknown> {
    return teamsMessage(sim, `${connector.url}/`, text, extra);
  }

  function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return channelClaims(sim.clientId, `${connector.url}/`, overrides);
  }

  const post = (authorization: string | undefined, body: Record<string, unknown> = activity()) => postActivity(app.url, authorization, body);

  /** Nothing happened: no connector call, no Graph or token request, no turn in the log. */
  async function assertProcessedNothing(before: { connector: number; sim: number; log: number }): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 200)); // anything started in the background would show by now
    assert.deepEqual(connector.hits.slice(before.connector), [], 'the connector was called');
    assert.deepEqual(sim.requests.slice(before.sim), [], 'Graph or the token endpoint was called');
    const turnLines = logLines.slice(before.log).filter((line) => /"event":"(bot|dialog|flow|reset|signin|sso)\./.test(line));
    assert.deepEqual(turnLines, [], 'a turn ran');
  }

  const counts = () => ({ connector: connector.hits.length, sim: sim.requests.length, log: logLines.length });

  it('answers 401 and processes nothing without an Authorization header', async () => {
    const before = counts();
    const answer = await post(undefined);
    assert.equal(answer.status, 401);
    await assertProcessedNothing(before);
  });

  const malformed: Array<[string, string]> = [
    ['an empty header', ''],
    ['a bare scheme', 'Bearer'],
    ['a scheme with spaces only', 'Bearer   '],
    ['another scheme', 'Basic dXNlcjpwYXNzd29yZA=='],
    ['text that is not a JWT', 'Bearer not-a-token'],
    ['three empty parts', 'Bearer ..'],
    ['a JWT with garbage parts', 'Bearer eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln'],
    ['an unsigned JWT (alg none)', `Bearer ${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify({ iss: ISSUER }))}.`],
    ['a token without the scheme', `${'x'.repeat(20)}.${'y'.repeat(20)}.${'z'.repeat(20)}`],
  ];
  for (const [label, header] of malformed) {
    it(`answers 401 and processes nothing for a malformed header: ${label}`, async () => {
      const before = counts();
      const answer = await post(header);
      assert.equal(answer.status, 401, answer.text);
      await assertProcessedNothing(before);
    });
  }

  it('answers 401 and processes nothing for a token signed by an unknown key', async () => {
    const before = counts();
    const answer = await post(`Bearer ${signJwt(stranger.privateKey, 'unknown-key', claims())}`);
    assert.equal(answer.status, 401, answer.text);
    await assertProcessedNothing(before);
    assert.ok(openId.hits.some((hit) => hit.startsWith('GET /v1/keys')), 'the keys were read from the stand-in');
  });

  it('answers 401 and processes nothing for a forged signature under a published key id', async () => {
    const before = counts();
    // botbuilder alone would answer this one 500 ("invalid signature"); the bot's strict
    // authentication turns every failure to authenticate into 401.
    const answer = await post(`Bearer ${signJwt(stranger.privateKey, 'known-key', claims())}`);
    assert.equal(answer.status, 401, answer.text);
    assert.ok(!/invalid signature/i.test(answer.text), 'the library\'s message is not passed on');
    await assertProcessedNothing(before);
  });

  it('answers 401 for a well-signed token meant for another bot, from another issuer, or expired', async () => {
    const before = counts();
    const key = openId.known.privateKey;
    for (const bad of [
      claims({ aud: '00000000-0000-0000-0000-000000000000' }),
      claims({ iss: 'https://sts.windows.net/evil/' }),
      claims({ exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 }),
      claims({ serviceurl: 'https://attacker.example/' }),
    ]) {
      const answer = await post(`Bearer ${signJwt(key, 'known-key', bad)}`);
      assert.equal(answer.status, 401, `${JSON.stringify(bad)}: ${answer.text}`);
    }
    await assertProcessedNothing(before);
  });

  it('(control) accepts a token signed by the published key, so the 401s above are about the token', async () => {
    // expectReplies: the answer comes back in the HTTP body, no outbound connector token needed.
    const answer = await post(`Bearer ${signJwt(openId.known.privateKey, 'known-key', claims())}`, activity('help', { deliveryMode: 'expectReplies' }));
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.text, /reset/i, 'the help text came back');
  });

  it('exposes no debug route: only /api/messages, /healthz and the sign-in pages answer', async () => {
    const health = await fetch(`${app.url}/healthz`);
    assert.equal(health.status, 200);
    const probes: Array<[string, string]> = [
      ['GET', '/api/messages'],
      ['PUT', '/api/messages'],
      ['DELETE', '/api/messages'],
      ['GET', '/'],
      ['GET', '/debug'],
      ['GET', '/_debug/ping'],
      ['GET', '/_sim/health'],
      ['GET', '/_sim/stats'],
      ['POST', '/_sim/sso-token'],
      ['POST', '/_sim/faults'],
      ['GET', '/admin'],
      ['GET', '/metrics'],
      ['GET', '/env'],
      ['GET', '/api'],
      ['POST', '/api/messages/extra'],
      ['GET', '/v1.0/users'],
      ['GET', '/.env'],
    ];
    for (const [method, route] of probes) {
      const response = await fetch(`${app.url}${route}`, { method, ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}) });
      assert.ok([404, 405].includes(response.status), `${method} ${route} answered ${response.status}`);
    }
  });
});

describe('Demo mode with a bot identity', function () {
  this.timeout(60_000);

  it('loadSettings refuses DEMO_MODE=1 together with MicrosoftAppId', () => {
    const demo = {
      clientId: '11111111-1111-4111-8111-111111111111',
      clientSecret: 'demo',
      tenantId: '22222222-2222-4222-8222-222222222222',
      url: 'https://127.0.0.1:1',
      helpdeskGroupId: DEMO_HELPDESK_GROUP_ID,
      helpdeskAdminGroupId: DEMO_HELPDESK_ADMIN_GROUP_ID,
    };
    assert.throws(
      () => loadSettings({ DEMO_MODE: '1', MicrosoftAppId: demo.clientId, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: demo.tenantId }, demo),
      (error: unknown) => error instanceof SettingsError && error.problems.some((p) => /DEMO_MODE/.test(p) && /MicrosoftAppId/.test(p)),
    );
  });

  it('the entry point exits with that message before starting anything', async () => {
    const { code, out } = await runEntryPoint({ DEMO_MODE: '1', MicrosoftAppId: '11111111-1111-4111-8111-111111111111', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '22222222-2222-4222-8222-222222222222' });
    assert.equal(code, 1, out);
    assert.match(out, /DEMO_MODE=1 cannot be combined with MicrosoftAppId/);
    assert.ok(!/app\.started|demo\.tenant/.test(out), 'nothing was started');
  });
});

/** Run the entry point (src/index.ts) with only these settings; its exit code and everything it printed. */
async function runEntryPoint(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const root = path.resolve(__dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/index.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, out };
}

describe('Without a bot identity: local use only', function () {
  this.timeout(60_000);
  let sim: RunningSimulator | undefined;
  let app: RunningApp | undefined;
  const logLines: string[] = [];

  before(async () => {
    const certificate = await ensureDevCertificate(path.resolve(__dirname, '../../.simulator'));
    sim = await startSimulator({ certificate, actionDelayMs: 300 });
    const settings = loadSettings({ PORT: '0', ...tenantEnvOf(sim), AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
    app = await startApp(settings, { logger: new ConsoleLogger({ level: 'debug', write: (line) => logLines.push(line) }), state: createMemoryState(), storage: new MemoryStorage() });
  });
  after(async () => {
    await app?.close();
    await sim?.close();
  });

  it('listens on loopback only, unreachable from this machine’s other addresses', async () => {
    const port = new URL(app!.url).port;
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    const outside = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && address.family === 'IPv4' && !address.internal)
      .map((address) => address!.address);
    for (const address of outside) {
      await assert.rejects(fetch(`http://${address}:${port}/healthz`), `reachable on ${address}`);
    }
  });

  it('warns once at start-up that MicrosoftAppId is missing', () => {
    const warnings = logLines.filter((line) => line.includes('"event":"app.localOnly"'));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /"level":"warn"/);
    assert.match(warnings[0]!, /"missing":"MicrosoftAppId"/);
  });

  it('the entry point refuses HOST naming another interface with one message, before starting anything', async () => {
    const { code, out } = await runEntryPoint({
      HOST: '0.0.0.0',
      AAD_APP_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
      AAD_APP_CLIENT_SECRET: 'not-a-real-secret',
      AAD_APP_TENANT_ID: '22222222-2222-4222-8222-222222222222',
      HELPDESK_GROUP_ID: DEMO_HELPDESK_GROUP_ID,
      AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      TOKEN_CACHE_KEY: TEST_TOKEN_CACHE_KEY,
    });
    assert.equal(code, 1, out);
    assert.match(out, /Passcode Desk cannot start; fix these settings:\n {2}- HOST=0\.0\.0\.0 needs MicrosoftAppId/);
    assert.equal(out.match(/^ {2}- /gm)?.length, 1, out);
    assert.ok(!/app\.started/.test(out), 'nothing was started');
  });
});
