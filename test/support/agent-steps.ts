import { strict as assert } from 'node:assert';
import { adaptiveCardOf, executeActions, OAUTH, visible } from './cards';
import { personalChat, type Deployment } from './harness';
import { cardText, type ConversationSpec, type SentActivity, type TeamsFake, type TeamsUser } from './teams-fake';

/**
 * What an agent does in Teams during a reset, over HTTP: answer the sign-in card, wait for a card
 * with a button, read the passcode Intune generated, and check a secret went nowhere else.
 */

/** Answer the bot's OAuthCard the way Teams does: fetch an SSO token, send signin/tokenExchange. */
export async function signInThroughOAuthCard(d: Deployment, user: TeamsUser): Promise<number> {
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

/** The newest visible card of a conversation with a button of `verb`, among the activities from index `after` on. */
export function latestCardWith(teams: TeamsFake, conversationId: string, verb: string, after = 0): SentActivity | undefined {
  return visible(teams.inConversation(conversationId).slice(after))
    .reverse()
    .find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === verb));
}

export async function waitForCardWith(d: Deployment, conversation: ConversationSpec, verb: string): Promise<SentActivity> {
  return d.teams.waitFor(() => latestCardWith(d.teams, conversation.id, verb), 15000, `a card with ${verb}`);
}

/**
 * An agent asks for a reset in their 1:1, signs in through the OAuthCard like Teams, and says Yes
 * with `reason`; resolves once the passcode card arrived. Leaves records for history and a
 * passcode for show passcode.
 */
export async function resetInPersonalChat(d: Deployment, agent: TeamsUser, command: string, reason: string): Promise<void> {
  const chat = personalChat(agent, d.tenantId, d.teams);
  await d.teams.sendMessage(agent, chat, command);
  assert.equal(await signInThroughOAuthCard(d, agent), 200);
  const confirm = await waitForCardWith(d, chat, 'confirm');
  const yes = actionOf(confirm, 'confirm');
  assert.equal((await d.teams.clickExecute(agent, chat, confirm.id, 'confirm', { ...yes.data, reason })).status, 200);
  await waitForPasscodeCard(d, agent);
}

/** A button of a card; on Yes, with the reason or ticket number Teams sends from the card's input. */
export function actionOf(activity: SentActivity, verb: string, pick?: (a: { data: Record<string, unknown> }) => boolean) {
  const action = executeActions(adaptiveCardOf(activity)).find((a) => a.verb === verb && (!pick || pick(a)));
  assert.ok(action, `no ${verb} button`);
  return verb === 'confirm' ? { ...action, data: { ...action.data, reason: 'INC-1234' } } : action;
}

/** The passcode Intune generated for a device (read from the simulated tenant, not from the bot). */
export function intunePasscode(d: Deployment, deviceId: string): string | undefined {
  const device = d.sim.tenant.devices.find((x) => x.id === deviceId)!;
  const results = device.deviceActionResults.filter((r) => r.actionName === 'resetPasscode' && r.passcode);
  return results.at(-1)?.passcode ?? undefined;
}

export async function waitForPasscodeCard(d: Deployment, user: TeamsUser): Promise<SentActivity> {
  const personal = personalChat(user, d.tenantId, d.teams);
  return d.teams.waitFor(
    () => visible(d.teams.inConversation(personal.id)).find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'hidePasscode')),
    20000,
    'the passcode card in the 1:1',
  );
}

/** Every place a secret must not be: logs, and everything sent outside the agent's 1:1. */
export function assertNotLeaked(d: Deployment, secret: string, privateConversationId: string): void {
  assert.ok(!d.logLines.some((line) => line.includes(secret)), 'secret found in the bot log');
  const elsewhere = d.teams.sent.filter((a) => a.conversationId !== privateConversationId);
  assert.ok(!elsewhere.some((a) => JSON.stringify(a.raw).includes(secret)), 'secret found in a shared conversation');
  const inTextOrSummary = d.teams.sent.some((a) => (a.text ?? '').includes(secret) || (a.summary ?? '').includes(secret));
  assert.ok(!inTextOrSummary, 'secret found in a message text or summary (notification)');
  assert.ok(!JSON.stringify(d.sim.requests).includes(secret), 'secret found in the simulator request log');
}

/** All a conversation shows: texts and card texts, in order. */
export function conversationText(d: Deployment, conversationId: string): string {
  return visible(d.teams.inConversation(conversationId))
    .map((a) => `${a.text ?? ''}\n${cardText(adaptiveCardOf(a))}`)
    .join('\n');
}
