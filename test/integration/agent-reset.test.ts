import { strict as assert } from 'node:assert';
import { DEMO_DEVICES, DEMO_USERS } from '../../src/simulator';
import { adaptiveCardOf, executeActions, invokeCard, OAUTH, visible } from '../support/cards';
import { helpdeskChannel, personalChat, startDeployment, type Deployment } from '../support/harness';
import { cardText, type ConversationSpec, type SentActivity, type TeamsUser } from '../support/teams-fake';

/**
 * The agent's reset, end to end over HTTP: Teams (stand-in) → /api/messages → bot → on-behalf-of
 * through msal → Graph client → simulated tenant, and back through the connector endpoints.
 */

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const kenji: TeamsUser = { id: '29:kenji', aadObjectId: DEMO_USERS.kenjiSato, name: 'Kenji Sato' };
const marco: TeamsUser = { id: '29:marco', aadObjectId: DEMO_USERS.marcoRossi, name: 'Marco Rossi' };

describe('Agent reset over HTTP (Teams stand-in, simulated tenant)', function () {
  this.timeout(60000);
  let d: Deployment;

  beforeEach(async () => {
    d = await startDeployment();
    for (const user of [hana, kenji, marco]) d.teams.addUser(user);
  });
  afterEach(async () => {
    await d.stop();
  });

  /** Answer the bot's OAuthCard the way Teams does: fetch an SSO token, send signin/tokenExchange. */
  async function signInThroughOAuthCard(user: TeamsUser): Promise<number> {
    const personal = personalChat(user, d.tenantId, d.teams);
    const oauth = await d.teams.waitFor(
      () => d.teams.inConversation(personal.id).find((a) => a.attachments?.some((x) => x.contentType === OAUTH)),
      15000,
      'an OAuthCard in the 1:1',
    );
    const content = oauth.attachments!.find((x) => x.contentType === OAUTH)!.content as {
      tokenExchangeResource: { id: string; uri: string };
    };
    assert.equal(content.tokenExchangeResource.uri, `api://botid-${d.sim.clientId}`);
    const answer = await d.teams.tokenExchange(user, personal, content.tokenExchangeResource.id, d.sim.signSsoToken(user.aadObjectId));
    return answer.status;
  }

  function latestCardWith(conversationId: string, verb: string): SentActivity | undefined {
    return visible(d.teams.inConversation(conversationId))
      .reverse()
      .find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === verb));
  }

  async function waitForCardWith(conversation: ConversationSpec, verb: string): Promise<SentActivity> {
    return d.teams.waitFor(() => latestCardWith(conversation.id, verb), 15000, `a card with ${verb}`);
  }

  function actionOf(activity: SentActivity, verb: string, pick?: (a: { data: Record<string, unknown> }) => boolean) {
    const action = executeActions(adaptiveCardOf(activity)).find((a) => a.verb === verb && (!pick || pick(a)));
    assert.ok(action, `no ${verb} button`);
    // Teams sends the card's inputs with the click: on Yes, the reason or ticket number typed.
    return verb === 'confirm' ? { ...action, data: { ...action.data, reason: 'INC-1234' } } : action;
  }

  /** The passcode Intune generated for a device (read from the simulated tenant, not from the bot). */
  function intunePasscode(deviceId: string): string | undefined {
    const device = d.sim.tenant.devices.find((x) => x.id === deviceId)!;
    const results = device.deviceActionResults.filter((r) => r.actionName === 'resetPasscode' && r.passcode);
    return results.at(-1)?.passcode ?? undefined;
  }

  async function waitForPasscodeCard(user: TeamsUser): Promise<SentActivity> {
    const personal = personalChat(user, d.tenantId, d.teams);
    return d.teams.waitFor(
      () => visible(d.teams.inConversation(personal.id)).find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'hidePasscode')),
      20000,
      'the passcode card in the 1:1',
    );
  }

  /** Every place a secret must not be: logs, and everything sent outside the agent's 1:1. */
  function assertNotLeaked(secret: string, privateConversationId: string) {
    assert.ok(!d.logLines.some((line) => line.includes(secret)), 'secret found in the bot log');
    const elsewhere = d.teams.sent.filter((a) => a.conversationId !== privateConversationId);
    assert.ok(!elsewhere.some((a) => JSON.stringify(a.raw).includes(secret)), 'secret found in a shared conversation');
    const inTextOrSummary = d.teams.sent.some((a) => (a.text ?? '').includes(secret) || (a.summary ?? '').includes(secret));
    assert.ok(!inTextOrSummary, 'secret found in a message text or summary (notification)');
    assert.ok(!JSON.stringify(d.sim.requests).includes(secret), 'secret found in the simulator request log');
  }

  it('resets Alice Smith\'s phone from the 1:1 and sends the passcode only there', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, 'reset PIN for alice smith');
    assert.equal(await signInThroughOAuthCard(hana), 200);

    const confirmCard = await waitForCardWith(personal, 'confirm');
    const text = cardText(adaptiveCardOf(confirmCard));
    assert.match(text, /ALICE-LUMIA/);
    assert.match(text, /Lumia 950/);
    assert.match(text, /10\.0\.15063/);
    // The ineligible devices are listed, each with its reason.
    assert.match(text, /ALICE-SURFACE[\s\S]*not supported on Windows/);
    assert.match(text, /iPhone[\s\S]*not supported on iOS/);

    const yes = actionOf(confirmCard, 'confirm');
    const clicked = await d.teams.clickExecute(hana, personal, confirmCard.id, 'confirm', yes.data);
    assert.equal(clicked.status, 200);
    assert.ok(invokeCard(clicked.body), 'the click is answered with the updated card');
    assert.equal(executeActions(invokeCard(clicked.body)).filter((a) => a.verb === 'confirm').length, 0, 'no Yes button while resetting');

    const passcodeCard = await waitForPasscodeCard(hana);
    const passcode = intunePasscode(DEMO_DEVICES.aliceLumia);
    assert.ok(passcode, 'Intune produced a passcode');
    assert.ok(cardText(adaptiveCardOf(passcodeCard)).includes(passcode), 'the agent sees the passcode in the card');
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.aliceLumia), 1);
    assertNotLeaked(passcode, personal.id);
  });

  it('Hide replaces the passcode message itself, so no client keeps showing the passcode', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, 'reset PIN for alice smith');
    assert.equal(await signInThroughOAuthCard(hana), 200);
    const confirmCard = await waitForCardWith(personal, 'confirm');
    await d.teams.clickExecute(hana, personal, confirmCard.id, 'confirm', actionOf(confirmCard, 'confirm').data);
    const passcodeCard = await waitForPasscodeCard(hana);
    const passcode = intunePasscode(DEMO_DEVICES.aliceLumia)!;

    const hidden = await d.teams.clickExecute(hana, personal, passcodeCard.id, 'hidePasscode', actionOf(passcodeCard, 'hidePasscode').data);

    assert.equal(hidden.status, 200);
    assert.ok(!JSON.stringify(hidden.body).includes(passcode), 'the click is answered with the hidden card');
    // Teams (the stand-in's connector) was asked to replace the stored message.
    const update = await d.teams.waitFor(() => d.teams.sent.find((a) => a.id === passcodeCard.id && a.updated), 10000, 'the passcode message updated');
    assert.equal(update.conversationId, personal.id);
    assert.ok(!JSON.stringify(update.raw).includes(passcode), 'the updated message holds no passcode');
    assert.match(cardText(adaptiveCardOf(update)), /hidden/i);
    const shown = visible(d.teams.inConversation(personal.id)).filter((a) => a.id === passcodeCard.id);
    assert.deepEqual(shown.map((a) => JSON.stringify(a.raw).includes(passcode)), [false], 'every client now shows the hidden card only');
  });

  it('from a channel, posts the passcode in the agent\'s 1:1 and only says so in the channel', async () => {
    const channel = helpdeskChannel(d.tenantId);
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, channel, 'reset PIN for alice@contoso.com');
    // SSO cannot happen in a channel: the sign-in request arrives in the agent's 1:1.
    assert.equal(await signInThroughOAuthCard(hana), 200);

    const confirmCard = await waitForCardWith(channel, 'confirm');
    await d.teams.clickExecute(hana, channel, confirmCard.id, 'confirm', actionOf(confirmCard, 'confirm').data);
    await waitForPasscodeCard(hana);
    const passcode = intunePasscode(DEMO_DEVICES.aliceLumia)!;
    assertNotLeaked(passcode, personal.id);
    await d.teams.waitFor(
      () => d.teams.inConversation(channel.id).some((a) => /private/i.test(JSON.stringify(a.raw))),
      10000,
      'the channel being told the passcode went privately',
    );
  });

  it('asks which Alice when two people match, then continues with the one picked', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, 'reset PIN for alice');
    await signInThroughOAuthCard(hana);
    const pick = await waitForCardWith(personal, 'chooseUser');
    const choices = executeActions(adaptiveCardOf(pick)).filter((a) => a.verb === 'chooseUser');
    assert.equal(choices.length, 2);
    const smith = actionOf(pick, 'chooseUser', (a) => a.data.userId === DEMO_USERS.aliceSmith);
    const answer = await d.teams.clickExecute(hana, personal, pick.id, 'chooseUser', smith.data);
    const next = invokeCard(answer.body);
    assert.ok(executeActions(next).some((a) => a.verb === 'confirm'), 'the confirmation follows the pick');
    assert.match(cardText(next), /ALICE-LUMIA/);
  });

  it('says nothing can be reset when the user has no eligible device, and resets nothing', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, "reset PIN for Seán O'Brien");
    await signInThroughOAuthCard(hana);
    const card = await d.teams.waitFor(
      () => visible(d.teams.inConversation(personal.id)).find((a) => /O'Brien/.test(cardText(adaptiveCardOf(a)))),
      15000,
      "a card about Seán O'Brien",
    );
    assert.equal(executeActions(adaptiveCardOf(card)).filter((a) => a.verb === 'confirm').length, 0);
    assert.equal(d.sim.resetPostCount(), 0);
  });

  it('refuses someone outside the helpdesk group politely, without asking Intune anything', async () => {
    const personal = personalChat(marco, d.tenantId, d.teams);
    await d.teams.sendMessage(marco, personal, 'reset PIN for alice smith');
    await signInThroughOAuthCard(marco);
    await d.teams.waitFor(
      () => d.teams.inConversation(personal.id).some((a) => /helpdesk/i.test(`${a.text ?? ''} ${cardText(adaptiveCardOf(a))}`)),
      15000,
      'a refusal naming the helpdesk',
    );
    assert.equal(d.sim.countRequests({ pathIncludes: 'managedDevices' }), 0);
    assert.equal(d.sim.resetPostCount(), 0);
  });

  it('a double click on Yes resets once', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, 'reset PIN for alice smith');
    await signInThroughOAuthCard(hana);
    const confirmCard = await waitForCardWith(personal, 'confirm');
    const data = actionOf(confirmCard, 'confirm').data;
    const [first, second] = await Promise.all([
      d.teams.clickExecute(hana, personal, confirmCard.id, 'confirm', data),
      d.teams.clickExecute(hana, personal, confirmCard.id, 'confirm', data),
    ]);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    await waitForPasscodeCard(hana);
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.aliceLumia), 1);
  });

  it('another agent\'s click on the card resets nothing', async () => {
    const channel = helpdeskChannel(d.tenantId);
    await d.teams.sendMessage(hana, channel, 'reset PIN for alice smith');
    await signInThroughOAuthCard(hana);
    const confirmCard = await waitForCardWith(channel, 'confirm');
    const answer = await d.teams.clickExecute(kenji, channel, confirmCard.id, 'confirm', actionOf(confirmCard, 'confirm').data);
    assert.equal(answer.status, 200);
    assert.match(JSON.stringify(answer.body), /Hana/);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(d.sim.resetPostCount(), 0);
  });

  it('a 503 on the reset POST does not cause a second reset', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, 'reset PIN for alice smith');
    await signInThroughOAuthCard(hana);
    const confirmCard = await waitForCardWith(personal, 'confirm');
    // Intune performed the reset, but the answer was lost: the classic ambiguous case.
    d.sim.injectFault({ method: 'POST', path: '/resetPasscode', status: 503, afterHandling: true });
    await d.teams.clickExecute(hana, personal, confirmCard.id, 'confirm', actionOf(confirmCard, 'confirm').data);
    const passcodeCard = await waitForPasscodeCard(hana);
    assert.ok(cardText(adaptiveCardOf(passcodeCard)).includes(intunePasscode(DEMO_DEVICES.aliceLumia)!));
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.aliceLumia), 1);
  });

  it('a 503 before Intune acted ends with "check before retrying", still one POST', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, 'reset PIN for alice smith');
    await signInThroughOAuthCard(hana);
    const confirmCard = await waitForCardWith(personal, 'confirm');
    d.sim.injectFault({ method: 'POST', path: '/resetPasscode', status: 503 });
    await d.teams.clickExecute(hana, personal, confirmCard.id, 'confirm', actionOf(confirmCard, 'confirm').data);
    await d.teams.waitFor(
      () => d.teams.sent.some((a) => a.conversationId === personal.id && /intune\.microsoft\.com/.test(JSON.stringify(a.raw))),
      30000,
      'the outcome-unknown message with the Intune link',
    );
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.aliceLumia), 1);
  });

  it('a failed Intune action shows the error code and the admin center link', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, 'reset PIN for emma');
    await signInThroughOAuthCard(hana);
    const confirmCard = await waitForCardWith(personal, 'confirm');
    await d.teams.clickExecute(hana, personal, confirmCard.id, 'confirm', actionOf(confirmCard, 'confirm').data);
    const failure = await d.teams.waitFor(
      () => d.teams.sent.find((a) => a.conversationId === personal.id && /-2016345060/.test(JSON.stringify(a.raw))),
      20000,
      'the failure with Intune\'s error code',
    );
    const raw = JSON.stringify(failure.raw);
    assert.match(raw, new RegExp(`mdmDeviceId/${DEMO_DEVICES.emmaFailingPhone}`));
    assert.ok(!/at .*\.ts:\d+/.test(raw), 'no stack trace');
  });

  it('when the tenant has not consented, the agent gets the admin consent link', async () => {
    d.sim.tenant.adminConsentGranted = false;
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, 'reset PIN for alice smith');
    const status = await signInThroughOAuthCard(hana);
    assert.equal(status, 412, 'a failed exchange is answered 412');
    await d.teams.waitFor(
      () => d.teams.sent.some((a) => /adminconsent\?client_id=/.test(JSON.stringify(a.raw))),
      10000,
      'the admin consent link',
    );
    assert.equal(d.sim.resetPostCount(), 0);
  });
});
