import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { Activity } from 'botbuilder';
import { helpText, errorText, flowCard } from '../../../src/cards/views';
import { AppError } from '../../../src/domain/errors';
import { t } from '../../../src/i18n';
import { unexpectedErrorText } from '../../../src/bot/user-facing-error';
import { AGENT, aResetFlow } from '../../fakes';
import {
  AGENT_ACCOUNT,
  CHANNEL,
  CLIENT_ID,
  GROUP_CHAT,
  PERSONAL,
  TENANT_ID,
  harness,
  message,
  type Harness,
} from './support/fixtures';

function texts(activities: Partial<Activity>[]): string[] {
  return activities.map((a) => a.text ?? '').filter((text) => text.length > 0);
}

function oauthCards(activities: Partial<Activity>[]) {
  return activities.flatMap((a) => a.attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.oauth');
}

describe('PasscodeDeskBot messages', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness();
  });
  afterEach(() => sinon.restore());

  const helpCases: Array<{ name: string; text: string; locale: string; expected: () => string }> = [
    { name: 'help', text: 'help', locale: 'en-US', expected: () => helpText('en') },
    { name: 'an empty message', text: '', locale: 'en-US', expected: () => helpText('en') },
    {
      name: 'something the bot does not understand',
      text: 'what is the weather',
      locale: 'en-US',
      expected: () => `${t('en', 'bot.notUnderstood')}\n\n${helpText('en')}`,
    },
    { name: 'ヘルプ in Japanese', text: 'ヘルプ', locale: 'ja-JP', expected: () => helpText('ja') },
  ];
  for (const c of helpCases) {
    it(`when an agent writes ${c.name}, then the bot answers with the help text and starts nothing`, async () => {
      await h.adapter.processActivity(message(c.text, { locale: c.locale }));
      assert.deepEqual(texts(h.adapter.inConversation(PERSONAL.id)), [c.expected()]);
      assert.equal(h.resetFlows.start.called, false);
    });
  }

  it('when a message comes from another tenant, then it is refused politely and nothing else happens', async () => {
    h.tokens.sessions.add(AGENT.oid);
    await h.adapter.processActivity(message('reset PIN for alice', { tenantId: 'someone-elses-tenant' }));
    const refusal = errorText(new AppError('access.wrongTenant', 'x'), 'en');
    assert.deepEqual(texts(h.adapter.inConversation(PERSONAL.id)), [refusal]);
    assert.equal(h.resetFlows.start.called, false);
    assert.equal(h.silentSso.tryGetSsoToken.called, false);
  });

  it('when a message names no tenant at all, then it is refused too', async () => {
    const activity = message('help');
    delete activity.channelData;
    activity.conversation = { ...PERSONAL, tenantId: undefined };
    await h.adapter.processActivity(activity);
    assert.deepEqual(texts(h.adapter.inConversation(PERSONAL.id)), [errorText(new AppError('access.wrongTenant', 'x'), 'en')]);
  });

  it('when the sender has no Entra identity, then the bot says it cannot tell who they are', async () => {
    await h.adapter.processActivity(message('reset PIN for alice', { from: { id: '29:guest', name: 'Guest' } }));
    assert.deepEqual(texts(h.adapter.inConversation(PERSONAL.id)), [t('en', 'bot.unknownUser')]);
    assert.equal(h.resetFlows.start.called, false);
  });

  it('when a signed-in agent asks for a reset in the 1:1 chat, then the flow starts there and its card is shown', async () => {
    h.tokens.sessions.add(AGENT.oid);
    const flow = aResetFlow({ state: 'choosingUser' });
    h.resetFlows.start.resolves(flow);
    await h.adapter.processActivity(message('reset PIN for alice'));

    sinon.assert.calledOnce(h.resetFlows.start);
    const input = h.resetFlows.start.firstCall.args[0];
    assert.equal(input.query, 'alice');
    assert.equal(input.locale, 'en');
    assert.deepEqual(input.agent, AGENT);
    assert.equal(input.originIsPersonal, true);
    assert.equal((input.origin as { conversation: { id: string } }).conversation.id, PERSONAL.id);
    const posted = h.adapter.inConversation(PERSONAL.id);
    assert.equal(posted.length, 1);
    assert.deepEqual(posted[0].attachments?.[0].content, flowCard(flow, 'en').content);
  });

  it('when an agent mentions the bot in a channel, then the mention is removed before the command is read', async () => {
    h.tokens.sessions.add(AGENT.oid);
    h.resetFlows.start.resolves(aResetFlow({ originIsPersonal: false }));
    await h.adapter.processActivity(message('reset PIN for alice', { conversation: CHANNEL }));
    sinon.assert.calledOnce(h.resetFlows.start);
    assert.equal(h.resetFlows.start.firstCall.args[0].query, 'alice');
    assert.equal(h.resetFlows.start.firstCall.args[0].originIsPersonal, false);
  });

  it('when the domain refuses the request, then the agent reads why in plain words', async () => {
    h.tokens.sessions.add(AGENT.oid);
    const refusal = new AppError('access.notHelpdesk', 'not in the helpdesk group');
    h.resetFlows.start.rejects(refusal);
    await h.adapter.processActivity(message('reset PIN for alice'));
    assert.deepEqual(texts(h.adapter.inConversation(PERSONAL.id)), [errorText(refusal, 'en')]);
  });

  it('when something unexpected breaks, then the agent gets a polite message without details', async () => {
    h.tokens.sessions.add(AGENT.oid);
    h.resetFlows.start.rejects(new TypeError('cannot read properties of undefined (secret internals)'));
    await h.adapter.processActivity(message('reset PIN for alice'));
    const said = texts(h.adapter.inConversation(PERSONAL.id));
    assert.deepEqual(said, [unexpectedErrorText('en')]);
    assert.ok(!said.join().includes('secret internals'));
  });

  it('when the agent has no session but silent SSO yields a token (demo), then the bot signs in and starts the flow', async () => {
    h.silentSso.tryGetSsoToken.resolves('sso-token-from-simulator');
    h.resetFlows.start.resolves(aResetFlow());
    await h.adapter.processActivity(message('reset PIN for alice'));
    sinon.assert.calledOnceWithExactly(h.tokens.signIn, 'sso-token-from-simulator', AGENT.oid);
    sinon.assert.calledOnce(h.resetFlows.start);
    assert.equal(oauthCards(h.adapter.inConversation(PERSONAL.id)).length, 0);
  });

  it('when silent sign-in needs admin consent, then the agent is told so and nothing starts', async () => {
    h.silentSso.tryGetSsoToken.resolves('sso-token');
    const consent = new AppError('auth.consentRequired', 'consent', {
      consentUrl: `https://login.microsoftonline.com/${TENANT_ID}/adminconsent?client_id=${CLIENT_ID}`,
    });
    h.tokens.failWith = consent;
    await h.adapter.processActivity(message('reset PIN for alice'));
    assert.deepEqual(texts(h.adapter.inConversation(PERSONAL.id)), [errorText(consent, 'en')]);
    assert.equal(h.resetFlows.start.called, false);
  });

  it('when the agent must sign in from the 1:1 chat, then an OAuthCard asks Teams for a token of our app', async () => {
    await h.adapter.processActivity(message('reset PIN for alice'));
    const cards = oauthCards(h.adapter.inConversation(PERSONAL.id));
    assert.equal(cards.length, 1);
    const content = cards[0].content as { tokenExchangeResource: { id: string; uri: string }; buttons: unknown[] };
    assert.equal(content.tokenExchangeResource.uri, `api://botid-${CLIENT_ID}`);
    assert.match(content.tokenExchangeResource.id, /^[0-9a-f-]{36}$/);
    assert.equal(content.buttons.length, 1);
    assert.equal(h.resetFlows.start.called, false);
  });

  for (const conversation of [CHANNEL, GROUP_CHAT]) {
    it(`when the agent must sign in from a ${conversation.conversationType}, then the OAuthCard goes to their 1:1 and the ${conversation.conversationType} is told so`, async () => {
      await h.adapter.processActivity(message('reset PIN for alice', { conversation }));

      assert.equal(h.adapter.createdConversations.length, 1);
      const created = h.adapter.createdConversations[0];
      assert.deepEqual(created.members?.map((m) => m.id), [AGENT_ACCOUNT.id]);
      assert.equal(created.isGroup, false);
      assert.equal(created.tenantId, TENANT_ID);
      const personal = `a:personal-${AGENT_ACCOUNT.id}`;
      assert.equal(oauthCards(h.adapter.inConversation(personal)).length, 1);
      const shared = h.adapter.inConversation(conversation.id);
      assert.equal(oauthCards(shared).length, 0);
      assert.deepEqual(texts(shared), [t('en', 'bot.signIn.sentPrivately')]);
    });
  }

  it('when the agent must sign in from a channel but their 1:1 cannot be reached, then the channel says how to fix it', async () => {
    h.adapter.unreachable.add(AGENT_ACCOUNT.id);
    await h.adapter.processActivity(message('reset PIN for alice', { conversation: CHANNEL }));
    const all = h.adapter.everything().map((r) => r.activity);
    assert.equal(oauthCards(all).length, 0);
    assert.deepEqual(texts(h.adapter.inConversation(CHANNEL.id)), [t('en', 'bot.signIn.useOneOnOne')]);
  });
});
