import { randomBytes } from 'node:crypto';
import { t, type Locale } from '../../i18n';

/** Why the page could not finish; each has its own explanation in the catalogs. */
export type SignInPageError = 'expired' | 'unknown' | 'denied' | 'otherAccount' | 'failed' | 'unavailable';

/** The explanation of each error, spelt out so that every catalog key appears in the code. */
const ERROR_TEXT_KEYS: Readonly<Record<SignInPageError, string>> = {
  expired: 'bot.signin.page.error.expired',
  unknown: 'bot.signin.page.error.unknown',
  denied: 'bot.signin.page.error.denied',
  otherAccount: 'bot.signin.page.error.otherAccount',
  failed: 'bot.signin.page.error.failed',
  unavailable: 'bot.signin.page.error.unavailable',
};

/** A page and the headers that must go with it (its CSP names the page's style nonce). */
export interface RenderedPage {
  status: number;
  headers: Record<string, string>;
  html: string;
}

/** Paths of the page's own scripts (served by the sign-in routes, same origin). */
export const PAGE_SCRIPTS = {
  handover: '/auth/handover.js',
  teamsJs: '/auth/teams-js.js',
} as const;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * Headers of every sign-in page: never cached (the callback URL held an authorization code), no
 * referrer, no framing, scripts from our origin only.
 */
export function pageHeaders(styleNonce: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'nonce-${styleNonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  };
}

function layout(locale: Locale, body: string, scripts: string[]): RenderedPage {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t(locale, 'bot.signin.page.title'))}</title>
<style nonce="${nonce}">
body { font-family: "Segoe UI", system-ui, sans-serif; margin: 0; background: #f5f5f5; color: #242424; }
main { max-width: 28rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
h1 { font-size: 1.4rem; margin-top: 0; }
.code { font-size: 2rem; letter-spacing: .3rem; font-weight: 600; font-family: ui-monospace, monospace; }
.hint { color: #616161; font-size: .9rem; }
</style>
</head>
<body>
<main>
${body}
</main>
${scripts.map((src) => `<script src="${escapeHtml(src)}"></script>`).join('\n')}
</body>
</html>
`;
  return { status: 200, headers: pageHeaders(nonce), html };
}

/**
 * The end of a successful sign-in: the one-time code, handed to Teams by the page's script
 * (`authentication.notifySuccess`) and shown for the record. The code stands for the sign-in
 * for a few minutes and only for this agent; no token is on the page.
 */
export function renderDonePage(locale: Locale, handoverCode: string, withTeamsJs: boolean): RenderedPage {
  const body = `<h1>${escapeHtml(t(locale, 'bot.signin.page.done.heading'))}</h1>
<p>${escapeHtml(t(locale, 'bot.signin.page.done.text'))}</p>
<p>${escapeHtml(t(locale, 'bot.signin.page.code.label'))}:
<span class="code" id="handover-code" data-handover-code="${escapeHtml(handoverCode)}">${escapeHtml(handoverCode)}</span></p>
<p class="hint">${escapeHtml(t(locale, 'bot.signin.page.code.hint'))}</p>`;
  const scripts = withTeamsJs ? [PAGE_SCRIPTS.teamsJs, PAGE_SCRIPTS.handover] : [PAGE_SCRIPTS.handover];
  return layout(locale, body, scripts);
}

/** A sign-in that cannot go on, with what to do next. */
export function renderErrorPage(locale: Locale, error: SignInPageError, status: number): RenderedPage {
  const body = `<h1>${escapeHtml(t(locale, 'bot.signin.page.error.heading'))}</h1>
<p id="sign-in-error" data-reason="${escapeHtml(error)}">${escapeHtml(t(locale, ERROR_TEXT_KEYS[error]))}</p>`;
  return { ...layout(locale, body, []), status };
}

/**
 * The page's script: drop the authorization code from the address bar, then hand the one-time
 * code to Teams, which closes the window and sends it to the bot in `signin/verifyState`.
 * Outside Teams (no host answers), the code simply stays on screen.
 */
export const HANDOVER_SCRIPT = `(function () {
  'use strict';
  var element = document.getElementById('handover-code');
  if (!element) return;
  var code = element.getAttribute('data-handover-code');
  try { window.history.replaceState(null, '', window.location.pathname); } catch (e) { /* old browsers */ }
  var teams = window.microsoftTeams;
  if (!code || !teams || !teams.app || !teams.authentication) return;
  teams.app.initialize().then(function () {
    teams.authentication.notifySuccess(code);
  }).catch(function () { /* not inside Teams */ });
})();
`;
