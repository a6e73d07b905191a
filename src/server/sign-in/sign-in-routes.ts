import { readFileSync } from 'node:fs';
import type { Request, Response, Server } from 'restify';
import { pickLocale, type Locale } from '../../i18n';
import type { Logger } from '../../ports/logger';
import type { CallbackParams, CallbackOutcome, StartOutcome } from './interactive-sign-in-service';
import { SIGN_IN_PATHS } from './interactive-sign-in-service';
import { HANDOVER_SCRIPT, PAGE_SCRIPTS, renderDonePage, renderErrorPage, type RenderedPage } from './sign-in-page';

/** What the routes need from the sign-in service. */
export interface SignInPages {
  start(ticketId: string | undefined): StartOutcome;
  complete(params: CallbackParams): Promise<CallbackOutcome>;
}

export interface SignInRoutesDeps {
  pages: SignInPages;
  logger: Logger;
  /** The Teams JavaScript library (UMD bundle) served to the page; default: the installed package, if any. */
  teamsJs?: string | null;
}

const SCRIPT_HEADERS = {
  'Content-Type': 'application/javascript; charset=utf-8',
  'Cache-Control': 'public, max-age=3600',
  'X-Content-Type-Options': 'nosniff',
};

/** The installed @microsoft/teams-js bundle, or null when the package is missing. */
export function loadTeamsJs(): string | null {
  try {
    return readFileSync(require.resolve('@microsoft/teams-js'), 'utf8');
  } catch {
    return null;
  }
}

/**
 * The interactive sign-in pages under the bot's public URL:
 * `GET /auth/start?ticket=…` (to Entra), `GET /auth/callback` (back from Entra: the page with the
 * one-time code), and the page's scripts. Query values are never logged.
 */
export function registerSignInRoutes(server: Server, deps: SignInRoutesDeps): void {
  const teamsJs = deps.teamsJs === undefined ? loadTeamsJs() : deps.teamsJs;
  const log = deps.logger.child({ component: 'http.signIn' });

  server.get(SIGN_IN_PATHS.start, async (req: Request, res: Response) => {
    const query = queryOf(req);
    const outcome = deps.pages.start(query.get('ticket') ?? undefined);
    if (outcome.ok) {
      res.writeHead(302, { Location: outcome.redirectTo, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
      res.end();
      return;
    }
    const status = outcome.reason === 'unavailable' ? 503 : outcome.reason === 'expired' ? 410 : 404;
    sendPage(res, renderErrorPage(localeOf(req), outcome.reason, status));
  });

  server.get(SIGN_IN_PATHS.callback, async (req: Request, res: Response) => {
    const query = queryOf(req);
    let outcome: CallbackOutcome;
    try {
      outcome = await deps.pages.complete({
        state: query.get('state') ?? undefined,
        code: query.get('code') ?? undefined,
        error: query.get('error') ?? undefined,
      });
    } catch (error) {
      log.error('signIn.callback.failed', { error: error instanceof Error ? error.name : 'unknown' });
      outcome = { ok: false, reason: 'failed' };
    }
    if (outcome.ok) {
      sendPage(res, renderDonePage(outcome.locale, outcome.handoverCode, teamsJs !== null));
      return;
    }
    const locale = outcome.locale ?? localeOf(req);
    const reason = outcome.reason === 'unknownState' ? 'unknown' : outcome.reason;
    const status = reason === 'expired' ? 410 : reason === 'unknown' ? 404 : reason === 'failed' ? 502 : 403;
    sendPage(res, renderErrorPage(locale, reason, status));
  });

  server.get(PAGE_SCRIPTS.handover, async (_req: Request, res: Response) => {
    sendText(res, 200, SCRIPT_HEADERS, HANDOVER_SCRIPT);
  });

  server.get(PAGE_SCRIPTS.teamsJs, async (_req: Request, res: Response) => {
    if (teamsJs === null) {
      sendText(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found');
      return;
    }
    sendText(res, 200, SCRIPT_HEADERS, teamsJs);
  });
}

function queryOf(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

/** Without a ticket the agent's language is unknown: the browser's decides. */
function localeOf(req: Request): Locale {
  const header = req.headers['accept-language'];
  return pickLocale(typeof header === 'string' ? header.split(',')[0] : undefined);
}

function sendPage(res: Response, page: RenderedPage): void {
  sendText(res, page.status, page.headers, page.html);
}

function sendText(res: Response, status: number, headers: Record<string, string>, text: string): void {
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}
