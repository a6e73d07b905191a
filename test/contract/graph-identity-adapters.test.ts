import assert from 'node:assert/strict';
import path from 'node:path';
import { createGraphAdapters } from '../../src/adapters/graph';
import { createDelegatedTokenProvider, SimulatorSsoSource } from '../../src/adapters/identity';
import type { ResetPasscodeActionResult } from '../../src/domain/model';
import type { Directory } from '../../src/ports/directory';
import type { DelegatedPrincipal, DelegatedTokenProvider } from '../../src/ports/identity';
import type { LogFields, Logger } from '../../src/ports/logger';
import type { IntuneGateway } from '../../src/ports/intune-gateway';
import type { PersonLookup } from '../../src/ports/person-lookup';
import {
  DEMO_DEVICES,
  DEMO_HELPDESK_GROUP_ID,
  DEMO_USERS,
  ensureDevCertificate,
  startSimulator,
  type RunningSimulator,
} from '../../src/simulator';
import { rejection } from '../support/app-error';

/**
 * Our Graph and identity adapters, unchanged, against the simulated tenant over HTTPS: msal's
 * on-behalf-of against its token endpoint, the Graph client against its Graph routes.
 * Needs NODE_EXTRA_CA_CERTS=<repo>/.simulator/cert.pem (npm test sets it); TLS checks stay on.
 */

/** Keeps every line as logged, WITHOUT the console logger's redaction, so a leak would show. */
function rawLogger(lines: string[], fields: LogFields = {}): Logger {
  const write = (level: string) => (event: string, more?: LogFields) => lines.push(JSON.stringify({ level, event, ...fields, ...more }));
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: (f) => rawLogger(lines, { ...fields, ...f }) };
}

const as = (oid: string): DelegatedPrincipal => ({ kind: 'delegated', oid });
const HANA = as(DEMO_USERS.hanaSuzuki);

