import assert from 'node:assert/strict';
import { createReadiness, createPinRecoveryStatus } from '../../src/adapters/graph/readiness/compose';
import { createAppTokenProvider, createDelegatedTokenProvider } from '../../src/adapters/identity';
import { ConsoleLogger } from '../../src/adapters/logging/console-logger';
import { loadSettings, type Settings } from '../../src/config/settings';
import { ensurePinRecoveryPolicy } from '../../src/domain/readiness/policy-setup';
import type { PinRecoveryStatus } from '../../src/ports/pin-recovery-status';
import { DEMO_USERS, type RunningSimulator } from '../../src/simulator';
import { FakeClock } from '../fakes/fake-clock';
import { tenantEnvOf } from '../support/tenant-env';
import { startTestSimulator } from '../unit/simulator/helpers';

/**
 * The Windows PIN recovery answer through the real Graph adapter and msal's client credentials,
 * against the simulated tenant. Needs NODE_EXTRA_CA_CERTS=<repo>/.simulator/cert.pem (npm test sets it).
 */
describe('contract: Windows PIN recovery status against the simulated tenant', function () {
  this.timeout(30_000);
  const TEN_MINUTES = 10 * 60_000;
  const HANA = DEMO_USERS.hanaSuzuki;
  const logger = new ConsoleLogger({ level: 'error', write: () => undefined });
  let sim: RunningSimulator;
  let settings: Settings;
  let clock: FakeClock;
  let status: PinRecoveryStatus;

  beforeEach(async () => {
    sim = await startTestSimulator();
    settings = loadSettings({ ...tenantEnvOf(sim), AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
    clock = new FakeClock();
    const appTokens = createAppTokenProvider({ ...settings.aad, graphEndpoint: settings.graphEndpoint, logger });
    status = createPinRecoveryStatus(settings, appTokens, logger, { clock });
  });
  afterEach(() => sim.close());

  /** The demo admin creates and assigns the seed's policy from chat, as the setup check's fix does. */
  async function adminCreatesThePolicy(): Promise<void> {
    const tokens = createDelegatedTokenProvider({ ...settings.aad, graphEndpoint: settings.graphEndpoint, logger });
    await tokens.signIn(sim.signSsoToken(HANA), HANA);
    const readiness = createReadiness(settings, tokens, logger);
    const outcome = await ensurePinRecoveryPolicy(readiness.gateways.asUser(HANA), { ...readiness.context, userOid: HANA }, 'All Staff');
    assert.equal(outcome.kind, 'created');
  }

  it('the demo tenant (apps consented, no PIN recovery policy) is not ready', async () => {
    assert.equal(await status.windowsPinRecovery(), 'notReady');
  });

  it('once the policy is created and assigned, the answer turns ready when the cached one expires', async () => {
    assert.equal(await status.windowsPinRecovery(), 'notReady');
    await adminCreatesThePolicy();
    assert.equal(await status.windowsPinRecovery(), 'notReady', 'the answer is kept for ten minutes');
    clock.advance(TEN_MINUTES + 1);
    assert.equal(await status.windowsPinRecovery(), 'ready');
  });

  it('reads with the app’s own token: no agent role or sign-in is involved', async () => {
    await adminCreatesThePolicy();
    for (const user of sim.tenant.users) delete user.intuneRole;
    const configurationReads = () => sim.countRequests({ method: 'GET', pathIncludes: '/deviceManagement/deviceConfigurations' });
    const before = configurationReads();
    assert.equal(await status.windowsPinRecovery(), 'ready');
    assert.ok(configurationReads() > before, 'the tenant was read');
  });

  it('when Graph keeps failing, the answer is unknown, not an error', async () => {
    sim.injectFault({ path: '/servicePrincipals', status: 403, times: 100 });
    sim.injectFault({ path: '/deviceConfigurations', status: 403, times: 100 });
    assert.equal(await status.windowsPinRecovery(), 'unknown');
  });

  it('when Graph is slow, the answer is unknown within the time limit', async () => {
    const slow = createPinRecoveryStatus(settings, createAppTokenProvider({ ...settings.aad, graphEndpoint: settings.graphEndpoint, logger }), logger, {
      clock,
      timeoutMs: 300,
    });
    sim.injectFault({ path: '/servicePrincipals', delayMs: 3_000, times: 100 });
    const started = Date.now();
    assert.equal(await slow.windowsPinRecovery(), 'unknown');
    assert.ok(Date.now() - started < 2_500, `answered after ${Date.now() - started} ms`);
  });
});
