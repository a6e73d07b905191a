import { strict as assert } from 'node:assert';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_DEVICES, DEMO_USERS, ensureDevCertificate } from '../../src/simulator';
import { adaptiveCardOf, executeActions, OAUTH, visible } from '../support/cards';
import { personalChat, startDeployment, type Deployment } from '../support/harness';
import { launchBrowser, TEST_OUTPUT_DIR, type BrowserSession } from '../support/playground/browser';
import { cardText, type SentActivity, type TeamsUser } from '../support/teams-fake';

/**
 * The interactive sign-in fallback as an agent under MFA lives it: Teams SSO works, but Entra
 * answers the on-behalf-of with interaction_required; the bot's card leads to its sign-in page,
 * which goes through the simulated Entra sign-in (user, then MFA because of the claims
 * challenge) and ends with a one-time code that Teams hands back in `signin/verifyState`.
 * Teams is the HTTP stand-in; the pages run in headless Chromium.
 */

const REPO_ROOT = path.resolve(__dirname, '../..');
const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };

/**
 * Chromium that trusts the simulator's certificate and nothing more: its public key is pinned
 * with `--ignore-certificate-errors-spki-list` (certificate checks stay on for everything else),
 * and every request off loopback is refused (as for every browser the tests launch).
 */
async function launchTrustingSimulator(certificatePem: string): Promise<BrowserSession> {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  const pin = createHash('sha256').update(spki).digest('base64');
  return launchBrowser({ viewport: { width: 900, height: 700 }, extraArgs: [`--ignore-certificate-errors-spki-list=${pin}`] });
}

interface OAuthCardContent {
  text?: string;
  tokenExchangeResource?: { id: string; uri: string };
  buttons?: Array<{ type: string; value: string }>;
}

function oauthCardOf(activity: SentActivity): OAuthCardContent | undefined {
  return activity.attachments?.find((a) => a.contentType === OAUTH)?.content as OAuthCardContent | undefined;
}

