import { strict as assert } from 'node:assert';
import type { ReadinessContext } from '../../../../src/domain/readiness/model';
import { windowsPinRecovery } from '../../../../src/domain/readiness/windows-pin-recovery';
import { ALL_STAFF, FakeReadinessGateway, HELPDESK, TENANT, customPolicy, forbidden, seedUri } from './support/fake-readiness-gateway';

const context: ReadinessContext = {
  tenantId: TENANT,
  clientId: 'client',
  authorityHost: 'https://login.microsoftonline.com',
  helpdeskGroupId: HELPDESK,
  delegatedPermissions: [],
};

/** App-only, both PIN reset apps consented, the seed's policy assigned. */
function readyTenant(): FakeReadinessGateway {
  const gateway = new FakeReadinessGateway('appOnly');
  gateway.deviceConfigurations.push(customPolicy('cfg-1', 'PIN recovery', seedUri()));
  gateway.assignments.set('deviceConfiguration:cfg-1', [{ kind: 'group', groupId: ALL_STAFF }]);
  return gateway;
}

describe('whether Windows PIN reset keeps the data (checks 1 and 2 as one answer)', () => {
  it('ready when both apps are consented and an assigned policy turns on PIN recovery', async () => {
    assert.equal(await windowsPinRecovery(readyTenant(), context), 'ready');
  });

  it('not ready when the policy exists but is not assigned', async () => {
    const gateway = readyTenant();
    gateway.assignments.clear();
    assert.equal(await windowsPinRecovery(gateway, context), 'notReady');
  });

  it('not ready when a PIN reset app is missing', async () => {
    const gateway = readyTenant();
    gateway.servicePrincipals = gateway.servicePrincipals.slice(1);
    assert.equal(await windowsPinRecovery(gateway, context), 'notReady');
  });

  it('not ready when the apps are missing, even if the policies cannot be read', async () => {
    const gateway = readyTenant();
    gateway.servicePrincipals = [];
    gateway.failures.set('listDeviceConfigurations', forbidden());
    assert.equal(await windowsPinRecovery(gateway, context), 'notReady');
  });

  it('unknown when the apps cannot be read and the policy is fine', async () => {
    const gateway = readyTenant();
    gateway.failures.set('findServicePrincipal', forbidden());
    assert.equal(await windowsPinRecovery(gateway, context), 'unknown');
  });
});
