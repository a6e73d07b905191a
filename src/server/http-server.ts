import * as restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../ports/logger';

export interface HttpServerDeps {
  adapter: CloudAdapter;
  /** The bot's turn handler (`bot.run`). */
  onTurn: (context: TurnContext) => Promise<void>;
  logger: Logger;
}

/**
 * The bot's HTTP surface: `POST /api/messages` (Bot Framework / Teams) and `GET /healthz`.
 * Nothing else is exposed: no debug routes.
 */
export function createHttpServer(deps: HttpServerDeps): restify.Server {
  const server = restify.createServer({ name: 'passcode-desk', handleUncaughtExceptions: false });
  // Teams sends activities of a few kilobytes; a large cap only serves abuse.
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    try {
      await deps.adapter.process(req, res, deps.onTurn);
    } catch (error) {
      deps.logger.error('http.messages.failed', { message: error instanceof Error ? error.name : 'unknown' });
      if (!res.headersSent) res.send(500);
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  return server;
}

/** Listen and resolve with the base URL. */
export function listen(server: restify.Server, port: number, host = '0.0.0.0'): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${address.port}`);
    });
  });
}
