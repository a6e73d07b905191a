import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector';
import sinon from 'sinon';
import type { RunningApp } from '../../src/app';
import type { RunningSimulator } from '../../src/simulator';
import {
  base64url,
  channelClaims,
  CHANNEL_ISSUER,
  postActivity,
  signJwt,
  startChannelDeployment,
  teamsMessage,
  type ChannelDeployment,
  type ChannelKeys,
} from '../support/bot-framework-channel';

/**
 * Anyone on the internet can post to /api/messages. botframework-connector decodes a bearer
 * token before checking its signature and, for every tenant id (`tid`) it has not seen, adds four
 * issuer strings built from it to a list shared by the whole process that never shrinks: a loop of
 * refused requests with large random tenant ids would keep megabytes per hundred requests and slow
 * every later one. The bot refuses such tokens before the library reads them, and the library's
 * list cannot grow at all; these tests flood the real HTTP endpoint (loopback, bounded) and watch
 * both the list and the heap.
 */

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** The heap in use once everything unreachable is collected. */
function heapAfterGc(consoleErrors?: sinon.SinonStub): number {
  consoleErrors?.resetHistory();
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** How many issuers botframework-connector accepts as the Emulator's (process-wide). */
function libraryIssuerCount(): number {
  const issuer = ToBotFromBotOrEmulatorTokenValidationParameters.issuer;
  return Array.isArray(issuer) ? issuer.length : issuer ? 1 : 0;
}

/** An unsigned token with this issuer and a random tenant id of `tidLength` characters. */
function tokenWithRandomTenant(issuer: string, tidLength: number): string {
  const tid = randomBytes(Math.ceil((tidLength * 3) / 4)).toString('base64url').slice(0, tidLength);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'known-key' }));
  const payload = base64url(JSON.stringify({ iss: issuer, aud: 'anyone', tid, exp: Math.floor(Date.now() / 1000) + 3600 }));
  return `${header}.${payload}.${base64url('not a signature')}`;
}

const MB = 1024 * 1024;

describe('A flood of refused requests with large tenant ids (bot identity set)', function () {
  this.timeout(180_000);
  let deployment: ChannelDeployment | undefined;
  let sim: RunningSimulator;
  let channel: ChannelKeys;
  let app: RunningApp;
  const serviceUrl = 'http://127.0.0.1:9/';
  /** botbuilder writes every refused token to console.error: silenced (its history is emptied before the heap is measured). */
  let consoleErrors: sinon.SinonStub | undefined;

  before(async () => {
    consoleErrors = sinon.stub(console, 'error');
    deployment = await startChannelDeployment({ TEAMS_SERVICE_URL_HOSTS: '127.0.0.1' });
    ({ sim, channel, app } = deployment);
  });

  after(async () => {
    consoleErrors?.restore();
    await deployment?.stop();
  });

  /** Post `count` activities, `parallel` at a time, each with the header `authorization(i)`; the statuses seen and how often. */
  async function flood(count: number, authorization: (i: number) => string, parallel = 8): Promise<Map<number, number>> {
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const { status } = await postActivity(app.url, authorization(i), teamsMessage(sim, serviceUrl, 'help'));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return statuses;
  }

  it('answers 3,000 requests with random 9 KB tenant ids 401, and keeps neither issuers nor memory for them', async () => {
    // Warm up (connections, the library's first decode), so the heap compared is the steady one.
    await flood(50, () => `Bearer ${tokenWithRandomTenant('https://sts.windows.net/warm-up/', 9_000)}`);
    const issuersBefore = libraryIssuerCount();
    const heapBefore = heapAfterGc(consoleErrors);
    const started = Date.now();

    const statuses = await flood(3_000, () => `Bearer ${tokenWithRandomTenant('https://sts.windows.net/attacker/', 9_000)}`);

    const seconds = (Date.now() - started) / 1000;
    const grownMb = (heapAfterGc(consoleErrors) - heapBefore) / MB;
    process.stdout.write(
      `      · 3,000 requests in ${seconds.toFixed(1)} s; heap after gc ${grownMb >= 0 ? '+' : ''}${grownMb.toFixed(1)} MB; library issuers ${issuersBefore} -> ${libraryIssuerCount()}\n`,
    );
    assert.deepEqual([...statuses], [[401, 3_000]]);
    assert.equal(libraryIssuerCount(), issuersBefore, 'the library kept issuers built from the tenant ids');
    // Each such request used to keep ~35 kB: 3,000 of them about 100 MB.
    assert.ok(grownMb < 16, `the heap grew by ${grownMb.toFixed(1)} MB`);
  });

  it('keeps no issuers for tokens that claim the channel issuer and carry a tenant id (they reach the library)', async () => {
    const issuersBefore = libraryIssuerCount();
    const statuses = await flood(300, () => `Bearer ${tokenWithRandomTenant(CHANNEL_ISSUER, 1_000)}`);
    assert.deepEqual([...statuses], [[401, 300]]);
    assert.equal(libraryIssuerCount(), issuersBefore);
  });

  it('(control) accepts a well-signed channel token that carries a tenant id, so the 401s above are about the tokens', async () => {
    const token = signJwt(channel.known.privateKey, 'known-key', channelClaims(sim.clientId, serviceUrl, { tid: sim.tenantId }));
    // expectReplies: the answer comes back in the HTTP body, no outbound connector call.
    const answer = await postActivity(app.url, `Bearer ${token}`, teamsMessage(sim, serviceUrl, 'help', { deliveryMode: 'expectReplies' }));
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.text, /reset/i, 'the help text came back');
  });
});
