import assert from 'node:assert/strict';
import sinon from 'sinon';
import { createGraphClient } from '../../../../src/adapters/graph/graph-client';
import { GraphHttp } from '../../../../src/adapters/graph/graph-http';
import { GraphIntuneGateway } from '../../../../src/adapters/graph/graph-intune-gateway';
import type { AppPrincipal, AppTokenProvider } from '../../../../src/ports/identity';
import { FakeGraphServer } from './support/fake-graph-server';
import { FakeTokenProvider } from './support/fake-token-provider';
import { rejection } from '../../../support/app-error';

const APP: AppPrincipal = { kind: 'app' };
const USER = '11111111-2222-4333-8444-555555555555';

class FixedAppTokens implements AppTokenProvider {
  calls = 0;
  async getAppGraphToken(): Promise<string> {
    this.calls += 1;
    return 'app-token-1';
  }
}

describe('GraphHttp as the bot’s own app principal', () => {
  let server: FakeGraphServer;
  let tokens: FakeTokenProvider;
  let appTokens: FixedAppTokens;
  const http = (withAppTokens = true) =>
    new GraphHttp({
      client: createGraphClient(server.url),
      tokens,
      ...(withAppTokens ? { appTokens } : {}),
      graphEndpoint: server.url,
    });

  beforeEach(async () => {
    server = await FakeGraphServer.start();
    server.handler = () => ({ status: 200, json: { value: [] } });
    tokens = new FakeTokenProvider({ 'agent-1': 'agent-token-1' });
    appTokens = new FixedAppTokens();
  });
  afterEach(async () => {
    await server.close();
  });

  it('a device list read as the app carries the app-only token', async () => {
    // The Graph client attaches tokens on https only: watch what it hands to fetch.
    const endpoint = 'https://graph.microsoft.com';
    const fetchStub = sinon
      .stub(globalThis, 'fetch')
      .callsFake(() => Promise.resolve(new Response('{"value":[]}', { status: 200, headers: { 'content-type': 'application/json' } })));
    try {
      const gateway = new GraphIntuneGateway({
        http: new GraphHttp({ client: createGraphClient(endpoint), tokens, appTokens, graphEndpoint: endpoint }),
      });

      assert.deepEqual(await gateway.listUserDevices(USER, APP), []);

      assert.equal(fetchStub.callCount, 1);
      assert.match(String(fetchStub.firstCall.args[0]), new RegExp(`^${endpoint}/beta/users/${USER}/managedDevices\\?`));
      const headers = new Headers((fetchStub.firstCall.args[1]?.headers ?? {}) as HeadersInit);
      assert.equal(headers.get('authorization'), 'Bearer app-token-1');
    } finally {
      fetchStub.restore();
    }
  });

  it('a write as the app is refused before any token is fetched or request sent', async () => {
    const error = await rejection(http().send({ method: 'POST', version: 'beta', path: `/deviceManagement/managedDevices/d1/resetPasscode`, retry: 'never' }, APP));

    assert.equal(error.code, 'auth.unexpected');
    assert.equal(appTokens.calls, 0);
    assert.equal(server.requests.length, 0);
  });

  it('a membership question (a read Graph offers as a POST) is the one POST the app may send', async () => {
    server.handler = () => ({ status: 200, json: { value: [] } });
    await http().send({ method: 'POST', version: 'v1.0', path: `/users/${USER}/checkMemberGroups`, body: { groupIds: ['g'] }, retry: 'reads' }, APP);
    assert.equal(server.requests.length, 1);

    for (const path of [`/users/${USER}/checkMemberGroups/extra`, `/users/${USER}/assignLicense`, '/users/a/b/checkMemberGroups']) {
      assert.equal((await rejection(http().send({ method: 'POST', version: 'v1.0', path, body: {}, retry: 'reads' }, APP))).code, 'auth.unexpected', path);
    }
    assert.equal(server.requests.length, 1, 'no other POST was sent');
  });

  it('without an app token provider, an app read is refused and nothing is sent', async () => {
    const error = await rejection(http(false).send({ method: 'GET', version: 'beta', path: `/users/${USER}/managedDevices`, retry: 'reads' }, APP));
    assert.equal(error.code, 'auth.unexpected');
    assert.equal(server.requests.length, 0);
  });

  it('a 401 on an app read does not sign any agent out', async () => {
    server.handler = () => ({ status: 401, json: { error: { code: 'InvalidAuthenticationToken', message: 'expired' } } });
    await rejection(http().send({ method: 'GET', version: 'beta', path: `/users/${USER}/managedDevices`, retry: 'reads' }, APP));
    assert.deepEqual(tokens.forgotten, []);
  });
});
