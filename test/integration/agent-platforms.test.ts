import { strict as assert } from 'node:assert';
import { DEMO_DEVICES, DEMO_USERS } from '../../src/simulator';
import {
  actionOf,
  assertNotLeaked,
  conversationText,
  intunePasscode,
  signInThroughOAuthCard,
  waitForCardWith,
  waitForPasscodeCard,
} from '../support/agent-steps';
import { adaptiveCardOf, executeActions, invokeCard, visible } from '../support/cards';
import { helpdeskChannel, personalChat, startDeployment, type Deployment } from '../support/harness';
import { cardText, type TeamsUser } from '../support/teams-fake';

/**
 * Today's platforms, end to end over HTTP: an Android work profile gets a new work-profile
 * passcode (privately), an iPhone has its passcode removed (no passcode anywhere), a Windows 11
 * laptop gets Windows Hello guidance, a failed Android reset names the usual cause.
 */

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const nina: TeamsUser = { id: '29:nina', aadObjectId: DEMO_USERS.ninaBerg, name: 'Nina Berg' };
const ren: TeamsUser = { id: '29:ren', aadObjectId: DEMO_USERS.renTanaka, name: 'Ren Tanaka' };

describe('Today\'s platforms over HTTP (Teams stand-in, simulated tenant)', function () {
  this.timeout(60000);
  let d: Deployment;

  afterEach(async () => {
    await d?.stop();
  });

  async function start(env: Record<string, string> = {}): Promise<void> {
    d = await startDeployment({ env });
    for (const user of [hana, nina, ren]) d.teams.addUser(user);
  }

  /** The agent asks; the bot answers with a card (after the first sign-in). */
  async function ask(text: string, locale = 'en-US'): Promise<void> {
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, text, locale);
    assert.equal(await signInThroughOAuthCard(d, hana), 200);
  }

  it('an Android personally-owned work profile gets a new work-profile passcode, shown to the agent only', async () => {
    await start();
    // Ren has written to the bot before, so the owner notice can reach him.
    await d.teams.sendMessage(ren, personalChat(ren, d.tenantId, d.teams), 'hello');
    const personal = personalChat(hana, d.tenantId, d.teams);
    await ask('reset PIN for ren');
    const confirm = await waitForCardWith(d, personal, 'confirm');
    const text = cardText(adaptiveCardOf(confirm));
    assert.match(text, /REN-PIXEL8/);
    assert.match(text, /Android Enterprise personally-owned work profile/);
    assert.match(text, /new passcode for the work profile \(not the device’s own screen lock\)/);
    assert.match(text, /Ren Tanaka is asked on the device to activate it/);
    assert.match(text, /sent to you only/);
    // The other two are listed with today's reasons.
    assert.match(text, /REN-XPERIA[\s\S]*device administrator devices cannot be reset/);
    assert.match(text, /REN-NEXUS[\s\S]*runs 7\.1\.2, and 8\.0 or later is needed/);

    await d.teams.clickExecute(hana, personal, confirm.id, 'confirm', actionOf(confirm, 'confirm').data);
    const card = await waitForPasscodeCard(d, hana);
    const passcode = intunePasscode(d, DEMO_DEVICES.renPixel);
    assert.ok(passcode, 'Intune produced a passcode');
    const shown = cardText(adaptiveCardOf(card));
    assert.match(shown, /New work-profile passcode for REN-PIXEL8/);
    assert.match(shown, /unlocks the work profile only/);
    assert.ok(shown.includes(passcode));
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.renPixel), 1);
    assertNotLeaked(d, passcode, personal.id);
    const renChat = personalChat(ren, d.tenantId, d.teams);
    await d.teams.waitFor(
      () => /work-profile passcode of your device REN-PIXEL8 was reset by Hana Suzuki/.test(conversationText(d, renChat.id)),
      10000,
      'the owner notice about the work profile',
    );
  });

  it('an iPhone enrolled through ADE has its passcode removed: the agent is told, no passcode exists anywhere', async () => {
    await start();
    await d.teams.sendMessage(nina, personalChat(nina, d.tenantId, d.teams), 'hello');
    const channel = helpdeskChannel(d.tenantId);
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, channel, 'reset PIN for nina');
    assert.equal(await signInThroughOAuthCard(d, hana), 200);
    const confirm = await waitForCardWith(d, channel, 'confirm');
    const text = cardText(adaptiveCardOf(confirm));
    assert.match(text, /NINA-IPHONE/);
    assert.match(text, /Intune removes the passcode: the device will have none until Nina Berg sets one\. No new passcode exists, so nothing is sent to you\./);
    assert.doesNotMatch(text, /will be sent to you only/);
    assert.match(text, /NINA-IPAD[\s\S]*Apple User Enrollment/);
    const yes = executeActions(adaptiveCardOf(confirm)).find((a) => a.verb === 'confirm');
    assert.equal(yes?.title, 'Yes, remove the passcode');

    await d.teams.clickExecute(hana, channel, confirm.id, 'confirm', actionOf(confirm, 'confirm').data);
    const done = await d.teams.waitFor(
      () => visible(d.teams.inConversation(channel.id)).find((a) => /Passcode removed/.test(cardText(adaptiveCardOf(a)))),
      20000,
      'the card saying the passcode was removed',
    );
    assert.match(cardText(adaptiveCardOf(done)), /ask Nina Berg to set a new one at once/);
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.ninaIphone), 1);
    // Nothing to hand over: no passcode card in the agent's 1:1, no Hide button anywhere.
    assert.ok(!d.teams.sent.some((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'hidePasscode')));
    assert.doesNotMatch(conversationText(d, personal.id), /New passcode/);
    const ninaChat = personalChat(nina, d.tenantId, d.teams);
    await d.teams.waitFor(
      () => /passcode of your device NINA-IPHONE was removed by Hana Suzuki[\s\S]*set a new one at once/.test(conversationText(d, ninaChat.id)),
      10000,
      'the owner notice about the removal',
    );

    // Afterwards there is nothing to show, and the history names the removal.
    await d.teams.sendMessage(hana, personal, 'show passcode for nina');
    await d.teams.waitFor(
      () => /NINA-IPHONE .* removed its passcode: there is no passcode to show/.test(conversationText(d, personal.id)),
      10000,
      'show passcode saying there is none',
    );
    await d.teams.sendMessage(hana, personal, 'history nina berg');
    await d.teams.waitFor(() => /Outcome: passcode removed/.test(conversationText(d, personal.id)), 10000, 'history naming the removal');
  });

  it('a Windows 11 laptop is not reset: the agent learns how the employee resets the Windows Hello PIN', async () => {
    await start();
    const personal = personalChat(hana, d.tenantId, d.teams);
    await ask('reset PIN for lucas');
    const text = await d.teams.waitFor(
      () => {
        const all = conversationText(d, personal.id);
        return /Lucas Meyer/.test(all) && /I forgot my PIN/.test(all) ? all : undefined;
      },
      15000,
      'the Windows Hello guidance',
    );
    assert.match(text, /BER-ENG-0117[\s\S]*Intune does not reset Windows 10\/11 PINs/);
    assert.match(text, /Windows PINs are reset by the employee/);
    assert.match(text, /Lucas Meyer selects “I forgot my PIN”/);
    // The demo tenant lacks the EnablePinRecovery policy: the agent learns the reset is destructive there.
    assert.match(text, /Non-destructive PIN reset is not fully set up in this organization/);
    assert.equal(d.sim.resetPostCount(), 0);
  });

  it('a failed Android reset names the usual causes, keeps the error code and the device link', async () => {
    await start();
    const personal = personalChat(hana, d.tenantId, d.teams);
    await ask('reset PIN for sofia');
    const confirm = await waitForCardWith(d, personal, 'confirm');
    const answer = await d.teams.clickExecute(hana, personal, confirm.id, 'confirm', actionOf(confirm, 'confirm').data);
    assert.ok(invokeCard(answer.body));
    const failed = await d.teams.waitFor(
      () => visible(d.teams.inConversation(personal.id)).find((a) => /did not complete/.test(cardText(adaptiveCardOf(a)))),
      20000,
      'the failure card',
    );
    const text = cardText(adaptiveCardOf(failed));
    assert.match(text, /no device passcode or work-profile password policy is assigned to the device \(the most common\)/);
    assert.match(text, /-2016345060/);
    assert.match(JSON.stringify(adaptiveCardOf(failed)), new RegExp(`mdmDeviceId/${DEMO_DEVICES.sofiaFullyManaged}`));
  });

  it('lists every platform of a field kit with what Intune does, and an unknown enrollment type is never guessed', async () => {
    await start();
    const personal = personalChat(hana, d.tenantId, d.teams);
    await ask('reset PIN for kai@contoso.com');
    const pick = await waitForCardWith(d, personal, 'chooseDevice');
    const text = cardText(adaptiveCardOf(pick));
    const choices = executeActions(adaptiveCardOf(pick)).filter((a) => a.verb === 'chooseDevice').map((a) => a.data.deviceId);
    assert.deepEqual(
      [...choices].sort(),
      [DEMO_DEVICES.kaiKiosk, DEMO_DEVICES.kaiAospHeadset, DEMO_DEVICES.kaiAospUserless, DEMO_DEVICES.kaiCorporateWorkProfile, DEMO_DEVICES.kaiVisionPro].sort(),
    );
    assert.match(text, /HAM-RUGGED-09[\s\S]*Not supported: unknown enrollment type androidEnterpriseDeviceOwnerNext/);

    const visionPro = actionOf(pick, 'chooseDevice', (a) => a.data.deviceId === DEMO_DEVICES.kaiVisionPro);
    const answer = await d.teams.clickExecute(hana, personal, pick.id, 'chooseDevice', visionPro.data);
    assert.match(cardText(invokeCard(answer.body)), /Intune removes the passcode/);
  });

  it('in Japanese: an iPhone removal is explained in Japanese', async () => {
    await start();
    const personal = personalChat(hana, d.tenantId, d.teams);
    await ask('nina の PIN をリセット', 'ja-JP');
    const confirm = await waitForCardWith(d, personal, 'confirm');
    const text = cardText(adaptiveCardOf(confirm));
    assert.match(text, /Intune がパスコードを削除します。Nina Berg さんが設定するまで/);
    assert.match(text, /はい、パスコードを削除します/);
    await d.teams.clickExecute(hana, personal, confirm.id, 'confirm', actionOf(confirm, 'confirm').data, 'ja-JP');
    await d.teams.waitFor(() => /パスコードを削除しました/.test(conversationText(d, personal.id)), 20000, 'the removal in Japanese');
  });

  it('with PASSCODE_REMOVAL=deny, an iPhone is listed as turned off and nothing is removed', async () => {
    await start({ PASSCODE_REMOVAL: 'deny' });
    const personal = personalChat(hana, d.tenantId, d.teams);
    await ask('reset PIN for nina');
    const text = await d.teams.waitFor(
      () => {
        const all = conversationText(d, personal.id);
        return /NINA-IPHONE/.test(all) ? all : undefined;
      },
      15000,
      'the device list',
    );
    assert.match(text, /NINA-IPHONE[\s\S]*Removing the passcode of iOS\/iPadOS devices is turned off by your administrator/);
    assert.equal(latestConfirm(personal.id), undefined, 'no confirmation offered');
    assert.equal(d.sim.resetPostCount(), 0);
  });

  function latestConfirm(conversationId: string) {
    return visible(d.teams.inConversation(conversationId)).find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'confirm'));
  }
});
