import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { CloudAdapter } from 'botbuilder';
import { createHttpServer, listen } from '../../../src/server/http-server';
import { MemoryLogger } from '../../fakes';

/** GET `path` through `agent`; answers the status and whether a kept-alive connection was reused. */
function get(agent: http.Agent, url: string): Promise<{ status: number; reused: boolean; localPort: number | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket, localPort: req.socket?.localPort }));
    });
    req.on('error', reject);
  });
}

describe('HTTP server', () => {
  // /healthz needs neither the adapter nor the bot.
  const server = createHttpServer({ adapter: {} as CloudAdapter, onTurn: async () => undefined, logger: new MemoryLogger() });
  let url = '';
  before(async () => {
    url = await listen(server, 0, '127.0.0.1');
  });
  after(() => server.close());

  it('keeps an idle connection open past Node’s 5 s, so a front end reusing it never meets a closed one', async function () {
    this.timeout(20_000);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(agent, `${url}/healthz`);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const second = await get(agent, `${url}/healthz`);
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.equal(second.reused, true, 'the second request went over the same connection');
      assert.equal(second.localPort, first.localPort);
    } finally {
      agent.destroy();
    }
  });

  it('still stops at once with idle connections open', async () => {
    const other = createHttpServer({ adapter: {} as CloudAdapter, onTurn: async () => undefined, logger: new MemoryLogger() });
    const otherUrl = await listen(other, 0, '127.0.0.1');
    const agent = new http.Agent({ keepAlive: true });
    assert.equal((await get(agent, `${otherUrl}/healthz`)).status, 200);
    // Resolves only once every connection is gone; a kept-alive one would hold it for minutes.
    await new Promise<void>((resolve) => other.close(() => resolve()));
    agent.destroy();
  });
});
