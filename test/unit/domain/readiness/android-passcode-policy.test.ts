import { strict as assert } from 'node:assert';
import { checkAndroidPasscodePolicy } from '../../../../src/domain/readiness/android-passcode-policy';
import { ALL_STAFF, FakeReadinessGateway, androidDeviceOwnerProfile, customPolicy, forbidden, seedUri } from './support/fake-readiness-gateway';

const workProfileCompliance = (id: string, name: string, workProfileRequirePassword: boolean) => ({
  id,
  displayName: name,
  odataType: '#microsoft.graph.androidWorkProfileCompliancePolicy',
  androidPassword: { passwordRequired: false, workProfileRequirePassword },
});

describe('check 4: an Android passcode policy is assigned', () => {
  it('when no Android policy requires a passcode, then it fails (other platforms do not count)', async () => {
    const gateway = new FakeReadinessGateway();
    gateway.deviceConfigurations = [customPolicy('pin', 'PIN recovery', seedUri()), androidDeviceOwnerProfile('do-1', 'Corporate', {})];
    gateway.assignments.set('deviceConfiguration:do-1', [{ kind: 'allDevices' }]);
    const check = await checkAndroidPasscodePolicy(gateway);
    assert.equal(check.status, 'fail');
    assert.deepEqual(check.policies, []);
    assert.deepEqual(check.covered, []);
  });

  it('a device restrictions profile with a device password, assigned to a group: passes, covering the device passcode', async () => {
    const gateway = new FakeReadinessGateway();
    gateway.deviceConfigurations = [androidDeviceOwnerProfile('do-1', 'Fully managed', { device: 'numeric' })];
    gateway.assignments.set('deviceConfiguration:do-1', [{ kind: 'group', groupId: ALL_STAFF }]);
    const check = await checkAndroidPasscodePolicy(gateway);
    assert.equal(check.status, 'pass');
    assert.deepEqual(check.covered, ['devicePasscode']);
    assert.deepEqual(check.policies, [
      { ref: { kind: 'deviceConfiguration', id: 'do-1' }, name: 'Fully managed', kinds: ['devicePasscode'], assigned: true, targets: [{ kind: 'group', groupId: ALL_STAFF }] },
    ]);
  });

  it('a work-profile compliance policy requiring a password, assigned to all users: passes, covering the work-profile password only', async () => {
    const gateway = new FakeReadinessGateway();
    gateway.compliancePolicies = [workProfileCompliance('cp-1', 'BYOD compliance', true)];
    gateway.assignments.set('compliancePolicy:cp-1', [{ kind: 'allUsers' }]);
    const check = await checkAndroidPasscodePolicy(gateway);
    assert.equal(check.status, 'pass');
    assert.deepEqual(check.covered, ['workProfilePassword']);
    assert.equal(check.policies[0]?.ref.kind, 'compliancePolicy');
  });

  it('both kinds are reported when assigned policies require both', async () => {
    const gateway = new FakeReadinessGateway();
    gateway.deviceConfigurations = [androidDeviceOwnerProfile('do-1', 'Corporate', { device: 'numeric', workProfile: 'numericComplex' })];
    gateway.assignments.set('deviceConfiguration:do-1', [{ kind: 'allDevices' }]);
    assert.deepEqual((await checkAndroidPasscodePolicy(gateway)).covered, ['devicePasscode', 'workProfilePassword']);
  });

  it('when the only such policy is unassigned, or only excludes a group, then it fails and names the policy', async () => {
    const gateway = new FakeReadinessGateway();
    gateway.compliancePolicies = [workProfileCompliance('cp-1', 'BYOD compliance', true)];
    const unassigned = await checkAndroidPasscodePolicy(gateway);
    assert.equal(unassigned.status, 'fail');
    assert.deepEqual(unassigned.policies.map((p) => [p.name, p.assigned]), [['BYOD compliance', false]]);
    gateway.assignments.set('compliancePolicy:cp-1', [{ kind: 'exclusionGroup', groupId: ALL_STAFF }]);
    assert.equal((await checkAndroidPasscodePolicy(gateway)).status, 'fail');
  });

  it('assigned policies are listed before unassigned ones', async () => {
    const gateway = new FakeReadinessGateway();
    gateway.deviceConfigurations = [androidDeviceOwnerProfile('do-1', 'Draft', { device: 'numeric' }), androidDeviceOwnerProfile('do-2', 'Live', { workProfile: 'numeric' })];
    gateway.assignments.set('deviceConfiguration:do-2', [{ kind: 'allDevices' }]);
    const check = await checkAndroidPasscodePolicy(gateway);
    assert.deepEqual(check.policies.map((p) => p.name), ['Live', 'Draft']);
    assert.deepEqual(check.covered, ['workProfilePassword']);
  });

  it('when compliance policies cannot be read and no profile passes, then it is unknown with the reason, not failed', async () => {
    const gateway = new FakeReadinessGateway();
    gateway.failures.set('listCompliancePolicies', forbidden());
    const check = await checkAndroidPasscodePolicy(gateway);
    assert.equal(check.status, 'unknown');
    assert.deepEqual(check.failure, { reason: 'forbidden', code: 'graph.forbidden', requestId: 'req-403' });
  });

  it('an assigned profile passes even when the compliance policies cannot be read, and the failed read is still reported', async () => {
    const gateway = new FakeReadinessGateway();
    gateway.failures.set('listCompliancePolicies', forbidden());
    gateway.deviceConfigurations = [androidDeviceOwnerProfile('do-1', 'Corporate', { device: 'numeric' })];
    gateway.assignments.set('deviceConfiguration:do-1', [{ kind: 'allDevices' }]);
    const check = await checkAndroidPasscodePolicy(gateway);
    assert.equal(check.status, 'pass');
    assert.equal(check.failure?.reason, 'forbidden');
  });

  it('when the assignments cannot be read, then it is unknown', async () => {
    const gateway = new FakeReadinessGateway();
    gateway.deviceConfigurations = [androidDeviceOwnerProfile('do-1', 'Corporate', { device: 'numeric' })];
    gateway.failures.set('listAssignments', forbidden());
    const check = await checkAndroidPasscodePolicy(gateway);
    assert.equal(check.status, 'unknown');
    assert.equal(check.failure?.reason, 'forbidden');
  });
});
