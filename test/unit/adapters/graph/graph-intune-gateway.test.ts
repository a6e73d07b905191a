import assert from 'node:assert/strict';
import { createGraphClient } from '../../../../src/adapters/graph/graph-client';
import { GraphHttp, type GraphApiVersion } from '../../../../src/adapters/graph/graph-http';
import { GraphIntuneGateway } from '../../../../src/adapters/graph/graph-intune-gateway';
import type { DelegatedPrincipal } from '../../../../src/ports/identity';
import { FakeGraphServer } from './support/fake-graph-server';
import { FakeTokenProvider } from './support/fake-token-provider';
import { rejection } from '../../../support/app-error';

const AGENT: DelegatedPrincipal = { kind: 'delegated', oid: 'agent-1' };
const DEVICE = '5d1c2b3a-0000-4000-8000-00000000a001';
const RESET_PATH = `/beta/deviceManagement/managedDevices/${DEVICE}/resetPasscode`;

const BETA_DEVICE = {
  id: DEVICE,
  userId: '11111111-2222-4333-8444-555555555555',
  deviceName: 'ALICE-LUMIA',
  operatingSystem: 'Windows',
  osVersion: '10.0.15063.1418',
  deviceType: 'windowsPhone',
  chassisType: 'phone',
  joinType: 'azureADJoined',
  deviceEnrollmentType: 'windowsAzureADJoin',
  azureADRegistered: true,
  lastSyncDateTime: '2026-11-25T07:41:00Z',
  userPrincipalName: 'alice@contoso.com',
  model: 'Lumia 950',
  manufacturer: 'Microsoft',
};

const graphError = (code: string, message: string, requestId: string) => ({
  error: { code, message, innerError: { date: '2026-11-25T08:00:00', 'request-id': requestId } },
});

