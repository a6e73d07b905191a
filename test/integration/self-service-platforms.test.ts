import { strict as assert } from 'node:assert';
import type { AuditRecord } from '../../src/domain/audit/audit-record';
import { DEMO_DEVICES, DEMO_USERS } from '../../src/simulator';
import { adaptiveCardOf, executeActions, invokeCard, OAUTH, visible } from '../support/cards';
import { personalChat, startDeployment, type Deployment } from '../support/harness';
import { findInAccount } from '../support/storage-scan';
import { cardText, type ConversationSpec, type InvokeResult, type SentActivity, type TeamsUser } from '../support/teams-fake';

/**
 * Self-service for today's platforms over HTTP (Teams stand-in, simulated tenant): an iPhone
 * enrolled through ADE has its passcode removed, so the identity is checked with the approval and
 * nothing is handed over afterwards; an Android work profile gets a new work-profile passcode,
 * shown to the approving agent only, after the identity check.
 */

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const kenji: TeamsUser = { id: '29:kenji', aadObjectId: DEMO_USERS.kenjiSato, name: 'Kenji Sato' };
const nina: TeamsUser = { id: '29:nina', aadObjectId: DEMO_USERS.ninaBerg, name: 'Nina Berg' };
const ren: TeamsUser = { id: '29:ren', aadObjectId: DEMO_USERS.renTanaka, name: 'Ren Tanaka' };

const MESSAGE_ANSWER = 'application/vnd.microsoft.activity.message';
const VERIFY_FIRST = 'This device’s passcode will be removed, so there is nothing to hand over afterwards: record how you verified the employee’s identity before you approve.';

