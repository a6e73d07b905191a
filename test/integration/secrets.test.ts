import { strict as assert } from 'node:assert';
import { t } from '../../src/i18n';
import { DEMO_DEVICES, DEMO_USERS } from '../../src/simulator';
import { ADAPTIVE, adaptiveCardOf, executeActions, invokeCard, OAUTH, visible } from '../support/cards';
import { helpdeskChannel, personalChat, startDeployment, type Deployment } from '../support/harness';
import { readWholeAccount } from '../support/storage-scan';
import { cardText, type ConversationSpec, type InvokeResult, type SentActivity, type TeamsUser } from '../support/teams-fake';

/**
 * Secrets stay where they belong. One deployment runs every flow — an agent's reset in the 1:1,
 * an agent's reset from a channel, an employee's request approved in the approvals channel with
 * the identity check, a reset Intune fails, history, and "show passcode" — then everything the
 * run left behind is searched for every passcode Intune generated and every token issued (the SSO
 * tokens Teams would send, the access tokens Entra handed out, the app's client secret):
 * - the bot's log lines and everything written to this process's stdout and stderr;
 * - every entity of every table and every blob of every container in the storage account;
 * - the audit records, read through the bot's own audit log;
 * - every activity sent to a shared conversation (channel), in full, and the text and summary
 *   (what notifications show) of every message anywhere;
 * - every answer to a card click;
 * - the simulated tenant's request log.
 * Expected: a passcode only in an agent's own 1:1, in a card body; a token nowhere.
 */

const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
const kenji: TeamsUser = { id: '29:kenji', aadObjectId: DEMO_USERS.kenjiSato, name: 'Kenji Sato' };
const alice: TeamsUser = { id: '29:alice', aadObjectId: DEMO_USERS.aliceSmith, name: 'Alice Smith' };
const taro: TeamsUser = { id: '29:taro', aadObjectId: DEMO_USERS.taroYamada, name: '山田 太郎' };
const oliver: TeamsUser = { id: '29:oliver', aadObjectId: DEMO_USERS.oliverBrown, name: 'Oliver Brown' };
const emma: TeamsUser = { id: '29:emma', aadObjectId: DEMO_USERS.emmaWilson, name: 'Emma Wilson' };

/** Where a secret was found, and whether it may be there. */
interface Sighting {
  where: string;
  allowed: boolean;
}

