import { strict as assert } from 'node:assert';
import { DEMO_DEVICES, DEMO_USERS } from '../../src/simulator';
import {
  actionOf,
  assertNotLeaked as notLeaked,
  intunePasscode as passcodeInIntune,
  signInThroughOAuthCard as signIn,
  waitForCardWith as waitForCard,
  waitForPasscodeCard as waitForPasscode,
} from '../support/agent-steps';
import { adaptiveCardOf, executeActions, invokeCard, visible } from '../support/cards';
import { helpdeskChannel, personalChat, startDeployment, type Deployment } from '../support/harness';
import { cardText, type ConversationSpec, type TeamsUser } from '../support/teams-fake';

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

  const signInThroughOAuthCard = (user: TeamsUser) => signIn(d, user);
  const waitForCardWith = (conversation: ConversationSpec, verb: string) => waitForCard(d, conversation, verb);
  const intunePasscode = (deviceId: string) => passcodeInIntune(d, deviceId);
  const waitForPasscodeCard = (user: TeamsUser) => waitForPasscode(d, user);
  const assertNotLeaked = (secret: string, privateConversationId: string) => notLeaked(d, secret, privateConversationId);

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
    assert.match(text, /ALICE-SURFACE[\s\S]*Intune does not reset Windows 10\/11 PINs/);
    assert.match(text, /iPhone[\s\S]*Apple User Enrollment do not support removing the passcode/);

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
