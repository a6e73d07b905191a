import { randomUUID } from 'node:crypto';
import type { RunningSimulator } from '../src/simulator';
import type { BenchAgent, BenchTarget } from './bench-tenant';
import { executeActions, invokeCard } from '../test/support/cards';
import { postJson, type Posted } from './load';
import { personalConversationIdOf, type BenchConnector, type Received } from './teams-connector';

/**
 * Plays the Teams clients of many agents at once: posts their activities to a bot's
 * /api/messages exactly as Teams does (envelope, mention in channels, SSO token exchange), and
 * follows each conversation through the bench connector.
 */

export type Where = 'personal' | 'channel';

export interface Conversation {
  id: string;
  kind: Where;
}

export interface ResetRun {
  /** Latency of each HTTP turn of the conversation (message, sign-in, click), ms. */
  turns: number[];
  signedIn: boolean;
  /** Date.now() at the first message and when the passcode card reached the connector. */
  startedAt: number;
  passcodeAt: number;
  /** The click's answer status and the number of HTTP turns that failed (non-2xx). */
  failures: number;
}

const BOT_ID = '28:passcode-desk-bench';
const hasVerb = (verb: string) => (r: Received) => r.actions.some((a) => a.verb === verb);

export class TeamsClient {
  constructor(
    private readonly botUrl: string,
    private readonly connector: BenchConnector,
    private readonly tenantId: string,
    private readonly sim: RunningSimulator | undefined,
  ) {}

  personal(agent: BenchAgent): Conversation {
    return { id: personalConversationIdOf(agent.id), kind: 'personal' };
  }

  channel(agent: BenchAgent): Conversation {
    // One channel thread per agent keeps each conversation's activities apart for the waits.
    return { id: `19:bench-helpdesk-${agent.index}@thread.tacv2`, kind: 'channel' };
  }

