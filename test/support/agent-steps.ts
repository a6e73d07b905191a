import { strict as assert } from 'node:assert';
import { adaptiveCardOf, executeActions, OAUTH, visible } from './cards';
import { personalChat, type Deployment } from './harness';
import type { SentActivity, TeamsFake, TeamsUser } from './teams-fake';

/** The newest visible card of a conversation with a button of `verb`, among the activities from index `after` on. */
export function latestCardWith(teams: TeamsFake, conversationId: string, verb: string, after = 0): SentActivity | undefined {
  return visible(teams.inConversation(conversationId).slice(after))
    .reverse()
    .find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === verb));
}

/**
 * An agent asks for a reset in their 1:1, signs in through the OAuthCard like Teams, and says Yes
 * with `reason`; resolves once the passcode card arrived. Leaves records for history and a
 * passcode for show passcode.
 */
export async function resetInPersonalChat(d: Deployment, agent: TeamsUser, command: string, reason: string): Promise<void> {
  const chat = personalChat(agent, d.tenantId, d.teams);
  await d.teams.sendMessage(agent, chat, command);
  const oauth = await d.teams.waitFor(() => d.teams.inConversation(chat.id).find((a) => a.attachments?.some((x) => x.contentType === OAUTH)), 15000, 'an OAuthCard');
  const exchange = oauth.attachments!.find((x) => x.contentType === OAUTH)!.content as { tokenExchangeResource: { id: string } };
  assert.equal((await d.teams.tokenExchange(agent, chat, exchange.tokenExchangeResource.id, d.sim.signSsoToken(agent.aadObjectId))).status, 200);
  const confirm = await d.teams.waitFor(() => latestCardWith(d.teams, chat.id, 'confirm'), 15000, 'the confirmation card');
  const yes = executeActions(adaptiveCardOf(confirm)).find((x) => x.verb === 'confirm')!;
  assert.equal((await d.teams.clickExecute(agent, chat, confirm.id, 'confirm', { ...yes.data, reason })).status, 200);
  await d.teams.waitFor(() => latestCardWith(d.teams, chat.id, 'hidePasscode'), 20000, 'the passcode card');
}
