import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { t } from '../../../../src/i18n';
import { InteractiveSignInService } from '../../../../src/server/sign-in/interactive-sign-in-service';
import type { CodeRedeemer } from '../../../../src/server/sign-in/code-redeemer';
import { registerSignInRoutes } from '../../../../src/server/sign-in/sign-in-routes';
import { MemoryLogger } from '../../../fakes';
import { unsignedJwt } from '../../adapters/identity/support/unsigned-jwt';

const TENANT = '11111111-1111-4111-8111-111111111111';
const CLIENT = '22222222-2222-4222-8222-222222222222';
const AGENT = { tenantId: TENANT, oid: 'aaaaaaaa-0000-4000-8000-000000000001' };
const AUTHORITY = 'https://login.example.com';
const TEAMS_JS = 'window.microsoftTeams = window.microsoftTeams || {};';

describe('Sign-in page routes (/auth/start, /auth/callback)', () => {
  let server: restify.Server;
  let base: string;
  let service: InteractiveSignInService;
  let signedInOid: string;

  beforeEach(async () => {
    signedInOid = AGENT.oid;
    const redeemer: CodeRedeemer = {
      redeem: async () => unsignedJwt({ aud: CLIENT, tid: TENANT, oid: signedInOid, exp: Math.floor(Date.now() / 1000) + 3600 }),
    };
    const logger = new MemoryLogger();
    server = restify.createServer({ handleUncaughtExceptions: false });
    service = new InteractiveSignInService({ authorityHost: AUTHORITY, tenantId: TENANT, clientId: CLIENT, publicBaseUrl: () => base, redeemer, logger });
    registerSignInRoutes(server, { pages: service, logger, teamsJs: TEAMS_JS });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { redirect: 'manual', headers });

  /** Follow the agent's link to Entra and come back with a code, as the browser does. */
  async function callbackFor(locale: 'en' | 'ja'): Promise<Response> {
    const link = service.linkFor({ ...AGENT, locale }) ?? '';
    const start = await get(new URL(link).pathname + new URL(link).search);
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    return get(`/auth/callback?code=the-code&state=${encodeURIComponent(state)}`);
  }

  it('when the agent opens the link, then the browser is sent to Entra, and nothing is cached', async () => {
    const link = service.linkFor({ ...AGENT, locale: 'en' }) ?? '';
    const response = await get(new URL(link).pathname + new URL(link).search);
    assert.equal(response.status, 302);
    assert.ok(response.headers.get('location')?.startsWith(`${AUTHORITY}/${TENANT}/oauth2/v2.0/authorize?`));
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('when the link is unknown or missing, then a page says to ask again in Teams', async () => {
    for (const path of ['/auth/start?ticket=made-up', '/auth/start']) {
      const response = await get(path);
      assert.equal(response.status, 404);
      assert.match(await response.text(), new RegExp(t('en', 'bot.signin.page.error.unknown')));
    }
  });

  it('when Entra sends the browser back with a code, then the page shows a one-time code and no token, with strict headers', async () => {
    const response = await callbackFor('en');
    assert.equal(response.status, 200);
    const html = await response.text();
    const code = /data-handover-code="(\d{6})"/.exec(html)?.[1];
    assert.ok(code, 'the page holds a six-digit code');
    assert.ok(!html.includes('eyJ'), 'no token on the page');
    assert.match(html, /src="\/auth\/teams-js\.js"/);
    assert.match(html, /src="\/auth\/handover\.js"/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.ok(service.redeemHandover(code, AGENT).ok, 'the code stands for the agent\'s sign-in');
  });

  it('speaks the language of the request that asked for the sign-in', async () => {
    const html = await (await callbackFor('ja')).text();
    assert.match(html, /<html lang="ja">/);
    assert.ok(html.includes(t('ja', 'bot.signin.page.done.heading')));
  });

  it('when the browser signed in with another account, then the page says so and shows no code', async () => {
    signedInOid = 'cccccccc-0000-4000-8000-000000000003';
    const response = await callbackFor('en');
    assert.equal(response.status, 403);
    const html = await response.text();
    assert.ok(html.includes(t('en', 'bot.signin.page.error.otherAccount')));
    assert.ok(!html.includes('data-handover-code'));
  });

  it('when the callback is replayed, then the second one is refused', async () => {
    const link = service.linkFor({ ...AGENT, locale: 'en' }) ?? '';
    const start = await get(new URL(link).pathname + new URL(link).search);
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const callback = `/auth/callback?code=the-code&state=${encodeURIComponent(state)}`;
    assert.equal((await get(callback)).status, 200);
    assert.equal((await get(callback)).status, 404);
  });

  it('serves the page\'s scripts: the handover and the Teams JavaScript library', async () => {
    const handover = await get('/auth/handover.js');
    assert.equal(handover.status, 200);
    assert.match(handover.headers.get('content-type') ?? '', /javascript/);
    assert.match(await handover.text(), /notifySuccess\(code\)/);
    assert.equal(await (await get('/auth/teams-js.js')).text(), TEAMS_JS);
  });
});
