import assert from 'node:assert/strict';
import { DEMO_DEVICES, DEMO_USERS, type RunningSimulator } from '../../../src/simulator';
import { call, delegatedToken, graphErrorOf, startTestSimulator, waitFor } from './helpers';

const resetPath = (id: string) => `/v1.0/deviceManagement/managedDevices/${id}/resetPasscode`;

describe('simulator Graph: error format, faults and $batch', () => {
  let sim: RunningSimulator;
  let hana: string;

  beforeEach(async () => {
    sim = await startTestSimulator();
    hana = await delegatedToken(sim, DEMO_USERS.hanaSuzuki);
  });
  afterEach(() => sim.close());

  describe('every answer', () => {
    it('carries request-id, and echoes client-request-id', async () => {
      const answer = await call(sim, 'GET', '/v1.0/me', { token: hana, headers: { 'client-request-id': 'abc-123' } });
      assert.match(answer.headers.get('request-id') ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(answer.headers.get('client-request-id'), 'abc-123');
      const generated = await call(sim, 'GET', '/v1.0/me', { token: hana });
      assert.equal(generated.headers.get('client-request-id'), generated.headers.get('request-id'));
    });

    it('errors are {error:{code,message,innerError:{date,request-id,client-request-id}}} matching the headers', async () => {
      const answer = await call(sim, 'GET', '/v1.0/users/nobody@contoso.com', { token: hana, headers: { 'client-request-id': 'c-1' } });
      const error = graphErrorOf(answer);
      assert.deepEqual(Object.keys(error), ['code', 'message', 'innerError']);
      assert.equal(error.innerError['request-id'], answer.headers.get('request-id'));
      assert.equal(error.innerError['client-request-id'], 'c-1');
      assert.match(error.innerError.date ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    });
  });

  describe('authentication', () => {
    it('no token, a malformed one, a forged one or an expired one is 401 InvalidAuthenticationToken', async () => {
      const [h, p] = hana.split('.');
      const past = Math.floor(Date.now() / 1000) - 7200;
      const expired = sim.signSsoToken(DEMO_USERS.hanaSuzuki, { aud: 'https://graph.microsoft.com', iat: past, nbf: past, exp: past + 3600 });
      const cases = [undefined, 'garbage', `${h}.${p}.AAAA`, expired];
      for (const token of cases) {
        const answer = await call(sim, 'GET', '/v1.0/me', token ? { token } : {});
        assert.equal(answer.status, 401, String(token));
        assert.equal(graphErrorOf(answer).code, 'InvalidAuthenticationToken');
        assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer /);
      }
      const last = await call(sim, 'GET', '/v1.0/me', { token: expired });
      assert.match(graphErrorOf(last).message, /expired/);
    });

    it('an SSO token (audience = the bot) is not a Graph token', async () => {
      const answer = await call(sim, 'GET', '/v1.0/me', { token: sim.signSsoToken(DEMO_USERS.hanaSuzuki) });
      assert.equal(answer.status, 401);
      assert.match(graphErrorOf(answer).message, /audience/i);
    });
  });

  it('an unknown segment is 400 "Resource not found for the segment"; outside Graph and Entra it is 404', async () => {
    const unknown = await call(sim, 'GET', '/v1.0/gadgets', { token: hana });
    assert.equal(unknown.status, 400);
    assert.equal(graphErrorOf(unknown).message, "Resource not found for the segment 'gadgets'.");
    assert.equal((await call(sim, 'GET', '/nowhere')).status, 404);
  });

  it('a malformed JSON body is a 400', async () => {
    const res = await fetch(`${sim.url}/v1.0/me/checkMemberGroups`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${hana}`, 'Content-Type': 'application/json' },
      body: '{"groupIds": [',
    });
    assert.equal(res.status, 400);
  });

  describe('faults', () => {
    it('a 429 with Retry-After is answered before normal handling, once by default', async () => {
      sim.injectFault({ method: 'POST', path: '/resetPasscode', status: 429, retryAfter: '7' });
      const throttled = await call(sim, 'POST', resetPath(DEMO_DEVICES.aliceLumia), { token: hana });
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers.get('retry-after'), '7');
      assert.equal(graphErrorOf(throttled).code, 'TooManyRequests');
      assert.equal(sim.tenant.devices.find((d) => d.id === DEMO_DEVICES.aliceLumia)?.deviceActionResults.filter((r) => r.actionName === 'resetPasscode').length, 0);

      assert.equal((await call(sim, 'POST', resetPath(DEMO_DEVICES.aliceLumia), { token: hana })).status, 204);
      assert.equal(sim.resetPostCount(DEMO_DEVICES.aliceLumia), 2);
    });

    it('times and a RegExp path select which requests fail; clearFaults ends them', async () => {
      sim.injectFault({ path: /^\/v1\.0\/users$/, status: 503, times: 2 });
      assert.equal((await call(sim, 'GET', '/v1.0/users', { token: hana })).status, 503);
      assert.equal((await call(sim, 'GET', '/v1.0/me', { token: hana })).status, 200);
      assert.equal((await call(sim, 'GET', '/v1.0/users', { token: hana })).status, 503);
      assert.equal((await call(sim, 'GET', '/v1.0/users', { token: hana })).status, 200);
      sim.injectFault({ path: '/users', status: 500, times: 5 });
      sim.clearFaults();
      assert.equal((await call(sim, 'GET', '/v1.0/users', { token: hana })).status, 200);
    });

    it('a custom body replaces the default error body', async () => {
      sim.injectFault({ path: '/me', status: 403, body: { error: { code: 'Custom', message: 'custom' } } });
      const answer = await call(sim, 'GET', '/v1.0/me', { token: hana });
      assert.equal(graphErrorOf(answer).code, 'Custom');
    });

    it('dropConnection destroys the socket: the client sees a network error', async () => {
      sim.injectFault({ path: '/resetPasscode', dropConnection: true });
      await assert.rejects(call(sim, 'POST', resetPath(DEMO_DEVICES.aliceLumia), { token: hana }));
      assert.equal(sim.requests.at(-1)?.status, 0);
      assert.equal(sim.resetPostCount(DEMO_DEVICES.aliceLumia), 1);
    });

    it('afterHandling lets the reset happen and then answers 503: the ambiguous case', async () => {
      sim.injectFault({ method: 'POST', path: '/resetPasscode', status: 503, afterHandling: true });
      const answer = await call(sim, 'POST', resetPath(DEMO_DEVICES.aliceLumia), { token: hana });
      assert.equal(answer.status, 503);
      const results = sim.tenant.devices.find((d) => d.id === DEMO_DEVICES.aliceLumia)?.deviceActionResults ?? [];
      assert.equal(results.filter((r) => r.actionName === 'resetPasscode').length, 1);
    });

    it('delayMs alone only adds latency', async () => {
      sim.injectFault({ path: '/me', delayMs: 150 });
      const started = Date.now();
      const answer = await call(sim, 'GET', '/v1.0/me', { token: hana });
      assert.equal(answer.status, 200);
      assert.ok(Date.now() - started >= 140);
    });

    it('faults apply to the token endpoint too, in Entra style', async () => {
      sim.injectFault({ path: '/oauth2/v2.0/token', status: 503 });
      const answer = await call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, { form: { grant_type: 'client_credentials' } });
      assert.equal(answer.status, 503);
      assert.equal((answer.body as { error: string }).error, 'temporarily_unavailable');
    });
  });

  describe('$batch', () => {
    const batch = (requests: unknown[]) => call(sim, 'POST', '/v1.0/$batch', { token: hana, json: { requests } });
    type Inner = { id: string; status: number; headers: Record<string, string>; body?: unknown };
    const responses = (answer: { body: unknown }) => (answer.body as { responses: Inner[] }).responses;

    it('answers each inner request, matched by id (order not guaranteed)', async () => {
      const answer = await batch([
        { id: '1', method: 'GET', url: '/users/alice@contoso.com?$select=id,displayName' },
        { id: '2', method: 'GET', url: '/users/alice@contoso.com/managedDevices?$select=id,deviceName' },
        { id: '3', method: 'GET', url: '/users/nobody@contoso.com' },
      ]);
      assert.equal(answer.status, 200);
      const byId = new Map(responses(answer).map((r) => [r.id, r]));
      assert.deepEqual((byId.get('1')?.body as Record<string, unknown>).displayName, 'Alice Smith');
      assert.equal(((byId.get('2')?.body as { value: unknown[] }).value).length, 3);
      assert.equal(byId.get('3')?.status, 404);
      assert.equal(sim.requests.filter((r) => r.viaBatch).length, 3);
    });

    it('an inner request can be throttled inside a 200 batch answer', async () => {
      sim.injectFault({ path: '/managedDevices', status: 429, retryAfter: '3' });
      const answer = await batch([
        { id: 'a', method: 'GET', url: '/users/alice@contoso.com' },
        { id: 'b', method: 'GET', url: '/users/alice@contoso.com/managedDevices' },
      ]);
      assert.equal(answer.status, 200);
      const b = responses(answer).find((r) => r.id === 'b');
      assert.equal(b?.status, 429);
      assert.equal(b?.headers['Retry-After'], '3');
    });

    it('a reset inside a batch counts and runs like any other', async () => {
      const answer = await batch([{ id: 'r', method: 'POST', url: `/deviceManagement/managedDevices/${DEMO_DEVICES.taroPhone1}/resetPasscode` }]);
      assert.equal(responses(answer)[0]?.status, 204);
      assert.equal(sim.resetPostCount(DEMO_DEVICES.taroPhone1), 1);
    });

    it('more than 20 requests, or duplicate ids, is a 400', async () => {
      const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' }));
      assert.equal((await batch(many)).status, 400);
      assert.equal((await batch([{ id: '1', method: 'GET', url: '/me' }, { id: '1', method: 'GET', url: '/me' }])).status, 400);
    });

    it('a request whose dependency failed is 424', async () => {
      const answer = await batch([
        { id: '1', method: 'GET', url: '/users/nobody@contoso.com' },
        { id: '2', method: 'GET', url: '/me', dependsOn: ['1'] },
      ]);
      assert.equal(responses(answer).find((r) => r.id === '2')?.status, 424);
    });
  });

  it('the request log never holds tokens, secrets or passcodes', async () => {
    await call(sim, 'POST', resetPath(DEMO_DEVICES.aliceLumia), { token: hana });
    const passcode = await waitFor(async () => {
      const device = await call(sim, 'GET', `/v1.0/deviceManagement/managedDevices/${DEMO_DEVICES.aliceLumia}?$select=deviceActionResults`, { token: hana });
      return (device.body as { deviceActionResults: Array<{ passcode?: string | null }> }).deviceActionResults.at(-1)?.passcode ?? undefined;
    });
    assert.match(String(passcode), /^\d{8}$/);
    const log = JSON.stringify(sim.requests);
    for (const secret of [String(passcode), hana, sim.clientSecret]) assert.equal(log.includes(secret), false);
    assert.ok(sim.countRequests({ method: 'POST', pathIncludes: '/resetPasscode' }) === 1);
  });
});