  envelope(agent: BenchAgent, conversation: Conversation): Record<string, unknown> {
    const shared = conversation.kind === 'channel';
    return {
      id: `f:${randomUUID()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: this.connector.url,
      channelId: 'msteams',
      from: { id: agent.id, name: agent.name, aadObjectId: agent.aadObjectId },
      conversation: { id: conversation.id, conversationType: conversation.kind, tenantId: this.tenantId, ...(shared ? { isGroup: true } : {}) },
      recipient: { id: BOT_ID, name: 'Passcode Desk' },
      locale: 'en-US',
      channelData: {
        tenant: { id: this.tenantId },
        ...(shared ? { channel: { id: conversation.id }, team: { id: 'team-helpdesk' }, teamsChannelId: conversation.id, teamsTeamId: 'team-helpdesk' } : {}),
      },
    };
  }

  message(agent: BenchAgent, conversation: Conversation, text: string): Promise<Posted> {
    const mention = conversation.kind === 'channel' ? '<at>Passcode Desk</at> ' : '';
    return postJson(`${this.botUrl}/api/messages`, {
      ...this.envelope(agent, conversation),
      type: 'message',
      text: `${mention}${text}`,
      textFormat: 'plain',
      entities: [
        { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/London' },
        ...(mention ? [{ type: 'mention', text: '<at>Passcode Desk</at>', mentioned: { id: BOT_ID, name: 'Passcode Desk' } }] : []),
      ],
    });
  }

  click(agent: BenchAgent, conversation: Conversation, cardActivityId: string, verb: string, data: unknown): Promise<Posted> {
    return postJson(`${this.botUrl}/api/messages`, {
      ...this.envelope(agent, conversation),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: cardActivityId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  }

  tokenExchange(agent: BenchAgent, exchangeId: string): Promise<Posted> {
    if (!this.sim) throw new Error('No simulated tenant to sign the SSO token');
    return postJson(`${this.botUrl}/api/messages`, {
      ...this.envelope(agent, this.personal(agent)),
      type: 'invoke',
      name: 'signin/tokenExchange',
      value: { id: exchangeId, connectionName: '', token: this.sim.signSsoToken(agent.aadObjectId) },
    });
  }

  /**
   * A whole reset as an agent does it: ask, sign in when Teams is asked to (first time only),
   * press Yes, and wait for the passcode in the 1:1.
   */
  async reset(agent: BenchAgent, target: BenchTarget, options: { where: Where; by: 'upn' | 'name'; timeoutMs: number }): Promise<ResetRun> {
    const origin = options.where === 'channel' ? this.channel(agent) : this.personal(agent);
    const personal = this.personal(agent);
    const fromOrigin = this.connector.received(origin.id).length;
    const fromPersonal = this.connector.received(personal.id).length;
    const turns: number[] = [];
    let failures = 0;
    const track = (posted: Posted) => {
      turns.push(posted.ms);
      if (posted.status < 200 || posted.status >= 300) failures += 1;
      return posted;
    };
    const startedAt = Date.now();
    track(await this.message(agent, origin, `reset PIN for ${options.by === 'upn' ? target.upn : target.displayName}`));

    let card = await this.connector.waitForAny(
      [
        { conversationId: origin.id, probe: hasVerb('confirm'), fromIndex: fromOrigin },
        { conversationId: personal.id, probe: (r) => r.isOAuthCard, fromIndex: fromPersonal },
      ],
      options.timeoutMs,
    );
    let signedIn = false;
    if (card.isOAuthCard) {
      signedIn = true;
      track(await this.tokenExchange(agent, card.exchangeId ?? ''));
      card = await this.connector.waitFor(origin.id, hasVerb('confirm'), options.timeoutMs, fromOrigin);
    }
    const yes = card.actions.find((a) => a.verb === 'confirm');
    if (!yes) throw new Error('No Yes button on the confirmation card');
    // Teams sends the card's inputs with the click: the reason or ticket number the agent typed.
    track(await this.click(agent, origin, card.id, 'confirm', { ...yes.data, reason: `BENCH-${agent.index}` }));
    const passcode = await this.connector.waitFor(personal.id, hasVerb('hidePasscode'), options.timeoutMs, fromPersonal);
    return { turns, signedIn, startedAt, passcodeAt: passcode.at, failures };
  }

  /**
   * Self-service as the employee and the agent do it: the employee says they forgot their PIN and
   * files a request for their phone; the request card reaches the agent's 1:1 (the agent must be a
   * known helpdesk member, i.e. has used the bot); the agent approves, confirms who they spoke to,
   * and sees the passcode in the answer to that click.
   */
  async selfService(employee: BenchAgent, agent: BenchAgent, timeoutMs: number): Promise<void> {
    const employeeChat = this.personal(employee);
    const agentChat = this.personal(agent);
    const fromEmployee = this.connector.received(employeeChat.id).length;
    const fromAgent = this.connector.received(agentChat.id).length;
    const ok = (posted: Posted, what: string) => {
      if (posted.status < 200 || posted.status >= 300) throw new Error(`${what}: HTTP ${posted.status}`);
      return posted;
    };
    ok(await this.message(employee, employeeChat, 'I forgot my PIN'), 'the request message');
    const devices = await this.connector.waitFor(employeeChat.id, hasVerb('fileRequest'), timeoutMs, fromEmployee);
    const file = devices.actions.find((a) => a.verb === 'fileRequest')!;
    ok(await this.click(employee, employeeChat, devices.id, 'fileRequest', { ...file.data, justification: `BENCH-${employee.index}` }), 'filing');
    const request = await this.connector.waitFor(agentChat.id, hasVerb('approveRequest'), timeoutMs, fromAgent);
    const approve = request.actions.find((a) => a.verb === 'approveRequest')!;
    ok(await this.click(agent, agentChat, request.id, 'approveRequest', approve.data), 'approving');
    const question = await this.connector.waitFor(agentChat.id, hasVerb('verifyIdentity'), timeoutMs, fromAgent);
    const verify = question.actions.find((a) => a.verb === 'verifyIdentity')!;
    const shown = ok(await this.click(agent, agentChat, question.id, 'verifyIdentity', { ...verify.data, method: 'callBack', note: '' }), 'verifying');
    if (!executeActions(invokeCard(shown.body)).some((a) => a.verb === 'hideShownPasscode')) throw new Error('No passcode card after the identity check');
  }
}
