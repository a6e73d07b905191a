import { strict as assert } from 'node:assert';
import type { ReadinessContext } from '../../../../src/domain/readiness/model';
import { ensurePinRecoveryPolicy } from '../../../../src/domain/readiness/policy-setup';
import { ADMIN_OID, ADMINS, ALL_STAFF, FakeReadinessGateway, HELPDESK, TENANT, customPolicy, forbidden, seedUri } from './support/fake-readiness-gateway';

const context: ReadinessContext = {
  tenantId: TENANT,
  clientId: 'client',
  authorityHost: 'https://login.microsoftonline.com',
  helpdeskGroupId: HELPDESK,
  adminGroupId: ADMINS,
  delegatedPermissions: [],
  userOid: ADMIN_OID,
};

describe('creating the PIN recovery policy', () => {
  it("creates the seed's custom policy for this tenant and assigns it to the named group", async () => {
    const gateway = new FakeReadinessGateway();
    const outcome = await ensurePinRecoveryPolicy(gateway, context, ' All Staff ');
    assert.equal(outcome.kind, 'created');
    assert.equal(gateway.created.length, 1);
    assert.equal(gateway.created[0]?.omaSetting.omaUri, seedUri());
    assert.equal(gateway.created[0]?.omaSetting.value, true);
    assert.deepEqual(gateway.assignments.get('deviceConfiguration:created-1'), [{ kind: 'group', groupId: ALL_STAFF }]);
  });

  it('when run twice, then there is still one policy', async () => {
    const gateway = new FakeReadinessGateway();
    await ensurePinRecoveryPolicy(gateway, context, 'All Staff');
    const again = await ensurePinRecoveryPolicy(gateway, context, 'All Staff');
    assert.equal(again.kind, 'unchanged');
    assert.equal(gateway.created.length, 1);
    assert.equal(gateway.deviceConfigurations.length, 1);
  });

  it('an existing custom policy with the setting is reused and gains the group', async () => {
    const gateway = new FakeReadinessGateway();
    gateway.deviceConfigurations.push(customPolicy('cfg-1', 'Made by hand', seedUri()));
    gateway.assignments.set('deviceConfiguration:cfg-1', [{ kind: 'group', groupId: HELPDESK }]);
    const outcome = await ensurePinRecoveryPolicy(gateway, context, ALL_STAFF);
    assert.deepEqual(outcome.kind === 'assigned' ? outcome.policy : undefined, { id: 'cfg-1', name: 'Made by hand' });
    assert.equal(gateway.created.length, 0);
    assert.deepEqual(gateway.assignments.get('deviceConfiguration:cfg-1'), [
      { kind: 'group', groupId: HELPDESK },
      { kind: 'group', groupId: ALL_STAFF },
    ]);
  });

  it('is refused without the DeviceManagementConfiguration.ReadWrite.All consent, and changes nothing', async () => {
    const gateway = new FakeReadinessGateway();
    gateway.notConsented.add('DeviceManagementConfiguration.ReadWrite.All');
    assert.deepEqual(await ensurePinRecoveryPolicy(gateway, context, 'All Staff'), { kind: 'refused', reason: 'consentMissing' });
    assert.equal(gateway.created.length, 0);
  });

  it("is refused when Intune says the admin's role does not allow it", async () => {
    const gateway = new FakeReadinessGateway();
    gateway.failures.set('createCustomConfiguration', forbidden());
    assert.deepEqual(await ensurePinRecoveryPolicy(gateway, context, 'All Staff'), { kind: 'refused', reason: 'roleMissing', requestId: 'req-403' });
  });

  it('is refused for an unknown, an ambiguous or an empty group name', async () => {
    const gateway = new FakeReadinessGateway();
    gateway.groups.push({ id: 'g-dup', displayName: 'All Staff' });
    assert.deepEqual(await ensurePinRecoveryPolicy(gateway, context, 'Nobody'), { kind: 'refused', reason: 'groupNotFound', matches: 0 });
    assert.deepEqual(await ensurePinRecoveryPolicy(gateway, context, 'All Staff'), { kind: 'refused', reason: 'groupAmbiguous', matches: 2 });
    assert.deepEqual(await ensurePinRecoveryPolicy(gateway, context, '   '), { kind: 'refused', reason: 'groupMissing' });
    assert.equal(gateway.created.length, 0);
  });

  it('is refused app-only: creating needs a signed-in admin', async () => {
    const gateway = new FakeReadinessGateway('appOnly');
    assert.deepEqual(await ensurePinRecoveryPolicy(gateway, context, 'All Staff'), { kind: 'refused', reason: 'notSignedIn' });
  });
});
