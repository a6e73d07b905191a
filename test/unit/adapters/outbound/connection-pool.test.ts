import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphClient } from '../../../../src/adapters/graph/graph-client';
import { GraphHttp } from '../../../../src/adapters/graph/graph-http';
import { TimedNetworkClient } from '../../../../src/adapters/identity/timed-network-client';
import { createConnectionPool, type PooledRequestInit } from '../../../../src/adapters/outbound/connection-pool';
import { FakeTokenProvider } from '../graph/support/fake-token-provider';

/**
 * A loopback origin that counts the connections it is given and holds each request until
 * `together` requests wait at once (or all that are still to come do): requests are answered only
 * when that many could be sent side by side, so a client with more connections would use them.
 */
class CountingOrigin {
  connections = 0;
  mostAtOnce = 0;
  private readonly held: http.ServerResponse[] = [];
  private readonly server = http.createServer((_req, res) => this.hold(res));
  private remaining = 0;
  private together = 1;

  async start(): Promise<string> {
    this.server.on('connection', () => (this.connections += 1));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next `count` requests are answered `together` at a time. */
  expect(count: number, together: number): void {
    this.remaining = count;
    this.together = together;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private hold(res: http.ServerResponse): void {
    this.held.push(res);
    this.mostAtOnce = Math.max(this.mostAtOnce, this.held.length);
    if (this.held.length < Math.min(this.together, this.remaining)) return;
    this.remaining -= this.held.length;
    for (const waiting of this.held.splice(0)) {
      waiting.writeHead(200, { 'Content-Type': 'application/json' });
      waiting.end('{"value":[]}');
    }
  }
}

describe('Outbound connection pool (Graph and Entra)', () => {
  let origin: CountingOrigin;
  let url = '';

  beforeEach(async () => {
    origin = new CountingOrigin();
    url = await origin.start();
  });
  afterEach(() => origin.stop());

  it('sends every request, over no more connections than its bound, reusing them', async () => {
    const pool = createConnectionPool(2);
    origin.expect(6, 2);
    const init: PooledRequestInit = { dispatcher: pool };
    const statuses = await Promise.all(Array.from({ length: 6 }, () => fetch(`${url}/x`, init).then((r) => r.status)));

    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200]);
    assert.equal(origin.connections, 2);
    assert.equal(origin.mostAtOnce, 2);
  });

  it('(for contrast) fetch without the pool opens a connection per waiting request', async () => {
    origin.expect(6, 6);
    await Promise.all(Array.from({ length: 6 }, () => fetch(`${url}/x`).then((r) => r.arrayBuffer())));
    assert.equal(origin.connections, 6);
  });

  it('carries Graph calls: the Graph client hands the pool to every fetch it makes', async () => {
    origin.expect(5, 1);
    const http = new GraphHttp({
      client: createGraphClient(url, createConnectionPool(1)),
      tokens: new FakeTokenProvider({ 'agent-1': 'tok-1' }),
      graphEndpoint: url,
    });
    const pages = await Promise.all(
      Array.from({ length: 5 }, () => http.send({ method: 'GET', version: 'v1.0', path: '/users', retry: 'reads' }, { kind: 'delegated', oid: 'agent-1' })),
    );

    assert.equal(pages.length, 5);
    assert.equal(origin.connections, 1);
  });

  it('carries token requests: msal network calls go through the pool', async () => {
    origin.expect(4, 1);
    const client = new TimedNetworkClient(10_000, createConnectionPool(1));
    const answers = await Promise.all(Array.from({ length: 4 }, () => client.sendPostRequestAsync(`${url}/tenant/oauth2/v2.0/token`, { body: 'grant_type=client_credentials' })));

    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200]);
    assert.equal(origin.connections, 1);
  });

  it('refuses a bound below one connection', () => {
    assert.throws(() => createConnectionPool(0), /at least one connection/);
    assert.throws(() => createConnectionPool(1.5), /at least one connection/);
  });
});