describe('GraphIntuneGateway', () => {
  let server: FakeGraphServer;
  let tokens: FakeTokenProvider;

  const gateway = (options: { apiVersion?: GraphApiVersion; timeoutMs?: number; readRetries?: number } = {}) =>
    new GraphIntuneGateway({
      http: new GraphHttp({
        client: createGraphClient(server.url),
        tokens,
        graphEndpoint: server.url,
        timeoutMs: options.timeoutMs,
        readRetries: options.readRetries,
      }),
      apiVersion: options.apiVersion,
    });

  beforeEach(async () => {
    server = await FakeGraphServer.start();
    tokens = new FakeTokenProvider({ 'agent-1': 'token-of-agent-1' });
  });
  afterEach(async () => {
    await server.close();
  });

  describe('listUserDevices', () => {
    it('asks beta for the devices with deviceType, chassisType and joinType, and parses them', async () => {
      server.handler = () => ({ status: 200, json: { value: [BETA_DEVICE] } });
      const devices = await gateway().listUserDevices('11111111-2222-4333-8444-555555555555', AGENT);

      assert.deepEqual(devices, [BETA_DEVICE]);
      const [request] = server.requests;
      assert.equal(request?.path, '/beta/users/11111111-2222-4333-8444-555555555555/managedDevices');
      const select = request?.query.get('$select')?.split(',') ?? [];
      for (const field of ['id', 'deviceName', 'operatingSystem', 'osVersion', 'deviceType', 'chassisType', 'joinType']) {
        assert.ok(select.includes(field), field);
      }
    });

    it('on v1.0 never asks for the beta-only fields (that would be a 400)', async () => {
      server.handler = () => ({ status: 200, json: { value: [] } });
      await gateway({ apiVersion: 'v1.0' }).listUserDevices('u1', AGENT);
      const [request] = server.requests;
      assert.equal(request?.path, '/v1.0/users/u1/managedDevices');
      const select = request?.query.get('$select') ?? '';
      assert.ok(select.includes('osVersion'));
      assert.ok(!/deviceType|chassisType|joinType/.test(select));
    });

    it('follows @odata.nextLink until the last page', async () => {
      server.handler = (req) => {
        const token = req.query.get('$skiptoken');
        if (!token) return { status: 200, json: { value: [{ ...BETA_DEVICE, id: 'd1' }], '@odata.nextLink': `${server.url}/beta/users/u1/managedDevices?$skiptoken=p2%3D%3D` } };
        if (token === 'p2==') return { status: 200, json: { value: [{ ...BETA_DEVICE, id: 'd2' }], '@odata.nextLink': `${server.url}/beta/users/u1/managedDevices?$skiptoken=p3` } };
        return { status: 200, json: { value: [{ ...BETA_DEVICE, id: 'd3' }] } };
      };
      const devices = await gateway().listUserDevices('u1', AGENT);
      assert.deepEqual(devices.map((d) => d.id), ['d1', 'd2', 'd3']);
      assert.equal(server.requests.length, 3);
    });

    it('refuses to follow a nextLink to another host', async () => {
      server.handler = () => ({ status: 200, json: { value: [], '@odata.nextLink': 'https://evil.example/beta/users/u1/managedDevices?$skiptoken=x' } });
      const error = await rejection(gateway().listUserDevices('u1', AGENT));
      assert.equal(error.code, 'graph.unexpected');
      assert.equal(server.requests.length, 1);
    });

    it('keeps devices with odd fields, drops entries without an id', async () => {
      server.handler = () => ({
        status: 200,
        json: { value: [{ id: 'd1', deviceName: null, operatingSystem: 42, osVersion: '10.0.1', azureADRegistered: 'yes' }, { deviceName: 'no id' }, 'junk'] },
      });
      const devices = await gateway().listUserDevices('u1', AGENT);
      assert.deepEqual(devices, [{ id: 'd1', deviceName: '', operatingSystem: '', osVersion: '10.0.1' }]);
    });

    it('encodes the user id as one path segment', async () => {
      server.handler = () => ({ status: 200, json: { value: [] } });
      await gateway().listUserDevices('a/b?c#d', AGENT);
      assert.equal(server.requests[0]?.rawUrl.split('?')[0], '/beta/users/a%2Fb%3Fc%23d/managedDevices');
    });

    it('resends a read after a 503 with a short Retry-After', async () => {
      let calls = 0;
      server.handler = () => (++calls === 1 ? { status: 503, headers: { 'Retry-After': '0' } } : { status: 200, json: { value: [] } });
      assert.deepEqual(await gateway().listUserDevices('u1', AGENT), []);
      assert.equal(server.requests.length, 2);
    });

    it('does not sit out a long Retry-After on a read: the caller hears graph.throttled at once', async () => {
      server.handler = () => ({ status: 429, headers: { 'Retry-After': '120' }, json: graphError('TooManyRequests', 'Too many requests.', 'r1') });
      const error = await rejection(gateway().listUserDevices('u1', AGENT));
      assert.equal(error.code, 'graph.throttled');
      assert.equal(error.details.retryAfterSeconds, 120);
      assert.equal(server.requests.length, 1);
    });

    it('when there is no session, then it sends nothing and says sign-in is required', async () => {
      const error = await rejection(gateway().listUserDevices('u1', { kind: 'delegated', oid: 'stranger' }));
      assert.equal(error.code, 'auth.signInRequired');
      assert.equal(server.requests.length, 0);
    });

    it('when Graph rejects the token (401), then the session is forgotten and sign-in is required', async () => {
      server.handler = () => ({ status: 401, json: graphError('InvalidAuthenticationToken', 'Access token has expired.', 'r401') });
      const error = await rejection(gateway().listUserDevices('u1', AGENT));
      assert.equal(error.code, 'auth.signInRequired');
      assert.equal(error.details.requestId, 'r401');
      assert.deepEqual(tokens.forgotten, ['agent-1']);
    });

    it('answers graph.unexpected for a body that is not JSON', async () => {
      server.handler = () => ({ status: 200, text: '<html>proxy</html>', headers: { 'content-type': 'text/html' } });
      assert.equal((await rejection(gateway().listUserDevices('u1', AGENT))).code, 'graph.unexpected');
    });
  });

  describe('getDevice', () => {
    it('reads one device by id with the same $select', async () => {
      server.handler = () => ({ status: 200, json: BETA_DEVICE });
      assert.deepEqual(await gateway().getDevice(DEVICE, AGENT), BETA_DEVICE);
      assert.equal(server.requests[0]?.path, `/beta/deviceManagement/managedDevices/${DEVICE}`);
      assert.ok(server.requests[0]?.query.get('$select')?.includes('chassisType'));
    });

    it('maps 404 to graph.notFound naming the device', async () => {
      server.handler = () => ({ status: 404, json: graphError('ResourceNotFound', 'not found', 'r404') });
      const error = await rejection(gateway().getDevice(DEVICE, AGENT));
      assert.equal(error.code, 'graph.notFound');
      assert.equal(error.details.deviceId, DEVICE);
      assert.equal(error.details.requestId, 'r404');
    });
  });

  describe('resetPasscode', () => {
    it('sends one POST and resolves on 204', async () => {
      server.handler = () => ({ status: 204 });
      await gateway().resetPasscode(DEVICE, AGENT);
      assert.equal(server.count('POST', RESET_PATH), 1);
      assert.equal(server.requests.length, 1);
    });

    for (const status of [503, 504]) {
      it(`when Graph answers ${status}, then there is exactly one POST and the outcome is unknown (graph.unavailable)`, async () => {
        server.handler = () => ({ status, headers: { 'Retry-After': '0', 'request-id': `r${status}` } });
        const error = await rejection(gateway().resetPasscode(DEVICE, AGENT));
        assert.equal(error.code, 'graph.unavailable');
        assert.equal(error.details.requestId, `r${status}`);
        assert.equal(error.details.deviceId, DEVICE);
        // Give a (wrong) client-side resend the time it would need to show up.
        await new Promise((r) => setTimeout(r, 100));
        assert.equal(server.count('POST', RESET_PATH), 1);
      });
    }

    it('when Graph answers 429, then there is exactly one POST and graph.throttled says how long to wait', async () => {
      server.handler = () => ({ status: 429, headers: { 'Retry-After': '0' }, json: graphError('TooManyRequests', 'Too many requests.', 'r429') });
      const error = await rejection(gateway().resetPasscode(DEVICE, AGENT));
      assert.equal(error.code, 'graph.throttled');
      assert.equal(error.details.retryAfterSeconds, 0);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(server.count('POST', RESET_PATH), 1);
    });

    it('reads a Retry-After given as an HTTP date', async () => {
      const inThirty = new Date(Date.now() + 30_000).toUTCString();
      server.handler = () => ({ status: 429, headers: { 'Retry-After': inThirty } });
      const error = await rejection(gateway().resetPasscode(DEVICE, AGENT));
      assert.ok(error.details.retryAfterSeconds !== undefined && error.details.retryAfterSeconds >= 28 && error.details.retryAfterSeconds <= 31);
    });

    it('when the connection drops, then there is exactly one POST and graph.unavailable', async () => {
      server.handler = () => ({ drop: true });
      const error = await rejection(gateway().resetPasscode(DEVICE, AGENT));
      assert.equal(error.code, 'graph.unavailable');
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(server.count('POST', RESET_PATH), 1);
    });

    it('when Graph does not answer in time, then there is exactly one POST and graph.unavailable', async () => {
      server.handler = () => ({ hang: true });
      const error = await rejection(gateway({ timeoutMs: 200 }).resetPasscode(DEVICE, AGENT));
      assert.equal(error.code, 'graph.unavailable');
      assert.match(error.message, /in time/);
      assert.equal(server.count('POST', RESET_PATH), 1);
    });

    it("maps Intune's 403 to graph.forbidden with a readable message and the request id", async () => {
      const intune =
        '{"_version":3,"Message":"Application is not authorized to perform this operation. - Operation ID (for customer support): 0 - Activity ID: 1 - Url: https://fef.example/","CustomApiErrorPhrase":"","RetryAfter":null}';
      server.handler = () => ({ status: 403, json: graphError('Forbidden', intune, 'r403') });
      const error = await rejection(gateway().resetPasscode(DEVICE, AGENT));
      assert.equal(error.code, 'graph.forbidden');
      assert.equal(error.details.requestId, 'r403');
      assert.match(error.message, /Application is not authorized to perform this operation\.$/);
    });

    it('maps 400 to graph.badRequest', async () => {
      server.handler = () => ({ status: 400, json: graphError('BadRequest', 'nope', 'r400') });
      assert.equal((await rejection(gateway().resetPasscode(DEVICE, AGENT))).code, 'graph.badRequest');
    });

    it('never puts the token into the error', async () => {
      server.handler = () => ({ status: 500, json: graphError('InternalServerError', 'token-of-agent-1 was eyJhbGciOi.eyJzdWIi.c2ln', 'r500') });
      const error = await rejection(gateway().resetPasscode(DEVICE, AGENT));
      assert.ok(!JSON.stringify({ message: error.message, details: error.details }).includes('eyJ'));
    });
  });

  describe('getResetPasscodeResults', () => {
    it('keeps the resetPasscode entries only, newest first, the passcode only when done', async () => {
      server.handler = () => ({
        status: 200,
        json: {
          id: DEVICE,
          deviceActionResults: [
            { '@odata.type': '#microsoft.graph.deviceActionResult', actionName: 'syncDevice', actionState: 'done', startDateTime: '2026-11-26T10:00:00Z' },
            { '@odata.type': '#microsoft.graph.resetPasscodeActionResult', actionName: 'resetPasscode', actionState: 'failed', startDateTime: '2026-11-24T08:00:00Z', passcode: null, errorCode: -2016345060 },
            { '@odata.type': '#microsoft.graph.resetPasscodeActionResult', actionName: 'resetPasscode', actionState: 'done', startDateTime: '2026-11-25T08:00:00Z', lastUpdatedDateTime: '2026-11-25T08:00:41Z', passcode: '58213907', errorCode: 0 },
            { actionName: 'resetPasscode', actionState: 'pending', startDateTime: '2026-11-25T09:00:00Z', passcode: 'should-not-be-kept' },
            { actionName: 'resetPasscode', actionState: 'exploded', startDateTime: '2026-11-25T10:00:00Z' },
            { actionName: 'resetPasscode', actionState: 'done', startDateTime: 'yesterday' },
          ],
        },
      });
      const results = await gateway().getResetPasscodeResults(DEVICE, AGENT);
      assert.deepEqual(results, [
        { actionState: 'pending', startDateTime: '2026-11-25T09:00:00Z' },
        { actionState: 'done', startDateTime: '2026-11-25T08:00:00Z', lastUpdatedDateTime: '2026-11-25T08:00:41Z', passcode: '58213907', errorCode: 0 },
        { actionState: 'failed', startDateTime: '2026-11-24T08:00:00Z', errorCode: -2016345060 },
      ]);
      assert.equal(server.requests[0]?.query.get('$select'), 'deviceActionResults');
    });

    it('answers an empty list when the device has no results', async () => {
      server.handler = () => ({ status: 200, json: { id: DEVICE, deviceActionResults: [] } });
      assert.deepEqual(await gateway().getResetPasscodeResults(DEVICE, AGENT), []);
    });
  });
});
