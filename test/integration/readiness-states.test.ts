import { strict as assert } from 'node:assert';
import { createReadiness } from '../../src/adapters/graph/readiness/compose';
import { createDelegatedTokenProvider } from '../../src/adapters/identity';
import { ConsoleLogger } from '../../src/adapters/logging/console-logger';
import type { ReadinessFeatureDeps } from '../../src/bot/readiness/readiness-feature';
import { loadSettings, type Settings } from '../../src/config/settings';
import type { ReadinessReport } from '../../src/domain/readiness/model';
import { ensurePinRecoveryPolicy } from '../../src/domain/readiness/policy-setup';
import { runReadinessChecks } from '../../src/domain/readiness/readiness-checks';
import { DEMO_USERS, type RunningSimulator } from '../../src/simulator';
import {
  accountProtectionIntent,
  allDevicesAssignment,
  androidCompliance,
  androidDeviceOwnerRestrictions,
  androidWorkProfileRestrictions,
  customPinRecoveryConfiguration,
  groupAssignment,
  identityProtectionProfile,
  PIN_RESET_CLIENT,
  settingsCatalogPinRecovery,
} from '../../src/simulator/readiness/seed';
import { startTestSimulator } from '../unit/simulator/helpers';
import { tenantEnvOf } from '../support/tenant-env';

/**
 * The readiness checks through the real Graph adapter and msal against the simulated tenant, in
 * each state the issue names. The demo tenant starts with both apps and no PIN recovery policy.
 */

const ALL_STAFF = 'e1a2b3c4-1111-4aaa-8bbb-00000000a003';
const HANA = DEMO_USERS.hanaSuzuki;

function settingsFor(sim: RunningSimulator, extra: Record<string, string> = {}): Settings {
  return loadSettings({
    ...tenantEnvOf(sim),
    AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
    ...extra,
  });
}

