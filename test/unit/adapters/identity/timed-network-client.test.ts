import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError } from '@azure/msal-node';
import { retryAfterSeconds, TimedNetworkClient } from '../../../../src/adapters/identity/timed-network-client';

/** A loopback stand-in for Entra's token endpoint; each test sets how it answers. */
describe('TimedNetworkClient (msal network module with a timeout)', () => {
  let server: http.Server;
  let url = '';
  let answer: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void = () => undefined;

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => answer(req, res, body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tenant/oauth2/v2.0/token`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts the form and returns status, JSON body and lower-case headers', async () => {
    answer = (req, res, body) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Ms-Request-Id': 'abc' });
      res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'], body }));
    };
    const response = await new TimedNetworkClient(2_000).sendPostRequestAsync<Record<string, string>>(url, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { method: 'POST', type: 'application/x-www-form-urlencoded', body: 'grant_type=client_credentials' });
    assert.equal(response.headers['x-ms-request-id'], 'abc');
  });

  it('when the endpoint does not answer in time, then it fails with an msal network error naming no request data', async () => {
    answer = (_req, res) => {
      setTimeout(() => res.end('{}'), 1_000).unref();
    };
    const started = Date.now();
    await assert.rejects(
      new TimedNetworkClient(150).sendPostRequestAsync(url, { body: 'client_secret=s3cret' }),
      (error: unknown) => error instanceof AuthError && error.errorCode === 'network_error' && !error.message.includes('s3cret'),
    );
    assert.ok(Date.now() - started < 900, 'gave up at the timeout');
  });

  it('when the connection drops, then it fails with an msal network error', async () => {
    answer = (req) => req.socket.destroy();
    await assert.rejects(new TimedNetworkClient(2_000).sendPostRequestAsync(url, { body: '' }), (error: unknown) => error instanceof AuthError && error.errorCode === 'network_error');
  });

  it('when the endpoint redirects, then the form with the credential is not posted on, and msal gets a network error', async () => {
    const paths: string[] = [];
    answer = (req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(307, { Location: '/elsewhere/token' });
      res.end();
    };
    await assert.rejects(
      new TimedNetworkClient(2_000).sendPostRequestAsync(url, { body: 'client_secret=s3cret' }),
      (error: unknown) => error instanceof AuthError && error.errorCode === 'network_error' && !error.message.includes('s3cret'),
    );
    assert.deepEqual(paths, ['/tenant/oauth2/v2.0/token']);
  });

  it('gives msal Retry-After in seconds when the endpoint sent an HTTP date (msal reads only seconds)', async () => {
    answer = (_req, res) => {
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': new Date(Date.now() + 3_000).toUTCString() });
      res.end(JSON.stringify({ error: 'temporarily_unavailable' }));
    };
    const response = await new TimedNetworkClient(2_000).sendPostRequestAsync(url, { body: '' });
    assert.equal(response.status, 429);
    assert.match(response.headers['retry-after'] ?? '', /^[1-4]$/);
  });

  it('reads Retry-After: seconds stay, a date becomes the seconds until it (at least 1), anything else stays', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    assert.equal(retryAfterSeconds('7', now), '7');
    assert.equal(retryAfterSeconds('Wed, 25 Nov 2026 10:00:30 GMT', now), '30');
    assert.equal(retryAfterSeconds('Wed, 25 Nov 2026 09:59:00 GMT', now), '1');
    assert.equal(retryAfterSeconds('soon', now), 'soon');
  });
});
