import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { Activity } from 'botbuilder';
import { errorText, flowCard } from '../../../src/cards/views';
import { AppError } from '../../../src/domain/errors';
import { t } from '../../../src/i18n';
import { AGENT, aResetFlow } from '../../fakes';
import {
  AGENT_ACCOUNT,
  CHANNEL,
  CLIENT_ID,
  PERSONAL,
  TENANT_ID,
  harness,
  message,
  tokenExchange,
  type Harness,
} from './support/fixtures';

function exchangeIdOf(activities: Partial<Activity>[]): string {
  const card = activities.flatMap((a) => a.attachments ?? []).find((x) => x.contentType === 'application/vnd.microsoft.card.oauth');
  if (!card) throw new Error('no OAuthCard was sent');
  return (card.content as { tokenExchangeResource: { id: string } }).tokenExchangeResource.id;
}

describe('PasscodeDeskBot sign-in', () => {
  let h: Harness;
  const flow = aResetFlow({ state: 'choosingDevice' });
  beforeEach(() => {
    h = harness();
    h.resetFlows.start.resolves(flow);
  });
  afterEach(() => sinon.restore());

  it('when Teams answers the OAuthCard with a token, then the exchange succeeds (200) and the waiting request runs', async () => {
    await h.adapter.processActivity(message('reset PIN for alice'));
    const id = exchangeIdOf(h.adapter.inConversation(PERSONAL.id));

    const response = await h.adapter.invoke(tokenExchange(id, 'sso-token'));
    await h.bot.whenIdle();

    assert.equal(response.status, 200);
    sinon.assert.calledOnceWithExactly(h.tokens.signIn, 'sso-token', AGENT.oid);
    sinon.assert.calledOnce(h.resetFlows.start);
    assert.equal(h.resetFlows.start.firstCall.args[0].query, 'alice');
    const cards = h.adapter.inConversation(PERSONAL.id).flatMap((a) => a.attachments ?? []);
    assert.deepEqual(cards.at(-1)?.content, flowCard(flow, 'en').content);
  });

  it('when the request came from a channel, then after the sign-in in the 1:1 the flow card is posted in the channel', async () => {
    await h.adapter.processActivity(message('reset PIN for alice', { conversation: CHANNEL }));
    const personal = `a:personal-${AGENT_ACCOUNT.id}`;
    const id = exchangeIdOf(h.adapter.inConversation(personal));

    const response = await h.adapter.invoke(tokenExchange(id, 'sso-token', { conversation: { ...PERSONAL, id: personal } }));
    await h.bot.whenIdle();

    assert.equal(response.status, 200);
    const input = h.resetFlows.start.firstCall.args[0];
    assert.equal(input.originIsPersonal, false);
    const channelCards = h.adapter.inConversation(CHANNEL.id).flatMap((a) => a.attachments ?? []);
    assert.deepEqual(channelCards.at(-1)?.content, flowCard(flow, 'en').content);
  });

  it('when several Teams clients send the same exchange, then it is handled once', async () => {
    await h.adapter.processActivity(message('reset PIN for alice'));
    const id = exchangeIdOf(h.adapter.inConversation(PERSONAL.id));

    const first = await h.adapter.invoke(tokenExchange(id, 'sso-token'));
    const second = await h.adapter.invoke(tokenExchange(id, 'sso-token'));
    await h.bot.whenIdle();

    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    sinon.assert.calledOnce(h.tokens.signIn);
    sinon.assert.calledOnce(h.resetFlows.start);
  });

  it('when the exchange fails, then Teams gets 412 (it shows the sign-in button) and nothing runs', async () => {
    await h.adapter.processActivity(message('reset PIN for alice'));
    const id = exchangeIdOf(h.adapter.inConversation(PERSONAL.id));
    h.tokens.failWith = new AppError('auth.tokenRejected', 'aud mismatch');

    const response = await h.adapter.invoke(tokenExchange(id, 'forged-token'));
    await h.bot.whenIdle();

    assert.equal(response.status, 412);
    assert.equal(h.resetFlows.start.called, false);
  });

  it('when the exchange needs admin consent, then 412 and the agent reads the consent link', async () => {
    await h.adapter.processActivity(message('reset PIN for alice'));
    const id = exchangeIdOf(h.adapter.inConversation(PERSONAL.id));
    const consent = new AppError('auth.consentRequired', 'consent', {
      consentUrl: `https://login.microsoftonline.com/${TENANT_ID}/adminconsent?client_id=${CLIENT_ID}`,
    });
    h.tokens.failWith = consent;
    const before = h.adapter.inConversation(PERSONAL.id).length;

    const response = await h.adapter.invoke(tokenExchange(id, 'sso-token'));

    assert.equal(response.status, 412);
    const said = h.adapter.inConversation(PERSONAL.id).slice(before).map((a) => a.text);
    assert.deepEqual(said, [errorText(consent, 'en')]);
  });

  it('when the exchange needs an interactive sign-in (MFA), then 412 and the agent is told a sign-in is needed', async () => {
    await h.adapter.processActivity(message('reset PIN for alice'));
    const id = exchangeIdOf(h.adapter.inConversation(PERSONAL.id));
    const interaction = new AppError('auth.interactionRequired', 'mfa', { claims: '{"access_token":{}}' });
    h.tokens.failWith = interaction;
    const before = h.adapter.inConversation(PERSONAL.id).length;

    const response = await h.adapter.invoke(tokenExchange(id, 'sso-token'));

    assert.equal(response.status, 412);
    assert.deepEqual(
      h.adapter.inConversation(PERSONAL.id).slice(before).map((a) => a.text),
      [errorText(interaction, 'en')],
    );
  });

  it('when the exchange value is malformed, then 412 and no sign-in is attempted', async () => {
    const activity = tokenExchange('x', 'y');
    activity.value = { id: 42 };
    const response = await h.adapter.invoke(activity);
    assert.equal(response.status, 412);
    assert.equal(h.tokens.signIn.called, false);
  });

  it('when an exchange comes from another tenant, then it is refused with 403', async () => {
    const response = await h.adapter.invoke(tokenExchange('id-1', 'sso-token', { tenantId: 'other-tenant' }));
    assert.equal(response.status, 403);
    assert.equal(h.tokens.signIn.called, false);
  });

  it('when a sign-in arrives with nothing waiting, then it succeeds and the agent is asked to send the request again', async () => {
    const response = await h.adapter.invoke(tokenExchange('fresh-id', 'sso-token'));
    await h.bot.whenIdle();
    assert.equal(response.status, 200);
    assert.equal(h.resetFlows.start.called, false);
    assert.deepEqual(h.adapter.inConversation(PERSONAL.id).map((a) => a.text), [t('en', 'bot.signIn.done')]);
  });

  it('when the waiting request cannot be read (storage unreachable), then the agent is told so besides being signed in', async () => {
    const unreachable = new AppError('state.unavailable', 'Azure Storage could not be reached.');
    const broken = harness({ storage: { read: async () => Promise.reject(unreachable), write: async () => Promise.reject(unreachable), delete: async () => Promise.reject(unreachable) } });

    const response = await broken.adapter.invoke(tokenExchange('fresh-id', 'sso-token'));
    await broken.bot.whenIdle();

    assert.equal(response.status, 200);
    const said = broken.adapter.inConversation(PERSONAL.id).map((a) => a.text ?? '').join('\n');
    assert.ok(said.includes(t('en', 'bot.signIn.done')), said);
    assert.ok(said.includes(errorText(unreachable, 'en')), said);
    assert.equal(broken.resetFlows.start.called, false);
  });

  it('when signin/verifyState arrives after a sign-in, then it is acknowledged and the waiting request runs', async () => {
    await h.adapter.processActivity(message('reset PIN for alice'));
    h.tokens.sessions.add(AGENT.oid);
    const response = await h.adapter.invoke({ ...message(''), type: 'invoke', name: 'signin/verifyState', value: { state: '123456' } });
    await h.bot.whenIdle();
    assert.equal(response.status, 200);
    sinon.assert.calledOnce(h.resetFlows.start);
  });
});
