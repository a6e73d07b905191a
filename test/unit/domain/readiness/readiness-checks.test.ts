import { strict as assert } from 'node:assert';
import type { ReadinessContext } from '../../../../src/domain/readiness/model';
import { runReadinessChecks } from '../../../../src/domain/readiness/readiness-checks';
import {
  ADMIN_OID,
  ADMINS,
  ALL_STAFF,
  FakeReadinessGateway,
  HELPDESK,
  STATUS,
  TENANT,
  androidDeviceOwnerProfile,
  customPolicy,
  forbidden,
  seedUri,
} from './support/fake-readiness-gateway';

const context = (overrides: Partial<ReadinessContext> = {}): ReadinessContext => ({
  tenantId: TENANT,
  clientId: '5b2f9c1e-8d4a-4f6b-a3c7-1e9d2b8f4a60',
  authorityHost: 'https://login.microsoftonline.com/',
  helpdeskGroupId: HELPDESK,
  adminGroupId: ADMINS,
  delegatedPermissions: ['User.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'],
  userOid: ADMIN_OID,
  ...overrides,
});

/** A tenant where every check passes: the seed's policy and an Android password profile, assigned to All Staff. */
function readyTenant(mode: 'delegated' | 'appOnly' = 'delegated'): FakeReadinessGateway {
  const gateway = new FakeReadinessGateway(mode);
  gateway.deviceConfigurations.push(customPolicy('cfg-1', 'PIN recovery', seedUri()));
  gateway.assignments.set('deviceConfiguration:cfg-1', [{ kind: 'group', groupId: ALL_STAFF }]);
  gateway.deviceConfigurations.push(androidDeviceOwnerProfile('and-1', 'Android corporate', { device: 'numeric' }));
  gateway.assignments.set('deviceConfiguration:and-1', [{ kind: 'group', groupId: ALL_STAFF }]);
  return gateway;
}