describe('Secrets: after every flow, passcodes are only in the agents’ private cards and tokens nowhere', function () {
  this.timeout(120_000);
  let d: Deployment;
  /** Everything written to stdout and stderr while the deployment ran (libraries print there). */
  const output: string[] = [];
  /** Every answer the bot gave to an invoke (card clicks, sign-in), with where it was clicked. */
  const answers: Array<{ conversation: ConversationSpec; answer: InvokeResult }> = [];
  const restore: Array<() => void> = [];

  before(async function () {
    this.timeout(60_000);
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        output.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => {
        stream.write = original as typeof stream.write;
      });
    }
    d = await startDeployment();
    for (const user of [hana, kenji, alice, taro, oliver, emma]) d.teams.addUser(user);
  });

  after(async () => {
    await d?.stop();
    restore.forEach((undo) => undo());
  });

  const chatOf = (user: TeamsUser): ConversationSpec => personalChat(user, d.tenantId, d.teams);
  const channel = (): ConversationSpec => helpdeskChannel(d.tenantId);

  async function click(user: TeamsUser, conversation: ConversationSpec, card: SentActivity, verb: string, extra: Record<string, unknown> = {}, pick?: (data: Record<string, unknown>) => boolean): Promise<InvokeResult> {
    const action = executeActions(adaptiveCardOf(card)).find((a) => a.verb === verb && (!pick || pick(a.data)));
    assert.ok(action, `no ${verb} button`);
    const answer = await d.teams.clickExecute(user, conversation, card.id, verb, { ...action.data, ...extra });
    answers.push({ conversation, answer });
    assert.equal(answer.status, 200, `${verb} answered`);
    return answer;
  }

  /** The newest visible card in a conversation with a button of this verb, sent after `mark`. */
  function cardWith(conversation: ConversationSpec, verb: string, mark = 0, what = `a card with ${verb}`): Promise<SentActivity> {
    return d.teams.waitFor(
      () =>
        visible(d.teams.sent.slice(mark))
          .filter((a) => a.conversationId === conversation.id)
          .reverse()
          .find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === verb)),
      20_000,
      what,
    );
  }

  /** Send a message; when the bot asks this agent to sign in (in their 1:1), answer like Teams. */
  async function say(user: TeamsUser, conversation: ConversationSpec, text: string): Promise<number> {
    const mark = d.teams.sent.length;
    await d.teams.sendMessage(user, conversation, text);
    const oauth = d.teams.sent.slice(mark).find((a) => a.conversationId === chatOf(user).id && a.attachments?.some((x) => x.contentType === OAUTH));
    if (oauth) {
      const content = oauth.attachments!.find((x) => x.contentType === OAUTH)!.content as { tokenExchangeResource: { id: string } };
      const answer = await d.teams.tokenExchange(user, chatOf(user), content.tokenExchangeResource.id, d.sim.signSsoToken(user.aadObjectId));
      answers.push({ conversation: chatOf(user), answer });
      assert.equal(answer.status, 200, `${user.name} signed in`);
      // Requests other than a reset are not resumed after a sign-in: the bot asks to send it again.
      if (textsSince(chatOf(user), mark).includes(t('en', 'bot.signIn.done'))) {
        const again = d.teams.sent.length;
        await d.teams.sendMessage(user, conversation, text);
        return again;
      }
    }
    return mark;
  }

  function textsSince(conversation: ConversationSpec, mark: number): string {
    return d.teams.sent
      .slice(mark)
      .filter((a) => a.conversationId === conversation.id)
      .map((a) => `${a.text ?? ''}\n${cardText(adaptiveCardOf(a))}`)
      .join('\n');
  }

  /** Reset through the confirmation card: Yes with a ticket number, then the passcode card in the agent's 1:1. */
  async function confirmAndWait(agent: TeamsUser, conversation: ConversationSpec, mark: number, shown?: SentActivity): Promise<void> {
    const confirm = shown ?? (await cardWith(conversation, 'confirm', mark));
    const before = d.teams.sent.length;
    await click(agent, conversation, confirm, 'confirm', { reason: 'INC-2001' });
    await cardWith(chatOf(agent), 'hidePasscode', before, `the passcode card in ${agent.name}’s 1:1`);
  }

  it('runs every flow, then finds each passcode only in an agent’s private card and no token anywhere', async () => {
    // Two device owners have talked to the bot once, so it knows their 1:1 for the reset notices.
    for (const owner of [oliver, taro]) await d.teams.sendMessage(owner, chatOf(owner), 'help');

    // History (and Hana's sign-in through the OAuthCard).
    let mark = await say(hana, chatOf(hana), 'history');
    await d.teams.waitFor(() => /history|履歴|record/i.test(textsSince(chatOf(hana), mark)), 15_000, 'the history card');

    // 1. An agent's reset in the 1:1.
    mark = await say(hana, chatOf(hana), 'reset PIN for oliver@contoso.com');
    await confirmAndWait(hana, chatOf(hana), mark);

    // 2. An agent's reset from the helpdesk channel, choosing one of two phones (sign-in in his 1:1).
    mark = await say(kenji, channel(), 'reset PIN for taro.yamada@contoso.com');
    const choose = await cardWith(channel(), 'chooseDevice', mark);
    const chosen = await click(kenji, channel(), choose, 'chooseDevice', {}, (data) => data.deviceId === DEMO_DEVICES.taroPhone1);
    assert.ok(executeActions(invokeCard(chosen.body)).some((a) => a.verb === 'confirm'), 'the confirmation follows the choice');
    // The click's answer replaced the card in place: that card now holds the Yes button.
    const replaced: SentActivity = { ...choose, attachments: [{ contentType: ADAPTIVE, content: invokeCard(chosen.body) }] };
    await confirmAndWait(kenji, channel(), mark, replaced);

    // 3. Self-service: the approvals channel, Alice's request, Hana approves there and verifies in her 1:1.
    mark = await say(hana, channel(), 'use this channel for approvals');
    await d.teams.waitFor(() => /will appear in this channel/.test(textsSince(channel(), mark)), 15_000, 'the approvals channel set');
    mark = await say(alice, chatOf(alice), 'I forgot my PIN');
    const devices = await cardWith(chatOf(alice), 'fileRequest', mark);
    await click(alice, chatOf(alice), devices, 'fileRequest', { justification: 'Locked out after a trip' }, (data) => data.deviceId === DEMO_DEVICES.aliceLumia);
    const request = await cardWith(channel(), 'approveRequest', mark, 'the request card in the channel');
    const approvedAt = d.teams.sent.length;
    await click(hana, channel(), request, 'approveRequest');
    const question = await cardWith(chatOf(hana), 'verifyIdentity', approvedAt, 'the identity question in Hana’s 1:1');
    const revealed = await click(hana, chatOf(hana), question, 'verifyIdentity', { method: 'callBack', note: 'Called her desk phone' });
    assert.match(cardText(invokeCard(revealed.body)), /\d{6,}/, 'Hana sees the passcode after the identity check');

    // 4. A reset Intune fails.
    mark = await say(hana, chatOf(hana), 'reset PIN for emma');
    const emmaConfirm = await cardWith(chatOf(hana), 'confirm', mark);
    await click(hana, chatOf(hana), emmaConfirm, 'confirm', { reason: 'INC-2002' });
    await d.teams.waitFor(() => d.teams.sent.some((a) => a.conversationId === chatOf(hana).id && /-2016345060/.test(JSON.stringify(a.raw))), 20_000, 'the failure with Intune’s code');

    // 5. History again, about one person, in the 1:1 and in the channel.
    mark = await say(hana, chatOf(hana), 'history alice smith');
    await d.teams.waitFor(() => /Alice Smith/.test(textsSince(chatOf(hana), mark)), 15_000, 'Alice’s history');
    mark = await say(hana, channel(), 'history');
    await d.teams.waitFor(() => /Recent activity/.test(textsSince(chatOf(hana), mark)), 15_000, 'the history asked in the channel, in Hana’s 1:1');
    await d.teams.waitFor(() => /private chat/.test(textsSince(channel(), mark)), 15_000, 'the channel told where the history went');

    // 6. Show passcode: Kenji for Alice's reset (with a reason), Hana for her own reset, asked in the channel.
    mark = await say(kenji, chatOf(kenji), 'show passcode for alice smith because she called from the office');
    await d.teams.waitFor(() => d.teams.sent.slice(mark).some((a) => a.conversationId === chatOf(kenji).id && cardText(adaptiveCardOf(a)).includes(passcodeOf(DEMO_DEVICES.aliceLumia))), 15_000, 'Alice’s passcode shown to Kenji');
    mark = await say(hana, channel(), 'show passcode for oliver@contoso.com');
    await d.teams.waitFor(() => d.teams.sent.slice(mark).some((a) => a.conversationId === chatOf(hana).id && cardText(adaptiveCardOf(a)).includes(passcodeOf(DEMO_DEVICES.oliverOutOfScopePhone))), 15_000, 'Oliver’s passcode shown to Hana');

    // 7. Hide, on every message that shows a passcode (the question Hana answered shows one since her click).
    const passcodeMessages = (): SentActivity[] =>
      visible(d.teams.sent).filter((a) => agentChatIds().has(a.conversationId) && allPasscodes().some((p) => JSON.stringify(a.raw).includes(p)));
    const shown: Array<{ agent: TeamsUser; card: SentActivity }> = passcodeMessages().map((card) => ({ agent: card.conversationId === chatOf(hana).id ? hana : kenji, card }));
    shown.push({ agent: hana, card: { ...question, attachments: [{ contentType: ADAPTIVE, content: invokeCard(revealed.body) }] } });
    assert.ok(shown.length >= 4, `passcode cards to hide (${shown.length})`);
    for (const { agent, card } of shown) {
      const verb = executeActions(adaptiveCardOf(card)).find((a) => a.verb === 'hidePasscode' || a.verb === 'hideShownPasscode')?.verb;
      assert.ok(verb, `a Hide button on ${card.id}`);
      await click(agent, chatOf(agent), card, verb);
    }
    await d.teams.waitFor(() => passcodeMessages().length === 0, 15_000, 'every passcode message replaced by its hidden version');
    assert.ok(
      shown.every(({ card }) => d.teams.sent.some((a) => a.id === card.id && a.updated && !a.deleted)),
      'each of those messages was updated in the chat itself',
    );

    // The owners are told of each reset in their 1:1 (messages that must hold no passcode).
    for (const owner of [oliver, taro, alice]) {
      await d.teams.waitFor(() => d.teams.inConversation(chatOf(owner).id).some((a) => /reset by/i.test(a.text ?? '')), 15_000, `the notice to ${owner.name}`);
    }

    // Audit details (agents' reasons, the identity check's note, sign-in names) never reach a shared conversation.
    const sharedText = d.teams.sent.filter((a) => !a.conversationId.startsWith('a:')).map((a) => JSON.stringify(a.raw)).join('\n');
    for (const detail of ['INC-2001', 'INC-2002', 'Called her desk phone', 'she called from the office', 'oliver@contoso.com']) {
      assert.ok(!sharedText.includes(detail), `"${detail}" reached a shared conversation`);
    }

    // ---- The secrets of the run.
    const passcodes = allPasscodes();
    assert.equal(passcodes.length, 3, 'three resets produced passcodes (Oliver, Taro, Alice); Emma’s failed');
    const tokens = d.sim.issuedTokensForLeakChecks;
    // Two SSO tokens (Hana, Kenji), their two on-behalf-of access tokens, the bot's app-only token.
    assert.ok(tokens.length >= 5, `SSO and access tokens were issued (${tokens.length})`);
    // A token is searched whole and by its signature: a cut-off token still leaks its signature.
    const tokenNeedles = [...new Set(tokens.flatMap((token) => [token, token.split('.')[2] ?? token]))];
    const clientSecret = d.sim.clientSecret;

    // ---- Everything the run left behind, each with the rule for passcodes there.
    const agentChats = agentChatIds();
    const kindOf = (conversationId: string): string => (agentChats.has(conversationId) ? 'agent 1:1' : conversationId.startsWith('a:') ? 'employee 1:1' : 'shared');
    const haystacks: Array<{ where: string; text: string; passcodeAllowed: boolean }> = [];
    d.logLines.forEach((line, i) => haystacks.push({ where: `bot log line ${i}`, text: line, passcodeAllowed: false }));
    haystacks.push({ where: 'stdout/stderr', text: output.join(''), passcodeAllowed: false });
    for (const item of await readWholeAccount(d.azurite.connectionString)) haystacks.push({ where: `storage ${item.where}`, text: item.text, passcodeAllowed: false });
    const audit = await d.app.state.audit.recent(500);
    assert.ok(audit.length >= 8, `audit records were written (${audit.length})`);
    haystacks.push({ where: 'audit records', text: JSON.stringify(audit), passcodeAllowed: false });
    haystacks.push({ where: 'simulator request log', text: JSON.stringify(d.sim.requests), passcodeAllowed: false });
    for (const activity of d.teams.sent) {
      const kind = kindOf(activity.conversationId);
      const at = `${kind} ${activity.conversationId} activity ${activity.id}${activity.updated ? ' (update)' : ''}`;
      const { attachments, text, summary, ...rest } = activity.raw as { attachments?: unknown; text?: unknown; summary?: unknown };
      haystacks.push({ where: `${at} text/summary`, text: `${String(text ?? '')}\n${String(summary ?? '')}`, passcodeAllowed: false });
      haystacks.push({ where: `${at} other fields`, text: JSON.stringify(rest), passcodeAllowed: false });
      haystacks.push({ where: `${at} card body`, text: JSON.stringify(attachments ?? []), passcodeAllowed: kind === 'agent 1:1' });
    }
    answers.forEach(({ conversation, answer }, i) => {
      const kind = kindOf(conversation.id);
      haystacks.push({ where: `${kind} invoke answer ${i}`, text: JSON.stringify(answer.body ?? ''), passcodeAllowed: kind === 'agent 1:1' });
    });

    const sightings = (needle: string, passcode: boolean): Sighting[] =>
      haystacks.filter((h) => h.text.includes(needle)).map((h) => ({ where: h.where, allowed: passcode && h.passcodeAllowed }));

    for (const passcode of passcodes) {
      const seen = sightings(passcode, true);
      assert.deepEqual(seen.filter((s) => !s.allowed).map((s) => s.where), [], `passcode …${passcode.slice(-2)} found where it must not be`);
      assert.ok(seen.some((s) => s.allowed), `passcode …${passcode.slice(-2)} reached an agent's 1:1 (else the search proves nothing)`);
    }
    tokenNeedles.forEach((needle, i) => {
      assert.deepEqual(sightings(needle, false).map((s) => s.where), [], `token ${i} (or its signature) found`);
    });
    assert.deepEqual(sightings(clientSecret, false).map((s) => s.where), [], 'the client secret found');
    // What was searched, for the record.
    const shared = d.teams.sent.filter((a) => kindOf(a.conversationId) === 'shared').length;
    process.stdout.write(
      `      searched ${haystacks.length} places (${d.logLines.length} log lines, ${audit.length} audit records, ${d.teams.sent.length} activities of which ${shared} shared, ${answers.length} invoke answers, storage, stdout/stderr, ${d.sim.requests.length} simulator requests) for ${passcodes.length} passcodes, ${tokens.length} tokens and the client secret\n`,
    );
  });

  function agentChatIds(): Set<string> {
    return new Set([chatOf(hana).id, chatOf(kenji).id]);
  }

  /** Every passcode Intune generated in this run. */
  function allPasscodes(): string[] {
    return d.sim.tenant.devices.flatMap((device) => device.deviceActionResults.map((r) => r.passcode).filter((p): p is string => typeof p === 'string' && p !== ''));
  }

  function passcodeOf(deviceId: string): string {
    const results = d.sim.tenant.devices.find((x) => x.id === deviceId)!.deviceActionResults;
    const passcode = results.filter((r) => r.actionName === 'resetPasscode' && r.passcode).at(-1)?.passcode;
    assert.ok(passcode, `Intune produced a passcode for ${deviceId}`);
    return passcode;
  }
});