describe('readiness checks against the simulated tenant', function () {
  this.timeout(30000);
  let sim: RunningSimulator;
  let readiness: ReadinessFeatureDeps;

  /** Hana signs in (msal caches what Entra consented at that moment). */
  async function signIn(): Promise<void> {
    const settings = settingsFor(sim);
    const logger = new ConsoleLogger({ level: 'error', write: () => undefined });
    const tokens = createDelegatedTokenProvider({ ...settings.aad, graphEndpoint: settings.graphEndpoint, logger });
    await tokens.signIn(sim.signSsoToken(HANA), HANA);
    readiness = createReadiness(settings, tokens, logger);
  }

  beforeEach(async () => {
    sim = await startTestSimulator();
    await signIn();
  });
  afterEach(() => sim.close());

  const state = () => sim.tenant.readiness!;
  const asHana = (): Promise<ReadinessReport> => runReadinessChecks(readiness.gateways.asUser(HANA), { ...readiness.context, userOid: HANA });
  const appOnly = (): Promise<ReadinessReport> => runReadinessChecks(readiness.gateways.appOnly(), readiness.context);
  const statuses = (r: ReadinessReport) => [r.apps.status, r.policy.status, r.permissions.status, r.android.status];
  const isAndroid = (c: { '@odata.type': string }): boolean => /android|aosp/i.test(c['@odata.type']);

  it('the demo tenant: apps present, the policy missing, permissions fine, a work-profile password required on Android', async () => {
    const report = await asHana();
    assert.deepEqual(statuses(report), ['pass', 'fail', 'pass', 'pass']);
    assert.deepEqual(report.android.covered, ['workProfilePassword']);
    assert.deepEqual(report.android.policies.map((p) => [p.name, p.assigned]), [['Android Enterprise - corporate devices', true]]);
    assert.equal(report.policy.canFix, true);
    assert.ok(report.permissions.scopes.every((s) => s.state === 'ok'), JSON.stringify(report.permissions.scopes));
    assert.deepEqual(report.permissions.groups.map((g) => [g.state, g.membership]), [['ok', 'ok'], ['ok', 'ok']]);
  });

  it('both apps missing', async () => {
    state().servicePrincipals = [];
    const report = await asHana();
    assert.equal(report.apps.status, 'fail');
    assert.deepEqual(report.apps.apps.map((a) => a.state), ['missing', 'missing']);
    assert.deepEqual(report.apps.consentLinks.map((l) => l.url), [
      `${sim.url}/${sim.tenantId}/adminconsent?client_id=b8456c59-1230-44c7-a4a2-99b085333e84`,
      `${sim.url}/${sim.tenantId}/adminconsent?client_id=9115dd05-fad5-4f9c-acc7-305d08b1b04e`,
    ]);
  });

  it('one app missing', async () => {
    state().servicePrincipals = [PIN_RESET_CLIENT];
    const report = await asHana();
    assert.deepEqual(report.apps.apps.map((a) => a.state), ['missing', 'ok']);
  });

  it('the seed custom policy, assigned: passes, with its device status (iOS not applicable)', async () => {
    state().deviceConfigurations.push(customPinRecoveryConfiguration('cfg-1', sim.tenantId, [groupAssignment('cfg-1', ALL_STAFF)]));
    const report = await asHana();
    assert.equal(report.allPassed, true);
    const found = report.policy.found[0]!;
    assert.deepEqual([found.source, found.name, found.assigned], ['customOma', 'Windows PIN recovery', true]);
    const windows = sim.tenant.devices.filter((d) => d.operatingSystem === 'Windows').length;
    assert.equal(found.status?.succeeded, windows);
    assert.equal(found.status?.notApplicable, sim.tenant.devices.length - windows);
  });

  it('the policy exists but is unassigned: fails, naming it', async () => {
    state().deviceConfigurations.push(customPinRecoveryConfiguration('cfg-1', sim.tenantId));
    const report = await asHana();
    assert.equal(report.policy.status, 'fail');
    assert.deepEqual(report.policy.found.map((f) => [f.name, f.assigned]), [['Windows PIN recovery', false]]);
  });

  it('an Identity protection profile (beta-only type) passes', async () => {
    state().deviceConfigurations.push(identityProtectionProfile('idp-1', [allDevicesAssignment('idp-1')]));
    const report = await asHana();
    assert.equal(report.policy.status, 'pass');
    assert.equal(report.policy.found[0]?.source, 'identityProtection');
    assert.ok((report.policy.found[0]?.status?.succeeded ?? 0) > 0);
  });

  it('an Account protection profile (endpoint security intent) passes', async () => {
    state().intents.push(accountProtectionIntent('int-1', [groupAssignment('int-1', ALL_STAFF)]));
    const report = await asHana();
    assert.equal(report.policy.status, 'pass');
    assert.equal(report.policy.found[0]?.source, 'accountProtection');
    assert.ok((report.policy.found[0]?.status?.notApplicable ?? 0) > 0, 'platform mismatches count as not applicable');
  });

  it('a Settings catalog policy passes, its status from the device summary report', async () => {
    state().configurationPolicies.push(settingsCatalogPinRecovery('sc-1', [groupAssignment('sc-1', ALL_STAFF)]));
    const report = await asHana();
    assert.equal(report.policy.status, 'pass');
    assert.equal(report.policy.found[0]?.source, 'settingsCatalog');
    assert.ok((report.policy.found[0]?.status?.succeeded ?? 0) > 0);
  });

  it('no Android policy requires a passcode: check 4 fails', async () => {
    state().deviceConfigurations = state().deviceConfigurations.filter((c) => !isAndroid(c));
    state().compliancePolicies = [];
    const report = await asHana();
    assert.equal(report.android.status, 'fail');
    assert.equal(report.allPassed, false);
  });

  it('Android device owner policies (beta-only types) are read: a corporate compliance policy covers the device passcode', async () => {
    state().compliancePolicies.push(androidCompliance('cp-do', 'deviceOwner', true, [allDevicesAssignment('cp-do')]));
    const report = await asHana();
    assert.deepEqual(report.android.covered, ['devicePasscode', 'workProfilePassword']);
    assert.equal(report.android.policies.find((p) => p.ref.id === 'cp-do')?.ref.kind, 'compliancePolicy');
  });

  it('a personally-owned work profile profile counts only with a work-profile password, and only once assigned', async () => {
    state().deviceConfigurations = state().deviceConfigurations.filter((c) => !isAndroid(c));
    state().deviceConfigurations.push(androidWorkProfileRestrictions('wp-off', 'deviceDefault', [groupAssignment('wp-off', ALL_STAFF)], 'BYOD - no password'));
    state().deviceConfigurations.push(androidWorkProfileRestrictions('wp-on', 'atLeastNumeric', [], 'BYOD - password'));
    const unassigned = await asHana();
    assert.equal(unassigned.android.status, 'fail');
    assert.deepEqual(unassigned.android.policies.map((p) => [p.name, p.assigned]), [['BYOD - password', false]]);
    state().deviceConfigurations.find((c) => c.id === 'wp-on')!.assignments = [groupAssignment('wp-on', ALL_STAFF)];
    assert.equal((await asHana()).android.status, 'pass');
  });

  it('without DeviceManagementConfiguration.Read.All the terminal cannot tell: check 4 is unknown, not failed', async () => {
    sim.tenant.app.applicationPermissions = sim.tenant.app.applicationPermissions.filter((p) => p !== 'DeviceManagementConfiguration.Read.All');
    const report = await appOnly();
    assert.equal(report.android.status, 'unknown');
    assert.equal(report.android.failure?.reason, 'forbidden');
  });

  it('everything in place, app-only too (the terminal): all pass, delegated parts left for a signed-in admin', async () => {
    state().deviceConfigurations.push(customPinRecoveryConfiguration('cfg-1', sim.tenantId, [groupAssignment('cfg-1', ALL_STAFF)]));
    state().deviceConfigurations.push(androidDeviceOwnerRestrictions('do-1', { device: 'numeric', workProfile: 'deviceDefault' }, [allDevicesAssignment('do-1')]));
    const report = await appOnly();
    assert.equal(report.mode, 'appOnly');
    assert.deepEqual(statuses(report), ['pass', 'pass', 'pass', 'pass']);
    assert.deepEqual(report.android.covered, ['devicePasscode', 'workProfilePassword']);
    assert.ok(report.permissions.scopes.every((s) => s.state === 'notChecked'));
  });

  it('a delegated permission the tenant did not consent is named', async () => {
    sim.tenant.app.delegatedPermissions = sim.tenant.app.delegatedPermissions.filter((p) => p !== 'Application.Read.All');
    await signIn();
    const report = await asHana();
    assert.equal(report.permissions.status, 'fail');
    assert.deepEqual(report.permissions.scopes.filter((s) => s.state !== 'ok').map((s) => s.permission), ['Application.Read.All']);
    assert.equal(report.apps.status, 'unknown', 'the apps cannot be read without it');
    assert.equal(report.apps.failure?.reason, 'consentRequired');
  });

  it('creating the policy twice through Graph leaves one policy, assigned once', async () => {
    const gateway = readiness.gateways.asUser(HANA);
    const context = { ...readiness.context, userOid: HANA };
    const first = await ensurePinRecoveryPolicy(gateway, context, 'All Staff');
    const second = await ensurePinRecoveryPolicy(gateway, context, ALL_STAFF);
    assert.deepEqual([first.kind, second.kind], ['created', 'unchanged']);
    const created = state().deviceConfigurations.filter((c) => JSON.stringify(c.properties).includes('EnablePinRecovery'));
    assert.equal(created.length, 1);
    assert.deepEqual(created[0]?.assignments.map((a) => a.target.groupId), [ALL_STAFF]);
    assert.equal((await asHana()).allPassed, true);
  });
});
