import assert from 'node:assert/strict';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { DEMO_DEVICES, DEMO_HELPDESK_GROUP_ID, DEMO_USERS, type RunningSimulator } from '../../../src/simulator';
import { startTestSimulator, waitFor } from './helpers';

/**
 * The bot's production libraries, unchanged, against the simulator: msal-node for the token and
 * the Graph JS client with the simulator as `baseUrl` and a custom host.
 */
describe('simulator with the real Microsoft Graph JS client', () => {
  let sim: RunningSimulator;
  let client: Client;

  before(async () => {
    sim = await startTestSimulator();
    const msal = new ConfidentialClientApplication({
      auth: { clientId: sim.clientId, clientSecret: sim.clientSecret, authority: `${sim.url}/${sim.tenantId}`, knownAuthorities: [new URL(sim.url).host] },
    });
    const assertion = sim.signSsoToken(DEMO_USERS.hanaSuzuki);
    client = Client.initWithMiddleware({
      baseUrl: sim.url,
      customHosts: new Set([new URL(sim.url).hostname]),
      authProvider: {
        getAccessToken: async () => {
          const result = await msal.acquireTokenOnBehalfOf({
            oboAssertion: assertion,
            scopes: ['https://graph.microsoft.com/DeviceManagementManagedDevices.PrivilegedOperations.All'],
          });
          if (!result) throw new Error('no token');
          return result.accessToken;
        },
      },
    });
  });
  after(() => sim.close());

  it('lists users with filter, select and top', async () => {
    const page = (await client.api('/users').filter("startswith(displayName,'Alice')").select('id,displayName').top(10).get()) as { value: Array<{ displayName: string }> };
    assert.deepEqual(page.value.map((u) => u.displayName).sort(), ['Alice Johnson', 'Alice Smith']);
  });

  it('reads beta device properties, resets, and sees the passcode once done', async () => {
    const devices = (await client.api('/users/alice@contoso.com/managedDevices').version('beta').select('id,deviceType,chassisType').get()) as {
      value: Array<{ id: string; deviceType: string }>;
    };
    assert.equal(devices.value.find((d) => d.id === DEMO_DEVICES.aliceLumia)?.deviceType, 'windowsPhone');

    await client.api(`/deviceManagement/managedDevices/${DEMO_DEVICES.aliceLumia}/resetPasscode`).post(undefined);
    type Results = { deviceActionResults: Array<{ actionName: string; actionState: string; passcode: string | null }> };
    const result = await waitFor(async () => {
      const device = (await client.api(`/deviceManagement/managedDevices/${DEMO_DEVICES.aliceLumia}`).select('deviceActionResults').get()) as Results;
      const newest = device.deviceActionResults.filter((r) => r.actionName === 'resetPasscode').at(-1);
      return newest?.actionState === 'pending' ? undefined : newest;
    });
    assert.equal(result?.actionState, 'done');
    assert.match(String(result?.passcode), /^\d{8}$/);
  });

  it('posts checkMemberGroups', async () => {
    const answer = (await client.api('/me/checkMemberGroups').post({ groupIds: [DEMO_HELPDESK_GROUP_ID] })) as { value: string[] };
    assert.deepEqual(answer.value, [DEMO_HELPDESK_GROUP_ID]);
  });

  it("turns the simulator's errors into GraphError with status, code and request id", async () => {
    await assert.rejects(client.api('/users/nobody@contoso.com').get(), (error: unknown) => {
      assert.ok(error instanceof GraphError);
      assert.equal(error.statusCode, 404);
      assert.equal(error.code, 'Request_ResourceNotFound');
      assert.match(String(error.requestId), /^[0-9a-f-]{36}$/);
      return true;
    });
  });

  it('retries a 429 after Retry-After on its own (its RetryHandler), as it would against Graph', async () => {
    sim.injectFault({ path: '/v1.0/me', status: 429, retryAfter: '1' });
    const me = (await client.api('/me').get()) as { displayName: string };
    assert.equal(me.displayName, 'Hana Suzuki');
    assert.deepEqual(sim.requests.filter((r) => r.path === '/v1.0/me').map((r) => r.status), [429, 200]);
  });
});
