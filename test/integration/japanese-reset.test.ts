import { strict as assert } from 'node:assert';
import { DEMO_DEVICES, DEMO_USERS } from '../../src/simulator';
import { adaptiveCardOf, executeActions, invokeCard, OAUTH, visible } from '../support/cards';
import { personalChat, startDeployment, type Deployment } from '../support/harness';
import { cardText, type SentActivity, type TeamsUser } from '../support/teams-fake';

/**
 * A whole reset conversation in Japanese over HTTP: Teams sends `locale: ja-JP`, the agent writes
 * in Japanese, and every card and message the agent sees is in Japanese.
 */
const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const JA = 'ja-JP';
/** Hiragana or katakana: text a Japanese user can read (names and device models aside). */
const KANA = /[\u3040-\u30ff]/;

describe('Agent reset in Japanese over HTTP', function () {
  this.timeout(60000);
  let d: Deployment;

  before(async () => {
    d = await startDeployment();
    d.teams.addUser(hana);
  });
  after(async () => {
    await d.stop();
  });

  const personal = () => personalChat(hana, d.tenantId, d.teams);

  function latestWith(verb: string): SentActivity | undefined {
    return visible(d.teams.inConversation(personal().id))
      .reverse()
      .find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === verb));
  }

  it('山田 太郎 の PIN をリセット: pick the phone, confirm with a ticket, receive the passcode — all in Japanese', async () => {
    await d.teams.sendMessage(hana, personal(), '山田 太郎 の PIN をリセットしてください', JA);

    const oauth = await d.teams.waitFor(
      () => d.teams.inConversation(personal().id).find((a) => a.attachments?.some((x) => x.contentType === OAUTH)),
      15000,
      'the sign-in card',
    );
    const exchange = (oauth.attachments!.find((x) => x.contentType === OAUTH)!.content as { tokenExchangeResource: { id: string } }).tokenExchangeResource.id;
    const signedIn = await d.teams.tokenExchange(hana, personal(), exchange, d.sim.signSsoToken(hana.aadObjectId));
    assert.equal(signedIn.status, 200);

    // Two eligible phones: the agent picks one; the iPad is listed with its reason, in Japanese.
    const pick = await d.teams.waitFor(() => latestWith('chooseDevice'), 15000, 'the device choice');
    const pickText = cardText(adaptiveCardOf(pick));
    assert.match(pickText, KANA, 'the choice card is in Japanese');
    assert.match(pickText, /山田 太郎/);
    const phone = executeActions(adaptiveCardOf(pick)).find((a) => a.verb === 'chooseDevice' && a.data.deviceId === DEMO_DEVICES.taroPhone1);
    assert.ok(phone, 'the first phone can be chosen');

    const chosen = await d.teams.clickExecute(hana, personal(), pick.id, 'chooseDevice', phone.data, JA);
    const confirm = invokeCard(chosen.body);
    assert.match(cardText(confirm), /このデバイスのパスコードをリセットしますか/);
    const yes = executeActions(confirm).find((a) => a.verb === 'confirm');
    assert.ok(yes, 'the confirmation has a Yes button');
    assert.equal(yes.title, 'はい、リセットします');

    const clicked = await d.teams.clickExecute(hana, personal(), pick.id, 'confirm', { ...yes.data, reason: 'チケット 4711' }, JA);
    assert.equal(clicked.status, 200);
    assert.match(cardText(invokeCard(clicked.body)), KANA, 'the progress card is in Japanese');

    const passcodeCard = await d.teams.waitFor(() => latestWith('hidePasscode'), 20000, 'the passcode card');
    const text = cardText(adaptiveCardOf(passcodeCard));
    const device = d.sim.tenant.devices.find((x) => x.id === DEMO_DEVICES.taroPhone1)!;
    const passcode = device.deviceActionResults.filter((r) => r.actionName === 'resetPasscode').at(-1)?.passcode;
    assert.ok(passcode, 'Intune produced a passcode');
    assert.ok(text.includes(passcode), 'the agent sees the passcode');
    assert.match(text, /の新しいパスコード/);
    // Dates follow the locale: Japanese year/month/day.
    assert.match(text, /\d{4}年\d{1,2}月\d{1,2}日/);
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.taroPhone1), 1);
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.taroPhone2), 0);
  });

  it('answers help in Japanese', async () => {
    await d.teams.sendMessage(hana, personal(), 'ヘルプ', JA);
    const help = await d.teams.waitFor(
      () => d.teams.inConversation(personal().id).find((a) => (a.text ?? '').includes('PIN をリセット')),
      10000,
      'the Japanese help text',
    );
    assert.match(help.text!, KANA);
  });
});
