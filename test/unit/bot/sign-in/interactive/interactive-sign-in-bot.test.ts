import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { MemoryStorage, type Activity } from 'botbuilder';
import { createBot } from '../../../../../src/bot/create-bot';
import type { PasscodeDeskBot } from '../../../../../src/bot/passcode-desk-bot';
import type {
  HandoverRedemption,
  InteractiveSignIn,
  SignInLinkRequest,
  SignInSubject,
} from '../../../../../src/bot/sign-in/interactive/interactive-sign-in';
import { AppError } from '../../../../../src/domain/errors';
import { t } from '../../../../../src/i18n';
import { HandoverCodes } from '../../../../../src/server/sign-in/handover-codes';
import { AGENT, aResetFlow, MemoryLogger } from '../../../../fakes';
import { unsignedJwt } from '../../../adapters/identity/support/unsigned-jwt';
import { CLIENT_ID, FakeTokens, OTHER_ACCOUNT, PERSONAL, TENANT_ID, cardClick, execute, message, stubResetFlows, tokenExchange } from '../../support/fixtures';
import { TeamsTestAdapter } from '../../support/teams-test-adapter';

const OAUTH = 'application/vnd.microsoft.card.oauth';
const LOGIN_REQUEST = 'application/vnd.microsoft.activity.loginRequest';
const CLAIMS = '{"access_token":{"capolids":{"essential":true,"values":["ca01"]}}}';
const SUBJECT: SignInSubject = { tenantId: TENANT_ID, oid: AGENT.oid };

/** The page as the bot sees it: numbered links, and real one-time codes. */
class FakeInteractiveSignIn implements InteractiveSignIn {
  readonly links: SignInLinkRequest[] = [];
  readonly codes = new HandoverCodes();
  linkFor(request: SignInLinkRequest): string {
    this.links.push(request);
    return `https://bot.example/auth/start?ticket=t${this.links.length}`;
  }
  noteChallenge(): void {}
  redeemHandover(code: string, subject: SignInSubject): HandoverRedemption {
    return this.codes.redeem(code, subject);
  }
}

/** Tokens that also adopt assertions from the page. */
class PageAwareTokens extends FakeTokens {
  readonly adoptUserAssertion = sinon.spy(async (_assertion: string, expectedOid: string): Promise<void> => {
    if (this.failWith) throw this.failWith;
    this.sessions.add(expectedOid);
  });
}

interface OAuthContent {
  text?: string;
  tokenExchangeResource?: { id: string };
  buttons?: Array<{ type: string; value: string }>;
}

function oauthCards(activities: Partial<Activity>[]): OAuthContent[] {
  return activities.flatMap((a) => a.attachments ?? []).filter((x) => x.contentType === OAUTH).map((x) => x.content as OAuthContent);
}

function verifyState(state: string, from = PERSONAL): Partial<Activity> {
  return { ...message(''), conversation: from, type: 'invoke', name: 'signin/verifyState', value: { state } };
}

