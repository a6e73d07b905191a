import * as restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../ports/logger';
import { checkInboundActivity } from './inbound-activity';
import { registerSignInRoutes, type SignInPages } from './sign-in/sign-in-routes';

export interface HttpServerDeps {
  adapter: CloudAdapter;
  /** The bot's turn handler (`bot.run`). */
  onTurn: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** The interactive sign-in pages (`/auth/...`); absent: not served. */
  signIn?: SignInPages;
}

/** How long an idle inbound connection stays open: longer than the front ends before the bot. */
const KEEP_ALIVE_MS = 250_000;

/**
 * The bot's HTTP surface: `POST /api/messages` (Bot Framework / Teams), `GET /healthz`, and the
 * interactive sign-in pages under `/auth/`. Nothing else is exposed: no debug routes.
 */
export function createHttpServer(deps: HttpServerDeps): restify.Server {
  const server = restify.createServer({ name: 'passcode-desk', handleUncaughtExceptions: false });
  // The front end before the bot (Azure's load balancers keep an idle connection 4 minutes by
  // default) reuses idle connections. Node closes one after 5 s idle, and a request sent on it
  // at that moment is lost: the front end answers 502 and the turn never reaches the bot. Kept
  // idle longer than the front end does, a connection is always closed by the front end first.
  server.server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Teams sends activities of a few kilobytes (a message is at most ~100 kB of text); the cap
  // leaves room for that in any script, so even an oversized message gets a polite answer.
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const check = checkInboundActivity(req.body);
    if (!check.ok) {
      res.send(400, { error: { code: 'BadRequest', message: check.problem } });
      return;
    }
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

  if (deps.signIn) registerSignInRoutes(server, { pages: deps.signIn, logger: deps.logger });

  return server;
}

/** Listen (all interfaces when `host` is undefined) and resolve with the base URL. */
export function listen(server: restify.Server, port: number, host = '0.0.0.0'): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { address, family, port: bound } = server.address();
      // All interfaces include loopback; a single one (127.0.0.1, ::1) is reached where it listens.
      const reachable = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : family === 'IPv6' ? `[${address}]` : address;
      resolve(`http://${reachable}:${bound}`);
    });
  });
}
