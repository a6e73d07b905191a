import assert from 'node:assert/strict';
import path from 'node:path';
import { createGraphAdapters } from '../../src/adapters/graph';
import { createAppTokenProvider, createDelegatedTokenProvider } from '../../src/adapters/identity';
import { evaluateDevice } from '../../src/domain/eligibility/evaluate';
import type { ManagedDevice } from '../../src/domain/model';
import { DEMO_DEVICES, DEMO_USERS, ensureDevCertificate, startSimulator, type RunningSimulator } from '../../src/simulator';

/**
 * Graph's enum gap against the simulated tenant: beta names the Android Enterprise and AOSP
 * enrollment types, v1.0 answers `unknownFutureValue` — and the table never guesses from that.
 * Needs NODE_EXTRA_CA_CERTS=<repo>/.simulator/cert.pem (npm test sets it).
 */
describe('contract: device platforms read from Graph beta and v1.0', function () {
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

  async function kaisDevices(apiVersion: 'beta' | 'v1.0'): Promise<Map<string, ManagedDevice>> {
    const settings = { authorityHost: sim.url, tenantId: sim.tenantId, clientId: sim.clientId, clientSecret: sim.clientSecret, graphEndpoint: sim.url };
    const { intune } = createGraphAdapters({
      graphEndpoint: sim.url,
      tokens: createDelegatedTokenProvider(settings),
      appTokens: createAppTokenProvider(settings),
      apiVersion,
    });
    const devices = await intune.listUserDevices(DEMO_USERS.kaiMuller, { kind: 'app' });
    return new Map(devices.map((device) => [device.id, device]));
  }

  it('beta names each enrollment type and management agent, and the table decides each device', async () => {
    const devices = await kaisDevices('beta');
    const kiosk = devices.get(DEMO_DEVICES.kaiKiosk)!;
    assert.equal(kiosk.deviceEnrollmentType, 'androidEnterpriseDedicatedDevice');
    assert.equal(evaluateDevice(kiosk).ruleId, 'androidDedicated');
    const headset = devices.get(DEMO_DEVICES.kaiAospHeadset)!;
    assert.equal(headset.managementAgent, 'intuneAosp');
    assert.equal(evaluateDevice(headset).outcome, 'newPasscode');
    assert.equal(evaluateDevice(devices.get(DEMO_DEVICES.kaiCorporateWorkProfile)!).outcome, 'newWorkProfilePasscode');
    assert.equal(evaluateDevice(devices.get(DEMO_DEVICES.kaiVisionPro)!).outcome, 'passcodeRemoved');
  });

  it('v1.0 answers unknownFutureValue for the Android Enterprise members: the device is "unknown enrollment type", never reset on a guess', async () => {
    const devices = await kaisDevices('v1.0');
    const kiosk = devices.get(DEMO_DEVICES.kaiKiosk)!;
    assert.equal(kiosk.deviceEnrollmentType, 'unknownFutureValue');
    assert.equal(kiosk.deviceType, undefined, 'deviceType is beta only');
    const verdict = evaluateDevice(kiosk);
    assert.equal(verdict.eligible, false);
    assert.equal(verdict.reason, 'unknownEnrollmentType');
    assert.equal(verdict.reasonParams?.['enrollmentType'], 'unknownFutureValue');
    // v1.0 still names the Apple device enrollments, so the Vision Pro is decided the same way.
    assert.equal(evaluateDevice(devices.get(DEMO_DEVICES.kaiVisionPro)!).outcome, 'passcodeRemoved');
  });
});