describe('Interactive sign-in fallback in the bot (page links, signin/verifyState)', () => {
  let adapter: TeamsTestAdapter;
  let bot: PasscodeDeskBot;
  let tokens: PageAwareTokens;
  let page: FakeInteractiveSignIn;
  let resetFlows: ReturnType<typeof stubResetFlows>;
  const mfa = new AppError('auth.interactionRequired', 'mfa', { claims: CLAIMS });

  beforeEach(() => {
    tokens = new PageAwareTokens();
    page = new FakeInteractiveSignIn();
    resetFlows = stubResetFlows();
    resetFlows.start.resolves(aResetFlow({ state: 'choosingDevice' }));
    adapter = new TeamsTestAdapter(async (context) => bot.run(context));
    bot = createBot({
      adapter,
      appId: '',
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      resetFlows,
      tokens,
      silentSso: { tryGetSsoToken: async () => undefined },
      logger: new MemoryLogger(),
      storage: new MemoryStorage(),
      interactiveSignIn: page,
    });
  });
  afterEach(() => sinon.restore());

  it('when the agent must sign in, then the SSO card\'s button leads to the agent\'s own page link', async () => {
    await adapter.processActivity(message('reset PIN for alice'));
    const [card] = oauthCards(adapter.inConversation(PERSONAL.id));
    assert.ok(card?.tokenExchangeResource, 'silent SSO is tried first');
    assert.equal(card.buttons?.[0]?.value, 'https://bot.example/auth/start?ticket=t1');
    assert.deepEqual(page.links[0], { tenantId: TENANT_ID, oid: AGENT.oid, locale: 'en', claims: undefined });
  });

  it('when the exchange needs MFA, then 412 and a card leads to the page with the claims challenge and the login hint', async () => {
    await adapter.processActivity(message('reset PIN for alice'));
    const id = oauthCards(adapter.inConversation(PERSONAL.id))[0]?.tokenExchangeResource?.id ?? '';
    tokens.failWith = mfa;
    const before = adapter.inConversation(PERSONAL.id).length;

    const response = await adapter.invoke(tokenExchange(id, unsignedJwt({ preferred_username: 'agent@contoso.com' })));

    assert.equal(response.status, 412);
    const [card] = oauthCards(adapter.inConversation(PERSONAL.id).slice(before));
    assert.ok(card, 'a card was sent');
    assert.equal(card.tokenExchangeResource, undefined, 'no silent SSO again: the page is the way');
    assert.equal(card.text, t('en', 'bot.signin.card.text'));
    assert.equal(card.buttons?.[0]?.type, 'signin');
    assert.equal(card.buttons?.[0]?.value, 'https://bot.example/auth/start?ticket=t2');
    assert.deepEqual(page.links[1], { tenantId: TENANT_ID, oid: AGENT.oid, locale: 'en', claims: CLAIMS, loginHint: 'agent@contoso.com' });
  });

  it('when Teams sends the page\'s code in signin/verifyState, then the session is adopted (200) and the waiting request runs', async () => {
    await adapter.processActivity(message('reset PIN for alice'));
    const code = page.codes.issue(SUBJECT, 'assertion-from-page');

    const response = await adapter.invoke(verifyState(code));
    await bot.whenIdle();

    assert.equal(response.status, 200);
    sinon.assert.calledOnceWithExactly(tokens.adoptUserAssertion, 'assertion-from-page', AGENT.oid);
    sinon.assert.calledOnce(resetFlows.start);
  });

  it('when another user sends the code, then it is refused (404), they are told so, and nothing runs', async () => {
    await adapter.processActivity(message('reset PIN for alice'));
    const code = page.codes.issue(SUBJECT, 'assertion-from-page');

    const response = await adapter.invoke({ ...verifyState(code), from: OTHER_ACCOUNT });
    await bot.whenIdle();

    assert.equal(response.status, 404);
    assert.equal(tokens.adoptUserAssertion.called, false);
    assert.equal(resetFlows.start.called, false);
    assert.ok(adapter.inConversation(PERSONAL.id).some((a) => a.text === t('en', 'bot.signin.verify.refused')));
  });

  it('when the code was already used and no session exists, then it is refused', async () => {
    const code = page.codes.issue(SUBJECT, 'assertion-from-page');
    page.codes.redeem(code, SUBJECT);
    const response = await adapter.invoke(verifyState(code));
    assert.equal(response.status, 404);
    assert.equal(tokens.adoptUserAssertion.called, false);
  });

  it('when Entra still wants more after the page (claims unmet), then 412 and the page is offered again', async () => {
    await adapter.processActivity(message('reset PIN for alice'));
    tokens.failWith = mfa;
    const before = adapter.inConversation(PERSONAL.id).length;
    const response = await adapter.invoke(verifyState(page.codes.issue(SUBJECT, 'assertion-from-page')));
    assert.equal(response.status, 412);
    const [card] = oauthCards(adapter.inConversation(PERSONAL.id).slice(before));
    assert.equal(card?.buttons?.[0]?.value, `https://bot.example/auth/start?ticket=t${page.links.length}`);
    assert.equal(resetFlows.start.called, false);
  });

  describe('card buttons (Universal Actions)', () => {
    it('when a click needs a sign-in, then the loginRequest\'s button leads to the agent\'s page link', async () => {
      const response = await adapter.invoke(execute('chooseUser', { flowId: 'flow-1', revision: 1, userId: 'u' }));
      const body = response.body as { type: string; value: OAuthContent };
      assert.equal(body.type, LOGIN_REQUEST);
      assert.ok(body.value.tokenExchangeResource, 'silent SSO is still tried first');
      assert.equal(body.value.buttons?.[0]?.value, `https://bot.example/auth/start?ticket=t${page.links.length}`);
    });

    it('when the token Teams attached needs MFA, then a loginRequest for the page alone carries the challenge', async () => {
      tokens.failWith = mfa;
      const click = cardClick({
        action: { type: 'Action.Execute', verb: 'chooseUser', data: { flowId: 'flow-1', revision: 1, userId: 'u' } },
        authentication: { token: unsignedJwt({ preferred_username: 'agent@contoso.com' }) },
      });
      const body = (await adapter.invoke(click)).body as { statusCode: number; type: string; value: OAuthContent };
      assert.equal(body.statusCode, 401);
      assert.equal(body.type, LOGIN_REQUEST);
      assert.equal(body.value.tokenExchangeResource, undefined);
      assert.equal(page.links.at(-1)?.claims, CLAIMS);
      assert.equal(page.links.at(-1)?.loginHint, 'agent@contoso.com');
      assert.equal(resetFlows.chooseUser.called, false);
    });

    it('when Teams repeats the action with the page\'s code, then the session is adopted and the action runs', async () => {
      const flow = aResetFlow({ state: 'confirming' });
      resetFlows.chooseUser.resolves(flow);
      const code = page.codes.issue(SUBJECT, 'assertion-from-page');
      const click = cardClick({
        action: { type: 'Action.Execute', verb: 'chooseUser', data: { flowId: 'flow-1', revision: 1, userId: 'u' } },
        state: code,
      });
      const body = (await adapter.invoke(click)).body as { type: string };
      sinon.assert.calledOnceWithExactly(tokens.adoptUserAssertion, 'assertion-from-page', AGENT.oid);
      sinon.assert.calledOnce(resetFlows.chooseUser);
      assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    });
  });
});
