import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimulatorSsoSource } from '../../../../src/adapters/identity/simulator-sso-source';

describe('SimulatorSsoSource (demo mode)', () => {
  let server: http.Server;
  let url: string;
  const bodies: string[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        bodies.push(body);
        const { oid } = JSON.parse(body) as { oid: string };
        // Status and body set separately: restify (loaded by other suites) patches writeHead to return nothing.
        const answer = (status: number, body?: string) => {
          res.statusCode = status;
          if (body) res.setHeader('content-type', 'application/json');
          res.end(body);
        };
        if (req.method !== 'POST' || req.url !== '/_sim/sso-token') answer(405);
        else if (oid === 'known') answer(200, JSON.stringify({ token: 'signed-token' }));
        else if (oid === 'broken') answer(500);
        else answer(404);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks the simulator to sign a token for the oid', async () => {
    assert.equal(await new SimulatorSsoSource(url).tryGetSsoToken('known'), 'signed-token');
    assert.deepEqual(JSON.parse(bodies.at(-1) ?? ''), { oid: 'known' });
  });

  it('answers undefined for a user the simulator does not know', async () => {
    assert.equal(await new SimulatorSsoSource(url).tryGetSsoToken('stranger'), undefined);
  });

  it('fails loudly when the simulator fails', async () => {
    await assert.rejects(new SimulatorSsoSource(url).tryGetSsoToken('broken'), /HTTP 500/);
  });
});
