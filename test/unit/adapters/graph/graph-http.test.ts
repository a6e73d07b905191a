import assert from 'node:assert/strict';
import { Client } from '@microsoft/microsoft-graph-client';
import sinon from 'sinon';
import { createGraphClient, customHostsFor } from '../../../../src/adapters/graph/graph-client';
import { GraphHttp } from '../../../../src/adapters/graph/graph-http';
import type { DelegatedPrincipal } from '../../../../src/ports/identity';
import { FakeGraphServer } from './support/fake-graph-server';
import { FakeTokenProvider } from './support/fake-token-provider';

const AGENT: DelegatedPrincipal = { kind: 'delegated', oid: 'agent-1' };

/** The Authorization header of what the Graph client handed to fetch. */
function authorizationOf(call: sinon.SinonSpyCall<Parameters<typeof fetch>>): string | null {
  const init = call.args[1];
  const headers = new Headers((init?.headers ?? {}) as HeadersInit);
  return headers.get('authorization');
}

describe('GraphHttp and the Graph client', () => {
  describe('customHostsFor', () => {
    it('adds nothing for Microsoft Graph itself', () => {
      assert.deepEqual([...customHostsFor('https://graph.microsoft.com')], []);
      assert.deepEqual([...customHostsFor('https://graph.microsoft.us/')], []);
    });

    it('adds the host name (without port) of any other endpoint', () => {
      assert.deepEqual([...customHostsFor('https://127.0.0.1:8443')], ['127.0.0.1']);
      assert.deepEqual([...customHostsFor('https://Graph.Contoso.test')], ['graph.contoso.test']);
    });
  });

  describe('tokens on a custom Graph host', () => {
    let fetchStub: sinon.SinonStub<Parameters<typeof fetch>, ReturnType<typeof fetch>>;
    beforeEach(() => {
      fetchStub = sinon.stub(globalThis, 'fetch').callsFake(() => Promise.resolve(new Response('{"value":[]}', { status: 200, headers: { 'content-type': 'application/json' } })));
    });
    afterEach(() => sinon.restore());

    it('sends the agent token as a bearer to a configured non-Microsoft endpoint', async () => {
      const endpoint = 'https://graph.contoso.test:8443';
      const http = new GraphHttp({ client: createGraphClient(endpoint), tokens: new FakeTokenProvider({ 'agent-1': 'tok-1' }), graphEndpoint: endpoint });
      await http.send({ method: 'GET', version: 'v1.0', path: '/users', retry: 'reads' }, AGENT);

      assert.equal(fetchStub.callCount, 1);
      assert.equal(String(fetchStub.firstCall.args[0]), 'https://graph.contoso.test:8443/v1.0/users');
      assert.equal(authorizationOf(fetchStub.firstCall), 'Bearer tok-1');
    });

    it('(the pitfall) a client without customHosts sends no token there', async () => {
      const endpoint = 'https://graph.contoso.test:8443';
      const bare = Client.initWithMiddleware({ baseUrl: endpoint, authProvider: { getAccessToken: () => Promise.resolve('tok-1') } });
      await bare.api('/users').get();
      assert.equal(authorizationOf(fetchStub.firstCall), null);
    });

    it('each request carries the token of its own principal', async () => {
      const endpoint = 'https://graph.microsoft.com';
      const http = new GraphHttp({
        client: createGraphClient(endpoint),
        tokens: new FakeTokenProvider({ a: 'tok-a', b: 'tok-b' }),
        graphEndpoint: endpoint,
      });
      await Promise.all([
        http.send({ method: 'GET', version: 'v1.0', path: '/users', retry: 'reads' }, { kind: 'delegated', oid: 'a' }),
        http.send({ method: 'GET', version: 'v1.0', path: '/users', retry: 'reads' }, { kind: 'delegated', oid: 'b' }),
      ]);
      assert.deepEqual(fetchStub.getCalls().map(authorizationOf).sort(), ['Bearer tok-a', 'Bearer tok-b']);
    });

    it('(why we encode ourselves) the client copies .filter() verbatim, so a raw & would cut the filter short', async () => {
      const client = Client.initWithMiddleware({ authProvider: { getAccessToken: () => Promise.resolve('t') } });
      await client.api('/users').filter("displayName eq 'a&b#c'").get();
      const sent = new URL(String(fetchStub.firstCall.args[0]));
      assert.equal(sent.searchParams.get('$filter'), "displayName eq 'a");
    });

    it('a request sent around GraphHttp, without a principal, is refused before it leaves', async () => {
      await assert.rejects(createGraphClient('https://graph.microsoft.com').api('/me').get());
      assert.equal(fetchStub.callCount, 0);
    });
  });

  describe('retries', () => {
    let server: FakeGraphServer;
    beforeEach(async () => {
      server = await FakeGraphServer.start();
      server.handler = () => ({ status: 503, headers: { 'Retry-After': '0' } });
    });
    afterEach(() => server.close());

    const http = () =>
      new GraphHttp({ client: createGraphClient(server.url), tokens: new FakeTokenProvider({ 'agent-1': 't' }), graphEndpoint: server.url, readRetries: 2 });

    it('(control) with the client’s retry left on, a POST answered 503 is sent again: the counting can see resends', async () => {
      await assert.rejects(http().send({ method: 'POST', version: 'beta', path: '/x', retry: 'reads' }, AGENT));
      assert.equal(server.count('POST', '/beta/x'), 3);
    });

    it("with retry 'never', the same POST is sent exactly once", async () => {
      await assert.rejects(http().send({ method: 'POST', version: 'beta', path: '/x', retry: 'never' }, AGENT));
      assert.equal(server.count('POST', '/beta/x'), 1);
    });

    it("with retry 'never', a redirect is not followed (that would be a second request)", async () => {
      server.handler = (req) => (req.path === '/beta/x' ? { status: 307, headers: { Location: `${server.url}/beta/y` } } : { status: 204 });
      await assert.rejects(http().send({ method: 'POST', version: 'beta', path: '/x', retry: 'never' }, AGENT), { code: 'graph.unexpected' });
      assert.equal(server.requests.length, 1);
    });
  });
});