describe('Interactive sign-in fallback: an agent under MFA signs in through the bot\'s page (headless Chromium)', function () {
  this.timeout(90_000);
  let d: Deployment | undefined;
  let browser: BrowserSession | undefined;

  before(async () => {
    const certificate = await ensureDevCertificate(path.join(REPO_ROOT, '.simulator'));
    d = await startDeployment();
    d.teams.addUser(hana);
    const user = d.sim.tenant.users.find((u) => u.id === hana.aadObjectId);
    assert.ok(user, 'Hana is in the demo tenant');
    user.mfaRequired = true;
    browser = await launchTrustingSimulator(certificate.cert);
  });

  after(async () => {
    for (const stop of [() => browser?.close(), () => d?.stop()]) {
      try {
        await stop();
      } catch {
        // keep stopping the rest
      }
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !browser || !d) return;
    try {
      await mkdir(TEST_OUTPUT_DIR, { recursive: true });
      await browser.page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'sign-in-fallback-failed.png'), fullPage: true });
    } catch {
      // the page may be gone
    }
    process.stderr.write(`\nBot log (last lines):\n  ${d.logLines.slice(-30).join('\n  ')}\n`);
  });

  it('when on-behalf-of needs MFA, then the card\'s page signs the agent in and the pending reset continues to the confirmation card', async () => {
    const { teams, sim, app } = d!;
    const page = browser!.page;
    const personal = personalChat(hana, d!.tenantId, teams);

    // The agent asks; Teams SSO works, but Entra wants MFA for Graph.
    await teams.sendMessage(hana, personal, 'reset PIN for alice smith');
    const ssoCard = await teams.waitFor(
      () => teams.inConversation(personal.id).find((a) => oauthCardOf(a)?.tokenExchangeResource),
      15_000,
      'the SSO OAuthCard',
    );
    const exchangeId = oauthCardOf(ssoCard)!.tokenExchangeResource!.id;
    const exchange = await teams.tokenExchange(hana, personal, exchangeId, sim.signSsoToken(hana.aadObjectId));
    assert.equal(exchange.status, 412, 'the exchange fails: Entra answers interaction_required');

    // The bot says an interactive sign-in is needed, with a card whose button leads to its page.
    const pageCard = await teams.waitFor(
      () => teams.inConversation(personal.id).find((a) => a !== ssoCard && oauthCardOf(a) && !oauthCardOf(a)!.tokenExchangeResource),
      15_000,
      'the card that leads to the sign-in page',
    );
    const content = oauthCardOf(pageCard)!;
    assert.match(content.text ?? '', /multi-factor authentication/);
    const link = content.buttons?.find((b) => b.type === 'signin')?.value ?? '';
    assert.ok(link.startsWith(`${app.url}/auth/start?ticket=`), `the button opens the bot's page (${link.split('?')[0]})`);

    // Chromium follows the button: the bot's page sends it to the (simulated) Entra sign-in.
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#user').inputValue(), hana.aadObjectId, 'login_hint preselects the agent');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The claims challenge is passed on: Entra asks for the second factor.
    await page.getByRole('button', { name: 'Approve', exact: true }).click();

    // Back on the bot's page: a short one-time code, no token anywhere in sight.
    const codeElement = page.locator('[data-handover-code]');
    await codeElement.waitFor({ timeout: 15_000 });
    const code = (await codeElement.getAttribute('data-handover-code')) ?? '';
    assert.match(code, /^\d{6}$/);
    assert.match(await page.locator('body').innerText(), /You are signed in/);
    const html = await page.content();
    assert.ok(!/eyJ[\w-]+\.[\w-]+\./.test(html), 'no token on the page');
    assert.ok(!/eyJ[\w-]+\.[\w-]+\./.test(page.url()), 'no token in the page URL');
    // The page's script takes the authorization code out of the address bar.
    await page.waitForFunction(() => window.location.search === '', undefined, { timeout: 5_000 });
    assert.deepEqual(pageErrors, [], 'the page runs without script errors');
    await mkdir(TEST_OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'sign-in-fallback.png') });

    // What went to Entra: authorization code with PKCE (S256), the claims challenge, the login hint.
    const authorize = sim.requests.find((r) => r.method === 'GET' && r.path.endsWith('/oauth2/v2.0/authorize'));
    assert.ok(authorize, 'the authorize endpoint was called');
    assert.equal(authorize.query.response_type, 'code');
    assert.equal(authorize.query.code_challenge_method, 'S256');
    assert.ok(authorize.query.code_challenge, 'a PKCE challenge');
    assert.ok(authorize.query.state, 'a state');
    assert.match(authorize.query.claims ?? '', /capolids/);
    assert.equal(authorize.query.login_hint?.toLowerCase(), sim.tenant.users.find((u) => u.id === hana.aadObjectId)!.userPrincipalName.toLowerCase());
    assert.equal(authorize.query.scope?.split(' ')[0], `api://botid-${sim.clientId}/access_as_user`);

    // Teams hands the code back as it does after notifySuccess: signin/verifyState.
    const verify = await teams.post({ ...teams.envelope(hana, personal, 'en-US'), type: 'invoke', name: 'signin/verifyState', value: { state: code } });
    assert.equal(verify.status, 200);

    // The pending reset continues: the confirmation card arrives.
    const confirmCard = await teams.waitFor(
      () => visible(teams.inConversation(personal.id)).find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'confirm')),
      20_000,
      'the confirmation card',
    );
    assert.match(cardText(adaptiveCardOf(confirmCard)), /ALICE-LUMIA/);
    assert.equal(sim.resetPostCount(DEMO_DEVICES.aliceLumia), 0, 'nothing is reset before the agent confirms');

    // No token reached a log line (the logger would have redacted it: there must be nothing to redact).
    assert.ok(!d!.logLines.some((line) => line.includes('[redacted]') || /eyJ[\w-]+\.[\w-]+\./.test(line)), 'no token in the bot log');
  });

  it('when another user sends the code, then it is refused, and it still works for the agent it was made for', async () => {
    const { teams, sim } = d!;
    const page = browser!.page;
    const kenji: TeamsUser = { id: '29:kenji', aadObjectId: DEMO_USERS.kenjiSato, name: 'Kenji Sato' };
    teams.addUser(kenji);
    const personal = personalChat(hana, d!.tenantId, teams);

    // A plain SSO token again: Entra still wants MFA, so the bot offers its page again.
    const sent = teams.inConversation(personal.id).length;
    const exchange = await teams.tokenExchange(hana, personal, 'second-exchange', sim.signSsoToken(hana.aadObjectId));
    assert.equal(exchange.status, 412);
    const pageCard = await teams.waitFor(
      () => teams.inConversation(personal.id).slice(sent).find((a) => oauthCardOf(a) && !oauthCardOf(a)!.tokenExchangeResource),
      15_000,
      'a new card that leads to the sign-in page',
    );
    await page.goto(oauthCardOf(pageCard)!.buttons!.find((b) => b.type === 'signin')!.value);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    const codeElement = page.locator('[data-handover-code]');
    await codeElement.waitFor({ timeout: 15_000 });
    const code = (await codeElement.getAttribute('data-handover-code')) ?? '';

    const kenjiChat = personalChat(kenji, d!.tenantId, teams);
    const stolen = await teams.post({ ...teams.envelope(kenji, kenjiChat, 'en-US'), type: 'invoke', name: 'signin/verifyState', value: { state: code } });
    assert.equal(stolen.status, 404);
    assert.ok(teams.inConversation(kenjiChat.id).some((a) => a.text?.includes('could not be used')), 'Kenji is told the sign-in cannot be used');

    const own = await teams.post({ ...teams.envelope(hana, personal, 'en-US'), type: 'invoke', name: 'signin/verifyState', value: { state: code } });
    assert.equal(own.status, 200);
  });
});