describe('Self-service for today’s platforms over HTTP (Teams stand-in, simulated tenant)', function () {
  this.timeout(40000);
  let d: Deployment;

  beforeEach(async () => {
    d = await startDeployment();
    for (const user of [hana, kenji, nina, ren]) d.teams.addUser(user);
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
      15000,
      what,
    );
  }

  function dataOf(activity: SentActivity, verb: string, deviceId?: string): Record<string, unknown> {
    const action = executeActions(adaptiveCardOf(activity)).find((a) => a.verb === verb && (deviceId === undefined || a.data.deviceId === deviceId));
    assert.ok(action, `no ${verb} button${deviceId ? ` for ${deviceId}` : ''}`);
    return action.data;
  }

  /** The text an invoke answered with when it answered with a message (not a card). */
  function messageOf(answer: InvokeResult): string | undefined {
    const body = answer.body as { type?: string; value?: unknown } | undefined;
    return body?.type === MESSAGE_ANSWER && typeof body.value === 'string' ? body.value : undefined;
  }

  /** Every input of a card (id → element), wherever it sits. */
  function inputsOf(card: unknown): Map<string, Record<string, unknown>> {
    const found = new Map<string, Record<string, unknown>>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (typeof record.type === 'string' && record.type.startsWith('Input.') && typeof record.id === 'string') found.set(record.id, record);
      Object.values(record).forEach(walk);
    };
    walk(card);
    return found;
  }

  /** All a conversation shows now: message texts and card texts, in order. */
  function shownIn(conversation: ConversationSpec): string {
    return visible(d.teams.inConversation(conversation.id))
      .map((a) => `${a.text ?? ''}\n${cardText(adaptiveCardOf(a))}`)
      .join('\n');
  }

  /** A helpdesk member signs in through the OAuthCard, so the bot knows them as helpdesk (their 1:1 gets cards). */
  async function signInAsHelpdesk(user: TeamsUser): Promise<void> {
    const chat = chatOf(user);
    await d.teams.sendMessage(user, chat, 'history');
    const oauth = await d.teams.waitFor(
      () => d.teams.inConversation(chat.id).find((a) => a.attachments?.some((x) => x.contentType === OAUTH)),
      15000,
      `an OAuthCard in ${user.name}’s 1:1`,
    );
    const content = oauth.attachments!.find((x) => x.contentType === OAUTH)!.content as { tokenExchangeResource: { id: string } };
    const answer = await d.teams.tokenExchange(user, chat, content.tokenExchangeResource.id, d.sim.signSsoToken(user.aadObjectId));
    assert.equal(answer.status, 200);
    for (let i = 0; i < 50; i++) {
      const members = await d.app.state.conversations.helpdeskMembers(10);
      if (members.some((m) => m.oid === user.aadObjectId)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`${user.name} is not known as a helpdesk member`);
  }

  /** The employee asks in their 1:1 and files a request for one device; returns the card in Hana's 1:1. */
  async function fileRequest(employee: TeamsUser, deviceName: string, deviceId: string, ask: string, locale = 'en-US'): Promise<SentActivity> {
    const chat = chatOf(employee);
    await d.teams.sendMessage(employee, chat, ask, locale);
    const devices = await cardWith(chat, 'fileRequest', `${employee.name}’s devices`);
    assert.ok(cardText(adaptiveCardOf(devices)).includes(deviceName), `${deviceName} is listed`);
    const filed = await d.teams.clickExecute(employee, chat, devices.id, 'fileRequest', { ...dataOf(devices, 'fileRequest', deviceId), justification: 'Locked out after the update' }, locale);
    assert.equal(filed.status, 200);
    assert.ok(invokeCard(filed.body), 'the employee sees the filed request');
    return cardWith(chatOf(hana), 'approveRequest', 'the request card in Hana’s 1:1');
  }

  /** The passcode Intune generated for a device (read from the simulated tenant, not from the bot). */
  function intunePasscode(deviceId: string): string | undefined {
    const device = d.sim.tenant.devices.find((x) => x.id === deviceId)!;
    return device.deviceActionResults.filter((r) => r.actionName === 'resetPasscode' && r.passcode).at(-1)?.passcode ?? undefined;
  }

  /** Any card the bot sent that hands over a passcode or asks for the identity check before one. */
  function passcodeOrVerifyCards(): SentActivity[] {
    return d.teams.sent.filter((a) =>
      executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'verifyIdentity' || x.verb === 'hideShownPasscode' || x.verb === 'hidePasscode'),
    );
  }

  /** The audit records of one request, oldest first (as the bot's audit log gives them back). */
  async function auditOf(requestId: string): Promise<AuditRecord[]> {
    return (await d.app.state.audit.recent(200)).filter((r) => r.requestId === requestId).reverse();
  }

  it('a removal (iPhone, ADE): Approve without an identity check is refused; with one, the passcode is removed and nothing is handed over', async () => {
    await signInAsHelpdesk(hana);
    const request = await fileRequest(nina, 'NINA-IPHONE', DEMO_DEVICES.ninaIphone, 'I forgot my PIN');
    const card = adaptiveCardOf(request);
    const text = cardText(card);
    assert.ok(text.includes('Nina Berg') && text.includes('NINA-IPHONE'), text);
    assert.ok(text.includes(VERIFY_FIRST), 'the card says the identity is verified first');
    const inputs = inputsOf(card);
    const method = inputs.get('method');
    assert.ok(method, 'a method choice on the card');
    assert.deepEqual(
      (method.choices as Array<{ value: string }>).map((c) => c.value),
      ['callBack', 'manager', 'inPerson', 'other'],
    );
    assert.ok(inputs.has('note'), 'a note input on the card');

    const hanaChat = chatOf(hana);
    const requestId = String(dataOf(request, 'approveRequest').requestId);
    const refused = await d.teams.clickExecute(hana, hanaChat, request.id, 'approveRequest', { ...dataOf(request, 'approveRequest'), denyReason: '', method: '', note: '' });
    assert.equal(refused.status, 200);
    const refusal = messageOf(refused);
    assert.ok(refusal, `a message answer, got ${JSON.stringify(refused.body)}`);
    assert.match(refusal, /the employee’s identity must be verified before you approve/);
    assert.match(refusal, /Choose how you verified who they are/);
    assert.equal(d.sim.resetPostCount(), 0, 'nothing was reset');
    assert.equal((await d.app.state.requests.get(requestId))?.state, 'open', 'the request is still open');

    const approved = await d.teams.clickExecute(hana, hanaChat, request.id, 'approveRequest', { ...dataOf(request, 'approveRequest'), denyReason: '', method: 'callBack', note: '' });
    assert.equal(approved.status, 200);
    assert.match(cardText(invokeCard(approved.body)), /Approved by Hana Suzuki/);

    const removed = await d.teams.waitFor(
      () => visible(d.teams.inConversation(hanaChat.id)).find((a) => /^Passcode removed$/m.test(cardText(adaptiveCardOf(a)))),
      20000,
      'the request card saying the passcode was removed',
    );
    const removedText = cardText(adaptiveCardOf(removed));
    assert.match(removedText, /The passcode of NINA-IPHONE was removed\. The employee must set a new passcode at once\./);
    assert.match(removedText, /Identity verified by Hana Suzuki \(Called back on a number we already know\)/);
    assert.ok(!executeActions(adaptiveCardOf(removed)).some((x) => x.verb === 'approveRequest'), 'nothing left to decide');
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.ninaIphone), 1);

    const ninaChat = chatOf(nina);
    await d.teams.waitFor(
      () =>
        d.teams
          .inConversation(ninaChat.id)
          .some((a) => (a.text ?? '').includes('Your request was approved by Hana Suzuki: the passcode of NINA-IPHONE was removed. Unlock your device without a passcode and set a new one at once in Settings.')),
      15000,
      'Nina told of the removal',
    );
    assert.doesNotMatch(shownIn(ninaChat), /will contact you after checking who you are/, 'nobody will hand her a passcode');

    // Nothing to hand over: no identity question afterwards, no passcode card, in any conversation.
    assert.deepEqual(passcodeOrVerifyCards().map((a) => a.conversationId), []);
    assert.ok(!d.teams.sent.some((a) => /New (work-profile )?passcode for/.test(`${a.text ?? ''}\n${cardText(adaptiveCardOf(a))}`)), 'no passcode card');
    assert.equal(intunePasscode(DEMO_DEVICES.ninaIphone), undefined, 'Intune made no passcode');

    // The identity check is on record before the reset was started, and before Intune was called.
    const records = await auditOf(requestId);
    const kinds = records.map((r) => r.kind);
    const verified = records.find((r) => r.kind === 'identity.verified');
    const started = records.find((r) => r.kind === 'reset.started');
    assert.ok(verified && started, `audit of the request: ${kinds.join(', ')}`);
    assert.equal(verified.verification, 'callBack');
    assert.equal(verified.actor.oid, DEMO_USERS.hanaSuzuki);
    assert.ok(kinds.indexOf('identity.verified') < kinds.indexOf('reset.started'), `order: ${kinds.join(', ')}`);
    assert.ok(Date.parse(verified.at) < Date.parse(started.at), `${verified.at} before ${started.at}`);
    const post = d.sim.requests.find((r) => r.method === 'POST' && r.path.includes(DEMO_DEVICES.ninaIphone) && r.path.includes('resetPasscode'));
    assert.ok(post, 'the reset POST reached the simulated Intune');
    assert.ok(Date.parse(verified.at) <= Date.parse(post.at), `verified ${verified.at}, POST answered ${post.at}`);
    assert.equal(records.filter((r) => r.kind === 'identity.verified').length, 1, 'verified once');
    assert.equal(records.find((r) => r.kind === 'reset.succeeded')?.outcome, 'passcodeRemoved');

    // The request is over, as Nina sees it in "my requests".
    await d.teams.sendMessage(nina, ninaChat, 'my requests');
    const mine = await d.teams.waitFor(
      () => visible(d.teams.inConversation(ninaChat.id)).find((a) => /^Your requests$/m.test(cardText(adaptiveCardOf(a)))),
      15000,
      'Nina’s requests',
    );
    assert.match(cardText(adaptiveCardOf(mine)), /NINA-IPHONE\nApproved and done/);
  });

  it('a removal’s request card never says a passcode went to the agent', async () => {
    await signInAsHelpdesk(hana);
    const request = await fileRequest(nina, 'NINA-IPHONE', DEMO_DEVICES.ninaIphone, 'I forgot my PIN');
    const hanaChat = chatOf(hana);
    await d.teams.clickExecute(hana, hanaChat, request.id, 'approveRequest', { ...dataOf(request, 'approveRequest'), method: 'manager', note: '' });
    const removed = await d.teams.waitFor(
      () => visible(d.teams.inConversation(hanaChat.id)).find((a) => /^Passcode removed$/m.test(cardText(adaptiveCardOf(a)))),
      20000,
      'the request card saying the passcode was removed',
    );
    assert.doesNotMatch(cardText(adaptiveCardOf(removed)), /passcode went to/i);
  });

  it('a work profile (Android): approve, identity check, then the new work-profile passcode in the approver’s 1:1 only', async () => {
    await signInAsHelpdesk(hana);
    await signInAsHelpdesk(kenji);
    const request = await fileRequest(ren, 'REN-PIXEL8', DEMO_DEVICES.renPixel, 'reset my PIN');
    const card = adaptiveCardOf(request);
    assert.ok(!cardText(card).includes(VERIFY_FIRST), 'a new passcode is handed over later: no identity check on the approval');
    assert.ok(!inputsOf(card).has('method'));
    await cardWith(chatOf(kenji), 'approveRequest', 'the request card in Kenji’s 1:1 too');

    const hanaChat = chatOf(hana);
    const approved = await d.teams.clickExecute(hana, hanaChat, request.id, 'approveRequest', { ...dataOf(request, 'approveRequest'), denyReason: '' });
    assert.equal(approved.status, 200);
    assert.match(cardText(invokeCard(approved.body)), /Approved by Hana Suzuki/);

    const question = await cardWith(hanaChat, 'verifyIdentity', 'the identity question in Hana’s 1:1');
    assert.match(cardText(adaptiveCardOf(question)), /How did you verify Ren Tanaka's identity\?/);
    const passcode = intunePasscode(DEMO_DEVICES.renPixel);
    assert.ok(passcode, 'Intune produced a passcode');
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.renPixel), 1);
    assert.ok(!JSON.stringify(question.raw).includes(passcode), 'not before the identity is confirmed');

    const revealed = await d.teams.clickExecute(hana, hanaChat, question.id, 'verifyIdentity', { ...dataOf(question, 'verifyIdentity'), method: 'inPerson', note: '' });
    assert.equal(revealed.status, 200);
    const shown = cardText(invokeCard(revealed.body));
    assert.ok(shown.split('\n').includes(passcode), 'Hana sees the passcode Intune generated');

    // Every copy of the request card says how it ended; Ren is told, without the passcode.
    for (const member of [hana, kenji]) {
      await d.teams.waitFor(
        () => visible(d.teams.inConversation(chatOf(member).id)).some((a) => /Identity verified by Hana Suzuki/.test(cardText(adaptiveCardOf(a)))),
        15000,
        `${member.name}’s copy showing the verification`,
      );
    }
    await d.teams.waitFor(() => /will contact you after checking who you are/.test(shownIn(chatOf(ren))), 15000, 'Ren told of the approval');

    // The passcode went nowhere else: no message (any conversation), log, simulator log or storage.
    assert.ok(!d.teams.sent.some((a) => JSON.stringify(a.raw).includes(passcode)), 'passcode in a message the bot sent');
    assert.ok(!d.logLines.some((line) => line.includes(passcode)), 'passcode in the bot log');
    assert.ok(!JSON.stringify(d.sim.requests).includes(passcode), 'passcode in the simulator request log');
    assert.deepEqual(await findInAccount(d.azurite.connectionString, passcode), [], 'passcode in storage');

    // The card says what the passcode unlocks: the work profile, not the device.
    assert.match(shown, /^New work-profile passcode for REN-PIXEL8$/m);
    assert.match(shown, /unlocks the work profile only/);
  });

  it('in Japanese: Nina is told in Japanese that the passcode was removed', async () => {
    await signInAsHelpdesk(hana);
    const request = await fileRequest(nina, 'NINA-IPHONE', DEMO_DEVICES.ninaIphone, 'PIN を忘れました', 'ja-JP');
    const hanaChat = chatOf(hana);
    const approved = await d.teams.clickExecute(hana, hanaChat, request.id, 'approveRequest', { ...dataOf(request, 'approveRequest'), method: 'inPerson', note: '' });
    assert.match(cardText(invokeCard(approved.body)), /Approved by Hana Suzuki/);

    const ninaChat = chatOf(nina);
    const told = await d.teams.waitFor(
      () => d.teams.inConversation(ninaChat.id).find((a) => (a.text ?? '').includes('依頼が承認されました')),
      20000,
      'Nina told in Japanese',
    );
    assert.ok(
      (told.text ?? '').includes('Hana Suzuki さんがリクエストを承認しました。NINA-IPHONE のパスコードは削除されました。パスコードなしでロックを解除し、すぐに設定アプリで新しいパスコードを設定してください。'),
      told.text,
    );
    assert.doesNotMatch(shownIn(ninaChat), /passcode was removed|Your request was approved/, 'nothing in English');
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.ninaIphone), 1);
    assert.deepEqual(passcodeOrVerifyCards().map((a) => a.conversationId), []);
  });
});
