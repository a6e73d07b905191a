import assert from 'node:assert/strict';
import path from 'node:path';
import { createGraphAdapters, GraphHttp, createGraphClient } from '../../src/adapters/graph';
import { createAppTokenProvider, createDelegatedTokenProvider } from '../../src/adapters/identity';
import { AppError } from '../../src/domain/errors';
import { DEMO_DEVICES, DEMO_HELPDESK_GROUP_ID, DEMO_USERS, ensureDevCertificate, startSimulator, type RunningSimulator } from '../../src/simulator';

/**
 * The bot's own app-only identity (client credentials through msal) against the simulated tenant:
 * it reads an employee's devices and asks whether someone is in a group, and it never sends a write.
 * Needs NODE_EXTRA_CA_CERTS=<repo>/.simulator/cert.pem (npm test sets it).
 */
describe('contract: app-only device reads against the simulated tenant', function () {
  this.timeout(30_000);
  let sim: RunningSimulator;

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
  });

  const settings = () => ({
    authorityHost: sim.url,
    tenantId: sim.tenantId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    graphEndpoint: sim.url,
  });

  it('lists an employee’s own devices with the app token; msal serves it from its cache afterwards', async () => {
    const appTokens = createAppTokenProvider(settings());
    const { intune } = createGraphAdapters({ graphEndpoint: sim.url, tokens: createDelegatedTokenProvider(settings()), appTokens });
    const tokenRequests = () => sim.countRequests({ method: 'POST', pathIncludes: '/oauth2/v2.0/token' });
    const before = tokenRequests();

    const devices = await intune.listUserDevices(DEMO_USERS.aliceSmith, { kind: 'app' });
    await intune.listUserDevices(DEMO_USERS.aliceSmith, { kind: 'app' });

    assert.ok(devices.some((device) => device.id === DEMO_DEVICES.aliceLumia));
    assert.ok(devices.every((device) => device.userId === DEMO_USERS.aliceSmith));
    assert.equal(tokenRequests() - before, 1);
  });

  it('asks whether a person is in the helpdesk group with the app token, without that person signed in', async () => {
    const { membership } = createGraphAdapters({ graphEndpoint: sim.url, tokens: createDelegatedTokenProvider(settings()), appTokens: createAppTokenProvider(settings()) });

    assert.equal(await membership.isUserMemberOf(DEMO_HELPDESK_GROUP_ID, DEMO_USERS.kenjiSato), true);
    assert.equal(await membership.isUserMemberOf(DEMO_HELPDESK_GROUP_ID, DEMO_USERS.marcoRossi), false);
  });

  it('a write as the app is never sent', async () => {
    const http = new GraphHttp({
      client: createGraphClient(sim.url),
      tokens: createDelegatedTokenProvider(settings()),
      appTokens: createAppTokenProvider(settings()),
      graphEndpoint: sim.url,
    });
    const path = `/deviceManagement/managedDevices/${DEMO_DEVICES.aliceLumia}/resetPasscode`;

    const error = await http.send({ method: 'POST', version: 'beta', path, retry: 'never' }, { kind: 'app' }).then(
      () => assert.fail('expected a refusal'),
      (e: unknown) => e,
    );

    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'auth.unexpected');
    assert.equal(sim.countRequests({ method: 'POST', pathIncludes: 'resetPasscode' }), 0);
  });

  it('without admin consent, the device read fails as forbidden (no roles in the app token)', async () => {
    sim.tenant.adminConsentGranted = false;
    const { intune } = createGraphAdapters({
      graphEndpoint: sim.url,
      tokens: createDelegatedTokenProvider(settings()),
      appTokens: createAppTokenProvider(settings()),
    });
    const error = await intune.listUserDevices(DEMO_USERS.aliceSmith, { kind: 'app' }).then(
      () => assert.fail('expected a refusal'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'graph.forbidden');
  });
});
