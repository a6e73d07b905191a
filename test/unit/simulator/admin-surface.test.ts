import assert from 'node:assert/strict';
import { DEMO_DEVICES, DEMO_TENANT, DEMO_TENANT_ID, DEMO_USERS, type RunningSimulator } from '../../../src/simulator';
import { call, claimsOf, delegatedToken, startTestSimulator } from './helpers';

describe('simulator admin surface (/_sim) for the demo and benchmarks', () => {
  let sim: RunningSimulator;

  beforeEach(async () => {
    sim = await startTestSimulator();
  });
  afterEach(() => sim.close());

  it('GET /_sim/health answers 200', async () => {
    const answer = await call(sim, 'GET', '/_sim/health');
    assert.equal(answer.status, 200);
    assert.equal((answer.body as { tenantId: string }).tenantId, DEMO_TENANT_ID);
  });

  it('POST /_sim/sso-token signs an SSO token for a known user that on-behalf-of accepts', async () => {
    const answer = await call(sim, 'POST', '/_sim/sso-token', { json: { oid: DEMO_USERS.aliceSmith } });
    assert.equal(answer.status, 200);
    const token = (answer.body as { token: string }).token;
    const claims = claimsOf(token);
    assert.equal(claims.oid, DEMO_USERS.aliceSmith);
    assert.equal(claims.aud, sim.clientId);
    assert.equal(claims.tid, sim.tenantId);
    assert.equal(claims.preferred_username, 'alice@contoso.com');
    const obo = await call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, {
      form: {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        client_id: sim.clientId,
        client_secret: sim.clientSecret,
        assertion: token,
        requested_token_use: 'on_behalf_of',
        scope: 'https://graph.microsoft.com/.default',
      },
    });
    assert.equal(obo.status, 200);
  });

  it('POST /_sim/sso-token for an unknown user is a 404 JSON error; a bad body is a 400', async () => {
    const unknown = await call(sim, 'POST', '/_sim/sso-token', { json: { oid: '00000000-0000-4000-8000-000000000000' } });
    assert.equal(unknown.status, 404);
    assert.equal((unknown.body as { error: { code: string } }).error.code, 'NotFound');
    assert.equal((await call(sim, 'POST', '/_sim/sso-token', { json: { id: 'x' } })).status, 400);
  });

  it('POST /_sim/faults injects a fault from another process; DELETE clears them', async () => {
    const token = await delegatedToken(sim, DEMO_USERS.hanaSuzuki);
    assert.equal((await call(sim, 'POST', '/_sim/faults', { json: { path: '/v1.0/me', status: 503, times: 3 } })).status, 204);
    assert.equal((await call(sim, 'GET', '/v1.0/me', { token })).status, 503);
    assert.equal((await call(sim, 'DELETE', '/_sim/faults')).status, 204);
    assert.equal((await call(sim, 'GET', '/v1.0/me', { token })).status, 200);
    assert.equal((await call(sim, 'POST', '/_sim/faults', { json: { status: 503 } })).status, 400);
  });

  it('GET /_sim/stats counts requests and reset POSTs per device', async () => {
    const token = await delegatedToken(sim, DEMO_USERS.hanaSuzuki);
    await call(sim, 'POST', `/v1.0/deviceManagement/managedDevices/${DEMO_DEVICES.aliceLumia}/resetPasscode`, { token });
    await call(sim, 'POST', `/v1.0/deviceManagement/managedDevices/${DEMO_DEVICES.aliceLumia}/resetPasscode`, { token });
    const stats = (await call(sim, 'GET', '/_sim/stats')).body as {
      requests: number;
      resetPosts: Record<string, number>;
      resetPostsTotal: number;
      resetsExecuted: Record<string, number>;
    };
    assert.equal(stats.resetPosts[DEMO_DEVICES.aliceLumia], 2);
    assert.equal(stats.resetPostsTotal, 2);
    assert.equal(stats.resetsExecuted[DEMO_DEVICES.aliceLumia], 2);
    assert.equal(stats.requests, sim.requests.length);
  });

  it('POST /_sim/action-outcome changes how resets on a device end', async () => {
    assert.equal((await call(sim, 'POST', '/_sim/action-outcome', { json: { deviceId: DEMO_DEVICES.aliceLumia, outcome: 'stuck' } })).status, 204);
    assert.equal(sim.tenant.devices.find((d) => d.id === DEMO_DEVICES.aliceLumia)?.resetBehaviour?.outcome, 'stuck');
    assert.equal((await call(sim, 'POST', '/_sim/action-outcome', { json: { deviceId: 'nope', outcome: 'done' } })).status, 404);
  });

  it('the running tenant is a copy: changing it leaves the exported seed alone', () => {
    sim.tenant.users.splice(0, sim.tenant.users.length);
    assert.ok(DEMO_TENANT.users.length >= 6);
  });
});