describe('tenant readiness checks', () => {
  it('when everything is in place, then all four checks pass and the policy is named with its status', async () => {
    const report = await runReadinessChecks(readyTenant(), context(), new Date('2026-11-25T08:00:00Z'));
    assert.equal(report.allPassed, true);
    assert.equal(report.checkedAt, '2026-11-25T08:00:00.000Z');
    assert.deepEqual([report.apps.status, report.policy.status, report.permissions.status, report.android.status], ['pass', 'pass', 'pass', 'pass']);
    assert.equal(report.policy.found[0]?.name, 'PIN recovery');
    assert.equal(report.policy.found[0]?.source, 'customOma');
    assert.deepEqual(report.policy.found[0]?.status, STATUS);
    assert.equal(report.policy.canFix, false);
  });

  describe('check 1: the PIN reset apps', () => {
    it('when both are missing, then it fails and gives both consent links, service first', async () => {
      const gateway = readyTenant();
      gateway.servicePrincipals = [];
      const { apps } = await runReadinessChecks(gateway, context());
      assert.equal(apps.status, 'fail');
      assert.deepEqual(apps.apps.map((a) => a.state), ['missing', 'missing']);
      assert.deepEqual(apps.consentLinks.map((l) => l.url), [
        `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=b8456c59-1230-44c7-a4a2-99b085333e84`,
        `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=9115dd05-fad5-4f9c-acc7-305d08b1b04e`,
      ]);
    });

    it('when only the client app is missing, then it says which one', async () => {
      const gateway = readyTenant();
      gateway.servicePrincipals = gateway.servicePrincipals.slice(0, 1);
      const { apps } = await runReadinessChecks(gateway, context());
      assert.equal(apps.status, 'fail');
      assert.deepEqual(apps.apps.map((a) => [a.name, a.state]), [
        ['Microsoft Pin Reset Service Production', 'ok'],
        ['Microsoft Pin Reset Client Production', 'missing'],
      ]);
    });

    it('when the service principals cannot be read, then the check is unknown with the reason', async () => {
      const gateway = readyTenant();
      gateway.failures.set('findServicePrincipal', forbidden());
      const { apps, allPassed } = await runReadinessChecks(gateway, context());
      assert.equal(apps.status, 'unknown');
      assert.deepEqual(apps.failure, { reason: 'forbidden', code: 'graph.forbidden', requestId: 'req-403' });
      assert.equal(allPassed, false);
    });
  });

  describe('check 2: the PIN recovery policy', () => {
    it('when no policy sets EnablePinRecovery, then it fails and the chat may offer the fix', async () => {
      const gateway = readyTenant();
      gateway.deviceConfigurations = [customPolicy('wifi', 'Wi-Fi', './Vendor/MSFT/WiFi/Profile/x', 'x')];
      const { policy } = await runReadinessChecks(gateway, context());
      assert.equal(policy.status, 'fail');
      assert.deepEqual(policy.found, []);
      assert.equal(policy.canFix, true);
      assert.equal(policy.omaUri, seedUri());
    });

    it('when the run is app-only, then no fix is offered (it needs a signed-in admin)', async () => {
      const gateway = readyTenant('appOnly');
      gateway.deviceConfigurations = [];
      const { policy } = await runReadinessChecks(gateway, context({ userOid: undefined }));
      assert.equal(policy.status, 'fail');
      assert.equal(policy.canFix, false);
    });

    it('when the policy exists but is not assigned, then it fails and names the policy', async () => {
      const gateway = readyTenant();
      gateway.assignments.clear();
      const { policy } = await runReadinessChecks(gateway, context());
      assert.equal(policy.status, 'fail');
      assert.equal(policy.found[0]?.name, 'PIN recovery');
      assert.equal(policy.found[0]?.assigned, false);
      assert.equal(policy.found[0]?.status, undefined);
    });

    it('an assignment that only excludes a group does not count', async () => {
      const gateway = readyTenant();
      gateway.assignments.set('deviceConfiguration:cfg-1', [{ kind: 'exclusionGroup', groupId: ALL_STAFF }]);
      assert.equal((await runReadinessChecks(gateway, context())).policy.status, 'fail');
    });

    it('an Identity protection profile with PIN recovery passes', async () => {
      const gateway = readyTenant();
      gateway.deviceConfigurations = [
        { id: 'idp', displayName: 'Windows Hello', odataType: '#microsoft.graph.windowsIdentityProtectionConfiguration', omaSettings: [], pinRecoveryEnabled: true },
      ];
      gateway.assignments.set('deviceConfiguration:idp', [{ kind: 'allUsers' }]);
      const { policy } = await runReadinessChecks(gateway, context());
      assert.equal(policy.status, 'pass');
      assert.equal(policy.found[0]?.source, 'identityProtection');
    });

    it('an Account protection profile (endpoint security) with pinRecoveryEnabled passes', async () => {
      const gateway = readyTenant();
      gateway.deviceConfigurations = [];
      gateway.intents.push({
        id: 'intent-1',
        displayName: 'Account protection',
        settings: [{ definitionId: 'deviceConfiguration--windowsIdentityProtectionConfiguration_pinRecoveryEnabled', value: true }],
      });
      gateway.assignments.set('intent:intent-1', [{ kind: 'group', groupId: ALL_STAFF }]);
      const { policy } = await runReadinessChecks(gateway, context());
      assert.equal(policy.status, 'pass');
      assert.deepEqual(policy.found.map((f) => [f.source, f.name]), [['accountProtection', 'Account protection']]);
    });

    it('a Settings catalog policy with Enable Pin Recovery = true passes', async () => {
      const gateway = readyTenant();
      gateway.deviceConfigurations = [];
      gateway.catalog.push({
        id: 'sc-1',
        name: 'WHfB',
        platforms: 'windows10',
        settings: [{ settingDefinitionId: 'device_vendor_msft_passportforwork_{tenantid}_policies_enablepinrecovery', value: 'device_vendor_msft_passportforwork_{tenantid}_policies_enablepinrecovery_true' }],
      });
      gateway.assignments.set('configurationPolicy:sc-1', [{ kind: 'allDevices' }]);
      const { policy } = await runReadinessChecks(gateway, context());
      assert.equal(policy.status, 'pass');
      assert.equal(policy.found[0]?.source, 'settingsCatalog');
    });

    it("a custom policy naming another tenant's id is reported as a near miss, not a pass", async () => {
      const gateway = readyTenant();
      gateway.deviceConfigurations = [customPolicy('cfg-x', 'Copied from the lab', seedUri('{tenantId}'))];
      gateway.assignments.set('deviceConfiguration:cfg-x', [{ kind: 'group', groupId: ALL_STAFF }]);
      const { policy } = await runReadinessChecks(gateway, context());
      assert.equal(policy.status, 'fail');
      assert.deepEqual(policy.nearMisses.map((m) => [m.name, m.reason]), [['Copied from the lab', 'otherTenant']]);
    });

    it('the tenant id comes from the organization', async () => {
      const gateway = readyTenant();
      const other = '00000000-1111-4222-8333-444444444444';
      gateway.organization = { id: other, displayName: 'Other' };
      const { policy } = await runReadinessChecks(gateway, context());
      assert.equal(policy.omaUri, seedUri(other));
      assert.equal(policy.status, 'fail');
    });

    it('when the configurations cannot be read, then the check is unknown, not failed', async () => {
      const gateway = readyTenant();
      gateway.failures.set('listDeviceConfigurations', forbidden());
      const { policy } = await runReadinessChecks(gateway, context());
      assert.equal(policy.status, 'unknown');
      assert.equal(policy.failure?.reason, 'forbidden');
      assert.equal(policy.canFix, false);
    });
  });

  it('when no Android policy requires a passcode, then the tenant is not ready though the Windows checks pass', async () => {
    const gateway = readyTenant();
    gateway.assignments.delete('deviceConfiguration:and-1');
    const report = await runReadinessChecks(gateway, context());
    assert.deepEqual([report.apps.status, report.policy.status, report.permissions.status, report.android.status], ['pass', 'pass', 'pass', 'fail']);
    assert.equal(report.allPassed, false);
  });

  describe('check 3: the bot permissions', () => {
    it('names each delegated permission not consented', async () => {
      const gateway = readyTenant();
      gateway.notConsented.add('DeviceManagementConfiguration.ReadWrite.All');
      const { permissions } = await runReadinessChecks(gateway, context());
      assert.equal(permissions.status, 'fail');
      assert.deepEqual(permissions.scopes, [
        { permission: 'User.Read.All', state: 'ok' },
        { permission: 'DeviceManagementConfiguration.ReadWrite.All', state: 'missing' },
      ]);
      assert.match(permissions.consentUrl, /adminconsent\?client_id=5b2f9c1e/);
    });

    it('fails when the app-only read does not work', async () => {
      const gateway = readyTenant();
      gateway.appOnlyWorks = false;
      const { permissions } = await runReadinessChecks(gateway, context());
      assert.equal(permissions.status, 'fail');
      assert.equal(permissions.appOnly.state, 'missing');
      assert.equal(permissions.appOnly.failure?.reason, 'forbidden');
    });

    it('fails when a helpdesk group does not exist, or the admin is not in it', async () => {
      const gateway = readyTenant();
      gateway.groups = gateway.groups.filter((g) => g.id !== HELPDESK);
      gateway.memberships.set(ADMIN_OID, [ALL_STAFF]);
      const { permissions } = await runReadinessChecks(gateway, context());
      assert.equal(permissions.status, 'fail');
      assert.deepEqual(permissions.groups.map((g) => [g.role, g.state, g.membership]), [
        ['helpdesk', 'missing', 'notChecked'],
        ['admin', 'ok', 'missing'],
      ]);
    });

    it('app-only, the delegated permissions and the membership are left for a signed-in admin', async () => {
      const { permissions, allPassed, mode } = await runReadinessChecks(readyTenant('appOnly'), context({ userOid: undefined }));
      assert.equal(mode, 'appOnly');
      assert.ok(permissions.scopes.every((s) => s.state === 'notChecked'));
      assert.ok(permissions.groups.every((g) => g.state === 'ok' && g.membership === 'notChecked'));
      assert.equal(permissions.status, 'pass');
      assert.equal(allPassed, true);
    });
  });
});
