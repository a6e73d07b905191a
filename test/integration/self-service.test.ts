import { strict as assert } from 'node:assert';
import { DEMO_DEVICES, DEMO_HELPDESK_GROUP_ID, DEMO_USERS } from '../../src/simulator';
import { adaptiveCardOf, executeActions, invokeCard, OAUTH, visible } from '../support/cards';
import { helpdeskChannel, personalChat, startDeployment, type Deployment } from '../support/harness';
import { cardText, type ConversationSpec, type SentActivity, type TeamsUser } from '../support/teams-fake';

/**
 * The employee's self-service over HTTP: Teams (stand-in) → bot → domain → shared state →
 * simulated tenant. An employee files a request in their 1:1, the card reaches a helpdesk member,
 * who approves, confirms how the identity was verified, and only then sees the passcode — in
 * their own 1:1, nowhere else.
 */

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const kenji: TeamsUser = { id: '29:kenji', aadObjectId: DEMO_USERS.kenjiSato, name: 'Kenji Sato' };
const alice: TeamsUser = { id: '29:alice', aadObjectId: DEMO_USERS.aliceSmith, name: 'Alice Smith' };

describe('Self-service request and approval over HTTP (Teams stand-in, simulated tenant)', function () {
  this.timeout(60000);
  let d: Deployment;

  beforeEach(async () => {
    d = await startDeployment();
    for (const user of [hana, kenji, alice]) d.teams.addUser(user);
  });
  afterEach(async () => {
    await d.stop();
  });

  const chatOf = (user: TeamsUser): ConversationSpec => personalChat(user, d.tenantId, d.teams);

  /** The latest visible card in a conversation that has a button with this verb. */
  async function cardWith(conversation: ConversationSpec, verb: string, what = `a card with ${verb}`): Promise<SentActivity> {
    return d.teams.waitFor(
      () =>
        visible(d.teams.inConversation(conversation.id))
          .reverse()
          .find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === verb)),
      20000,
      what,
    );
  }

  function dataOf(activity: SentActivity, verb: string): Record<string, unknown> {
    const action = executeActions(adaptiveCardOf(activity)).find((a) => a.verb === verb);
    assert.ok(action, `no ${verb} button`);
    return action.data;
  }

  /** A helpdesk member signs in through the OAuthCard, so the bot knows them as helpdesk (their 1:1 gets cards). */
  async function signInAsHelpdesk(user: TeamsUser): Promise<void> {
    const chat = chatOf(user);
    await d.teams.sendMessage(user, chat, 'history');
    const oauth = await d.teams.waitFor(
      () => d.teams.inConversation(chat.id).find((a) => a.attachments?.some((x) => x.contentType === OAUTH)),
      15000,
      'an OAuthCard in the 1:1',
    );
    const content = oauth.attachments!.find((x) => x.contentType === OAUTH)!.content as { tokenExchangeResource: { id: string } };
    const answer = await d.teams.tokenExchange(user, chat, content.tokenExchangeResource.id, d.sim.signSsoToken(user.aadObjectId));
    assert.equal(answer.status, 200);
    // The 1:1 is remembered in the background, with the membership read as the agent.
    for (let i = 0; i < 50; i++) {
      const members = await d.app.state.conversations.helpdeskMembers(10);
      if (members.some((m) => m.oid === user.aadObjectId)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`${user.name} is not known as a helpdesk member`);
  }

  /** Alice asks for a reset of her Lumia; returns the approval card in Hana's 1:1. */
  async function aliceFilesRequest(justification: string): Promise<SentActivity> {
    const aliceChat = chatOf(alice);
    await d.teams.sendMessage(alice, aliceChat, 'I forgot my PIN');
    const devices = await cardWith(aliceChat, 'fileRequest', 'her devices');
    const text = cardText(adaptiveCardOf(devices));
    assert.match(text, /ALICE-LUMIA/);
    assert.match(text, /Apple User Enrollment/, 'the iPhone is listed with its reason');
    const filed = await d.teams.clickExecute(alice, aliceChat, devices.id, 'fileRequest', { ...dataOf(devices, 'fileRequest'), justification });
    assert.equal(filed.status, 200);
    assert.match(cardText(invokeCard(filed.body)), /Request sent to the helpdesk/);
    return cardWith(chatOf(hana), 'approveRequest', 'the request card in Hana’s 1:1');
  }

  /** The passcode Intune generated for a device (read from the simulated tenant, not from the bot). */
  function intunePasscode(deviceId: string): string | undefined {
    const device = d.sim.tenant.devices.find((x) => x.id === deviceId)!;
    return device.deviceActionResults.filter((r) => r.actionName === 'resetPasscode' && r.passcode).at(-1)?.passcode ?? undefined;
  }

  it('employee files → card in the helpdesk member’s 1:1 → approve → identity check → passcode in the agent’s 1:1 only', async () => {
    await signInAsHelpdesk(hana);
    const request = await aliceFilesRequest('Forgot the PIN after the holidays');
    const requestText = cardText(adaptiveCardOf(request));
    for (const expected of ['Alice Smith', 'ALICE-LUMIA', 'Forgot the PIN after the holidays']) assert.ok(requestText.includes(expected), expected);
    assert.ok(!d.teams.inConversation(chatOf(alice).id).some((a) => JSON.stringify(a.raw).includes('approveRequest')), 'the requester gets no card to decide');

    const hanaChat = chatOf(hana);
    const approved = await d.teams.clickExecute(hana, hanaChat, request.id, 'approveRequest', dataOf(request, 'approveRequest'));
    assert.equal(approved.status, 200);
    assert.match(cardText(invokeCard(approved.body)), /Approved by Hana Suzuki/);

    const question = await cardWith(hanaChat, 'verifyIdentity', 'the identity question in Hana’s 1:1');
    const passcode = intunePasscode(DEMO_DEVICES.aliceLumia);
    assert.ok(passcode, 'Intune produced a passcode');
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.aliceLumia), 1);
    assert.ok(!JSON.stringify(question.raw).includes(passcode), 'not before the identity is confirmed');

    const revealed = await d.teams.clickExecute(hana, hanaChat, question.id, 'verifyIdentity', {
      ...dataOf(question, 'verifyIdentity'),
      method: 'callBack',
      note: '',
    });
    assert.equal(revealed.status, 200);
    assert.ok(cardText(invokeCard(revealed.body)).includes(passcode), 'Hana sees the passcode in her 1:1');

    // The employee is told, never given the passcode; the owner notice reaches her too.
    const aliceChat = chatOf(alice);
    await d.teams.waitFor(() => d.teams.inConversation(aliceChat.id).some((a) => /will contact you after checking who you are/.test(a.text ?? '')), 15000, 'Alice told of the approval');
    await d.teams.waitFor(() => d.teams.inConversation(aliceChat.id).some((a) => /reset by Hana Suzuki/.test(a.text ?? '')), 15000, 'the owner notice');
    // Every copy of the card says how it ended.
    await d.teams.waitFor(
      () => visible(d.teams.inConversation(hanaChat.id)).some((a) => /Identity verified by Hana Suzuki/.test(cardText(adaptiveCardOf(a)))),
      15000,
      'the request card showing the verification',
    );

    assert.ok(!d.logLines.some((line) => line.includes(passcode)), 'passcode in the bot log');
    assert.ok(!d.teams.sent.some((a) => JSON.stringify(a.raw).includes(passcode)), 'passcode in a message the bot sent');
    assert.ok(!JSON.stringify(d.sim.requests).includes(passcode), 'passcode in the simulator request log');
  });

  it('while the approving agent has not confirmed the identity, "show passcode" shows no passcode to anyone and points to that step', async () => {
    await signInAsHelpdesk(hana);
    await signInAsHelpdesk(kenji);
    const request = await aliceFilesRequest('Locked out');
    const hanaChat = chatOf(hana);
    await d.teams.clickExecute(hana, hanaChat, request.id, 'approveRequest', dataOf(request, 'approveRequest'));
    const question = await cardWith(hanaChat, 'verifyIdentity', 'the identity question in Hana’s 1:1');
    const passcode = intunePasscode(DEMO_DEVICES.aliceLumia);
    assert.ok(passcode, 'Intune produced a passcode');

    // The approving agent, who performed the reset, and another agent with a reason.
    for (const [agent, text] of [[hana, 'show passcode for alice smith'], [kenji, 'show passcode for alice smith because she called the desk']] as const) {
      const chat = chatOf(agent);
      const mark = d.teams.inConversation(chat.id).length;
      await d.teams.sendMessage(agent, chat, text);
      const answer = await d.teams.waitFor(() => d.teams.inConversation(chat.id)[mark], 15000, `the answer to ${agent.name}`);
      assert.ok(!JSON.stringify(answer.raw).includes(passcode), `${agent.name} was shown the passcode`);
      assert.match(answer.text ?? '', /waiting for the approving agent to confirm how the employee’s identity was verified/);
    }
    assert.ok(!d.teams.sent.some((a) => JSON.stringify(a.raw).includes(passcode)), 'no passcode was sent before the identity check');

    // The verification step still reveals it, to the approving agent.
    const revealed = await d.teams.clickExecute(hana, hanaChat, question.id, 'verifyIdentity', { ...dataOf(question, 'verifyIdentity'), method: 'inPerson', note: '' });
    assert.ok(cardText(invokeCard(revealed.body)).includes(passcode));
  });

  it('Hide on the revealed passcode replaces that message itself, so no client keeps showing the passcode', async () => {
    await signInAsHelpdesk(hana);
    const request = await aliceFilesRequest('Locked out');
    const hanaChat = chatOf(hana);
    await d.teams.clickExecute(hana, hanaChat, request.id, 'approveRequest', dataOf(request, 'approveRequest'));
    const question = await cardWith(hanaChat, 'verifyIdentity', 'the identity question in Hana’s 1:1');
    const revealed = await d.teams.clickExecute(hana, hanaChat, question.id, 'verifyIdentity', { ...dataOf(question, 'verifyIdentity'), method: 'callBack', note: '' });
    const passcode = intunePasscode(DEMO_DEVICES.aliceLumia)!;
    const hide = executeActions(invokeCard(revealed.body)).find((a) => a.verb === 'hideShownPasscode');
    assert.ok(hide, 'the revealed passcode has a Hide button');

    // The question's message now holds the passcode (the click's answer replaced it): Hide is clicked there.
    const hidden = await d.teams.clickExecute(hana, hanaChat, question.id, 'hideShownPasscode', hide.data);

    assert.ok(!JSON.stringify(hidden.body).includes(passcode));
    const update = await d.teams.waitFor(() => d.teams.sent.find((a) => a.id === question.id && a.updated), 10000, 'the passcode message updated');
    assert.equal(update.conversationId, hanaChat.id);
    assert.ok(!JSON.stringify(update.raw).includes(passcode), 'the updated message holds no passcode');
    assert.match(cardText(adaptiveCardOf(update)), /hidden/i);
  });

  it('an employee listing their devices again and again is answered politely once the hourly limit is reached, and Intune is not read again', async () => {
    const aliceChat = chatOf(alice);
    const answers = async (text: string, locale = 'en-US'): Promise<SentActivity> => {
      const mark = d.teams.inConversation(aliceChat.id).length;
      await d.teams.sendMessage(alice, aliceChat, text, locale);
      return d.teams.waitFor(() => d.teams.inConversation(aliceChat.id)[mark], 15000, `the answer to “${text}”`);
    };
    for (let i = 0; i < 10; i++) assert.ok(executeActions(adaptiveCardOf(await answers('I forgot my PIN'))).some((a) => a.verb === 'fileRequest'), `list ${i + 1}`);
    const reads = d.sim.countRequests({ pathIncludes: 'managedDevices' });

    const refused = await answers('I forgot my PIN');

    assert.match(refused.text ?? '', /looked up your devices many times in the last hour/);
    assert.equal(d.sim.countRequests({ pathIncludes: 'managedDevices' }), reads, 'Intune was not read for the refused list');
    assert.match((await answers('PIN を忘れました', 'ja-JP')).text ?? '', /デバイスの一覧を何度も確認/);
  });

  it('a helpdesk member removed from the helpdesk group gets no more request cards', async () => {
    await signInAsHelpdesk(hana);
    await signInAsHelpdesk(kenji);
    const kenjiInTenant = d.sim.tenant.users.find((u) => u.id === kenji.aadObjectId)!;
    kenjiInTenant.memberOf = kenjiInTenant.memberOf.filter((group) => group !== DEMO_HELPDESK_GROUP_ID);

    await aliceFilesRequest('Locked out');
    await d.teams.waitFor(() => d.logLines.some((line) => line.includes('"approvals.cards.published"')), 15000, 'every copy of the card posted');

    assert.ok(
      !d.teams.inConversation(chatOf(kenji).id).some((a) => JSON.stringify(a.raw).includes('approveRequest') || JSON.stringify(a.raw).includes('Locked out')),
      'Kenji, no longer in the helpdesk, got the request card',
    );
  });

  it('a denial with a reason reaches the employee, and nothing is reset', async () => {
    await signInAsHelpdesk(hana);
    const request = await aliceFilesRequest('Locked out');
    const hanaChat = chatOf(hana);
    const denied = await d.teams.clickExecute(hana, hanaChat, request.id, 'denyRequest', { ...dataOf(request, 'denyRequest'), denyReason: 'Please come to the desk with your badge' });
    assert.equal(denied.status, 200);
    assert.match(cardText(invokeCard(denied.body)), /Denied by Hana Suzuki[\s\S]*come to the desk with your badge/);
    await d.teams.waitFor(
      () => d.teams.inConversation(chatOf(alice).id).some((a) => /denied[\s\S]*come to the desk with your badge/i.test(a.text ?? '')),
      15000,
      'Alice told of the denial and its reason',
    );
    assert.equal(d.sim.resetPostCount(), 0);
  });

  it('once an admin chose the approval channel, requests are posted there', async () => {
    await signInAsHelpdesk(hana);
    const channel = helpdeskChannel(d.tenantId);
    await d.teams.sendMessage(hana, channel, 'use this channel for approvals');
    await d.teams.waitFor(() => d.teams.inConversation(channel.id).some((a) => /approval requests will appear in this channel|will appear in this channel/i.test(a.text ?? '')), 15000, 'the channel confirmed');

    const aliceChat = chatOf(alice);
    await d.teams.sendMessage(alice, aliceChat, 'reset my PIN');
    const devices = await cardWith(aliceChat, 'fileRequest', 'her devices');
    await d.teams.clickExecute(alice, aliceChat, devices.id, 'fileRequest', { ...dataOf(devices, 'fileRequest'), justification: 'Locked out' });
    const posted = await cardWith(channel, 'approveRequest', 'the request card in the channel');

    // Kenji approves in the channel; everyone sees who did.
    const kenjiAnswer = await d.teams.clickExecute(kenji, channel, posted.id, 'approveRequest', dataOf(posted, 'approveRequest'));
    if (kenjiAnswer.status === 401) {
      // No session for Kenji yet: Teams signs him in and repeats the click with the token.
      const value = { action: { type: 'Action.Execute', verb: 'approveRequest', data: dataOf(posted, 'approveRequest') }, trigger: 'manual', authentication: { token: d.sim.signSsoToken(kenji.aadObjectId) } };
      const repeated = await d.teams.post({ ...d.teams.envelope(kenji, channel, 'en-US'), type: 'invoke', name: 'adaptiveCard/action', replyToId: posted.id, value });
      assert.match(cardText(invokeCard(repeated.body)), /Approved by Kenji Sato/);
    } else {
      assert.match(cardText(invokeCard(kenjiAnswer.body)), /Approved by Kenji Sato/);
    }
    await cardWith(chatOf(kenji), 'verifyIdentity', 'the identity question in Kenji’s 1:1');
    assert.ok(!d.teams.inConversation(channel.id).some((a) => JSON.stringify(a.raw).includes('verifyIdentity')), 'never in the channel');
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.aliceLumia), 1);
  });
});