describe('contract: Graph and identity adapters against the simulated tenant', function () {
  this.timeout(30_000);

  let sim: RunningSimulator;
  let tokens: DelegatedTokenProvider;
  let directory: Directory;
  let intune: IntuneGateway;
  let people: PersonLookup;
  const logLines: string[] = [];

  const newTokens = (): DelegatedTokenProvider =>
    createDelegatedTokenProvider({
      authorityHost: sim.url,
      tenantId: sim.tenantId,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      graphEndpoint: sim.url,
      logger: rawLogger(logLines),
    });

  const signIn = async (oid: string, provider = tokens): Promise<void> => provider.signIn(sim.signSsoToken(oid), oid);

  before(async function () {
    const certificate = await ensureDevCertificate(path.resolve(__dirname, '../../.simulator'));
    if (path.resolve(process.env.NODE_EXTRA_CA_CERTS ?? '') !== certificate.certPath) {
      throw new Error(`Run with NODE_EXTRA_CA_CERTS=${certificate.certPath} (npm test does) so that Node trusts the simulator.`);
    }
    sim = await startSimulator({ certificate, actionDelayMs: 200 });
  });
  after(async () => {
    await sim?.close();
  });
  beforeEach(() => {
    sim.clearFaults();
    sim.tenant.adminConsentGranted = true;
    tokens = newTokens();
    ({ directory, intune, people } = createGraphAdapters({
      graphEndpoint: sim.url,
      tokens,
      logger: rawLogger(logLines),
    }));
  });

  describe('sign-in (on-behalf-of through msal)', () => {
    it('exchanges a Teams SSO token and then serves Graph tokens from the session', async () => {
      await signIn(DEMO_USERS.hanaSuzuki);
      assert.equal(await tokens.hasSession(DEMO_USERS.hanaSuzuki), true);
      const first = await tokens.getGraphToken(DEMO_USERS.hanaSuzuki);
      const second = await tokens.getGraphToken(DEMO_USERS.hanaSuzuki);
      assert.equal(first, second, 'the second token comes from msal’s cache');
      assert.equal(sim.countRequests({ method: 'POST', pathIncludes: '/oauth2/v2.0/token' }) >= 1, true);
      assert.equal(sim.countRequests({ pathIncludes: 'discovery/instance' }), 0, 'a known authority needs no instance discovery');
    });

    it('msal asks the token endpoint once per assertion (cache hits afterwards)', async () => {
      const before = sim.countRequests({ method: 'POST', pathIncludes: '/oauth2/v2.0/token' });
      await signIn(DEMO_USERS.kenjiSato);
      await tokens.getGraphToken(DEMO_USERS.kenjiSato);
      await tokens.getGraphToken(DEMO_USERS.kenjiSato);
      assert.equal(sim.countRequests({ method: 'POST', pathIncludes: '/oauth2/v2.0/token' }) - before, 1);
    });

    it('reads the authority’s discovery document once, though each token request has an msal client of its own', async () => {
      const fresh = newTokens();
      const before = sim.countRequests({ method: 'GET', pathIncludes: 'openid-configuration' });
      await signIn(DEMO_USERS.kenjiSato, fresh);
      await signIn(DEMO_USERS.hanaSuzuki, fresh);
      await fresh.getGraphToken(DEMO_USERS.kenjiSato);
      await fresh.getGraphToken(DEMO_USERS.hanaSuzuki);
      assert.equal(sim.countRequests({ method: 'GET', pathIncludes: 'openid-configuration' }) - before, 1);
    });

    it('without admin consent: auth.consentRequired with the admin-consent link', async () => {
      sim.tenant.adminConsentGranted = false;
      const error = await rejection(signIn(DEMO_USERS.hanaSuzuki));
      assert.equal(error.code, 'auth.consentRequired');
      assert.equal(error.details.consentUrl, `${sim.url}/${sim.tenantId}/adminconsent?client_id=${sim.clientId}`);
      assert.equal(await tokens.hasSession(DEMO_USERS.hanaSuzuki), false);
    });

    it('MFA required: auth.interactionRequired with the claims challenge', async () => {
      const user = sim.tenant.users.find((u) => u.id === DEMO_USERS.marcoRossi);
      assert.ok(user);
      user.mfaRequired = true;
      try {
        const error = await rejection(signIn(DEMO_USERS.marcoRossi));
        assert.equal(error.code, 'auth.interactionRequired');
        assert.match(error.details.claims ?? '', /capolids/);
      } finally {
        user.mfaRequired = false;
      }
    });

    it('a token for another user than the activity’s is refused before Entra is asked', async () => {
      const before = sim.countRequests({ method: 'POST', pathIncludes: '/oauth2/v2.0/token' });
      const error = await rejection(tokens.signIn(sim.signSsoToken(DEMO_USERS.aliceSmith), DEMO_USERS.hanaSuzuki));
      assert.equal(error.code, 'auth.tokenRejected');
      assert.equal(sim.countRequests({ method: 'POST', pathIncludes: '/oauth2/v2.0/token' }), before);
    });

    it('the demo SSO source gets a token from the simulator that signs the agent in', async () => {
      const source = new SimulatorSsoSource(sim.url);
      const token = await source.tryGetSsoToken(DEMO_USERS.hanaSuzuki);
      assert.ok(token);
      await tokens.signIn(token, DEMO_USERS.hanaSuzuki);
      assert.equal(await source.tryGetSsoToken('00000000-0000-4000-8000-000000000000'), undefined);
    });
  });

  describe('directory', () => {
    beforeEach(() => signIn(DEMO_USERS.hanaSuzuki));

    it('finds both Alices, sorted by display name', async () => {
      const users = await directory.findUsers('alice', HANA);
      assert.deepEqual(users.map((u) => u.displayName), ['Alice Johnson', 'Alice Smith']);
    });

    it('an exact UPN wins', async () => {
      const users = await directory.findUsers('alice@contoso.com', HANA);
      assert.deepEqual(users.map((u) => u.id), [DEMO_USERS.aliceSmith]);
    });

    it("finds O'Brien by surname and by mail with an apostrophe", async () => {
      assert.deepEqual((await directory.findUsers("O'Brien", HANA)).map((u) => u.id), [DEMO_USERS.seanOBrien]);
      assert.deepEqual((await directory.findUsers("sean.o'brien@contoso.com", HANA)).map((u) => u.id), [DEMO_USERS.seanOBrien]);
    });

    it('finds a Japanese name written family name first', async () => {
      assert.deepEqual((await directory.findUsers('山田 太郎', HANA)).map((u) => u.id), [DEMO_USERS.taroYamada]);
      assert.deepEqual((await directory.findUsers('山田', HANA)).map((u) => u.id), [DEMO_USERS.taroYamada]);
    });

    it("finds 'alice smith' by given name and surname", async () => {
      assert.deepEqual((await directory.findUsers('alice smith', HANA)).map((u) => u.id), [DEMO_USERS.aliceSmith]);
    });

    it("`alice' or 1 eq 1` matches no one and is not an error", async () => {
      assert.deepEqual(await directory.findUsers("alice' or 1 eq 1", HANA), []);
      assert.deepEqual(await directory.findUsers('a&b#c+d%41', HANA), []);
    });

    it('checks helpdesk membership with checkMemberGroups', async () => {
      assert.equal(await directory.isMemberOf(DEMO_HELPDESK_GROUP_ID, HANA), true);
      await signIn(DEMO_USERS.marcoRossi);
      assert.equal(await directory.isMemberOf(DEMO_HELPDESK_GROUP_ID, as(DEMO_USERS.marcoRossi)), false);
    });
  });

  describe('person lookup (user and devices in one $batch)', () => {
    beforeEach(() => signIn(DEMO_USERS.hanaSuzuki));

    /** Graph HTTP requests (a `$batch` is one) and what they were, from `since` on. */
    const roundTripsSince = (since: number) => sim.requests.slice(since).filter((r) => !r.viaBatch && !r.path.includes('/oauth2/'));

    it('a UPN brings the user and their devices in one round trip', async () => {
      const since = sim.requests.length;
      const found = await people.findPeople('alice@contoso.com', HANA, 10);
      assert.deepEqual(found.users.map((u) => u.id), [DEMO_USERS.aliceSmith]);
      const lumia = found.devicesOfOnlyUser?.find((d) => d.id === DEMO_DEVICES.aliceLumia);
      assert.equal(lumia?.deviceType, 'windowsPhone');
      assert.deepEqual(roundTripsSince(since).map((r) => `${r.method} ${r.path}`), ['POST /beta/$batch']);
    });

    it('a mail address that is not the UPN finds the user but leaves the devices to a plain call', async () => {
      const found = await people.findPeople("sean.o'brien@contoso.com", HANA, 10);
      assert.deepEqual(found.users.map((u) => u.id), [DEMO_USERS.seanOBrien]);
      assert.equal(found.devicesOfOnlyUser, undefined);
    });

    it('a name is a plain directory search, without devices', async () => {
      const since = sim.requests.length;
      const found = await people.findPeople('alice', HANA, 10);
      assert.deepEqual(found.users.map((u) => u.displayName), ['Alice Johnson', 'Alice Smith']);
      assert.equal(found.devicesOfOnlyUser, undefined);
      assert.deepEqual(roundTripsSince(since).map((r) => `${r.method} ${r.path}`), ['GET /v1.0/users']);
    });

    it('an address nobody has falls back to the name search and finds no one', async () => {
      const found = await people.findPeople('nobody@contoso.com', HANA, 10);
      assert.deepEqual(found, { users: [] });
    });

    it('a throttled device part inside the batch: the user is found, the devices are left to a plain call', async () => {
      sim.injectFault({ method: 'GET', path: '/managedDevices', status: 429, retryAfter: '1', times: 1 });
      const found = await people.findPeople('alice@contoso.com', HANA, 10);
      assert.deepEqual(found.users.map((u) => u.id), [DEMO_USERS.aliceSmith]);
      assert.equal(found.devicesOfOnlyUser, undefined);
    });

    it('a failed user part inside the batch falls back to the plain search', async () => {
      sim.injectFault({ method: 'GET', path: /^\/beta\/users$/, status: 503, times: 1 });
      const since = sim.requests.length;
      const found = await people.findPeople('alice@contoso.com', HANA, 10);
      assert.deepEqual(found.users.map((u) => u.id), [DEMO_USERS.aliceSmith]);
      assert.deepEqual(roundTripsSince(since).map((r) => `${r.method} ${r.path}`), ['POST /beta/$batch', 'GET /v1.0/users']);
    });

    it('a throttled batch is sent again after Retry-After, as any read', async () => {
      sim.injectFault({ method: 'POST', path: '$batch', status: 429, retryAfter: '1', times: 1 });
      const found = await people.findPeople('alice@contoso.com', HANA, 10);
      assert.ok(found.devicesOfOnlyUser?.some((d) => d.id === DEMO_DEVICES.aliceLumia));
    });

    it('a hostile address stays one quoted value and matches no one', async () => {
      assert.deepEqual(await people.findPeople("a'or'1'eq'1@contoso.com", HANA, 10), { users: [] });
    });
  });

  describe('Intune', () => {
    beforeEach(() => signIn(DEMO_USERS.hanaSuzuki));

    it('lists a user’s devices from beta with deviceType, chassisType and joinType', async () => {
      const devices = await intune.listUserDevices(DEMO_USERS.aliceSmith, HANA);
      const lumia = devices.find((d) => d.id === DEMO_DEVICES.aliceLumia);
      assert.ok(lumia);
      assert.equal(lumia.deviceType, 'windowsPhone');
      assert.equal(lumia.chassisType, 'phone');
      assert.equal(lumia.joinType, 'azureADJoined');
      assert.ok(devices.some((d) => d.id === DEMO_DEVICES.aliceLaptop));
    });

    it('on v1.0 the same devices come without the beta-only fields', async () => {
      const v1 = createGraphAdapters({ graphEndpoint: sim.url, tokens, apiVersion: 'v1.0' }).intune;
      const devices = await v1.listUserDevices(DEMO_USERS.aliceSmith, HANA);
      assert.ok(devices.length > 0);
      assert.ok(devices.every((d) => d.deviceType === undefined && d.chassisType === undefined));
    });

    it('reads one device', async () => {
      const device = await intune.getDevice(DEMO_DEVICES.aliceLumia, HANA);
      assert.equal(device.id, DEMO_DEVICES.aliceLumia);
      assert.match(device.osVersion, /^10\.0\./);
    });

    it('resets with one POST, then the newest resetPasscode result turns done with a passcode', async () => {
      const startedAfter = Date.now() - 1000;
      const postsBefore = sim.resetPostCount(DEMO_DEVICES.taroPhone1);
      await intune.resetPasscode(DEMO_DEVICES.taroPhone1, HANA);
      assert.equal(sim.resetPostCount(DEMO_DEVICES.taroPhone1) - postsBefore, 1);

      let newest: ResetPasscodeActionResult | undefined;
      for (let i = 0; i < 40; i++) {
        [newest] = await intune.getResetPasscodeResults(DEMO_DEVICES.taroPhone1, HANA);
        if (newest && Date.parse(newest.startDateTime) >= startedAfter && newest.actionState === 'done') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(newest?.actionState, 'done');
      assert.match(newest?.passcode ?? '', /^\S+$/);
      assert.ok(!logLines.join('\n').includes(newest?.passcode ?? '\u0000'), 'the passcode never reaches a log line');
    });

    it('a 503 on the reset POST is graph.unavailable after exactly one POST', async () => {
      const before = sim.resetPostCount(DEMO_DEVICES.aliceLumia);
      sim.injectFault({ method: 'POST', path: 'resetPasscode', status: 503, retryAfter: '0', times: 5 });
      const error = await rejection(intune.resetPasscode(DEMO_DEVICES.aliceLumia, HANA));
      assert.equal(error.code, 'graph.unavailable');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(sim.resetPostCount(DEMO_DEVICES.aliceLumia) - before, 1);
    });

    it('a 503 after Intune executed the reset: still one POST, and the result shows the reset happened', async () => {
      const before = sim.resetPostCount(DEMO_DEVICES.taroPhone2);
      const postedAt = Date.now() - 1000;
      sim.injectFault({ method: 'POST', path: 'resetPasscode', status: 503, afterHandling: true, times: 5 });
      assert.equal((await rejection(intune.resetPasscode(DEMO_DEVICES.taroPhone2, HANA))).code, 'graph.unavailable');
      assert.equal(sim.resetPostCount(DEMO_DEVICES.taroPhone2) - before, 1);
      const [newest] = await intune.getResetPasscodeResults(DEMO_DEVICES.taroPhone2, HANA);
      assert.ok(newest && Date.parse(newest.startDateTime) >= postedAt);
    });

    it('a 429 on the reset POST is graph.throttled with Retry-After, after exactly one POST', async () => {
      const before = sim.resetPostCount(DEMO_DEVICES.aliceLumia);
      sim.injectFault({ method: 'POST', path: 'resetPasscode', status: 429, retryAfter: '7', times: 5 });
      const error = await rejection(intune.resetPasscode(DEMO_DEVICES.aliceLumia, HANA));
      assert.equal(error.code, 'graph.throttled');
      assert.equal(error.details.retryAfterSeconds, 7);
      assert.ok(error.details.requestId);
      assert.equal(sim.resetPostCount(DEMO_DEVICES.aliceLumia) - before, 1);
    });

    it('a dropped connection on the reset POST is graph.unavailable after exactly one POST', async () => {
      const before = sim.resetPostCount(DEMO_DEVICES.aliceLumia);
      sim.injectFault({ method: 'POST', path: 'resetPasscode', dropConnection: true, times: 5 });
      assert.equal((await rejection(intune.resetPasscode(DEMO_DEVICES.aliceLumia, HANA))).code, 'graph.unavailable');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(sim.resetPostCount(DEMO_DEVICES.aliceLumia) - before, 1);
    });

    it("a device outside the agent's Intune scope is graph.forbidden with Graph's request id", async () => {
      await signIn(DEMO_USERS.kenjiSato);
      const error = await rejection(intune.resetPasscode(DEMO_DEVICES.oliverOutOfScopePhone, as(DEMO_USERS.kenjiSato)));
      assert.equal(error.code, 'graph.forbidden');
      assert.ok(error.details.requestId);
      assert.equal(error.details.deviceId, DEMO_DEVICES.oliverOutOfScopePhone);
      assert.match(error.message, /outside the scope/);
    });

    it('no token or SSO assertion ever reaches a log line', () => {
      assert.ok(logLines.length > 0);
      assert.ok(!logLines.some((line) => /eyJ[\w-]{4,}\.[\w-]{4,}\./.test(line) || /bearer/i.test(line)));
    });
  });
});
