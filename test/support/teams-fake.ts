import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * Plays Microsoft Teams for integration tests: it posts activities to the bot's /api/messages the
 * way Teams does, and serves the Bot Framework connector endpoints the bot calls back (send, reply,
 * update, create conversation, members). Everything the bot sends is recorded per conversation.
 */

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface ConversationSpec {
  id: string;
  kind: ConversationKind;
  tenantId: string;
}

/** An activity the bot sent (or updated), as recorded by the fake connector. */
export interface SentActivity {
  id: string;
  conversationId: string;
  type: string;
  text?: string;
  summary?: string;
  attachments?: Array<{ contentType: string; content?: unknown }>;
  replyToId?: string;
  updated: boolean;
  deleted: boolean;
  raw: Record<string, unknown>;
}

export interface InvokeResult {
  status: number;
  body: unknown;
}

export class TeamsFake {
  private server?: http.Server;
  readonly sent: SentActivity[] = [];
  /** Personal conversations the bot created through the connector (POST /v3/conversations). */
  readonly createdConversations: Array<{ id: string; memberId: string; tenantId?: string }> = [];
  /** Users for whom the app is "not installed": creating a 1:1 with them fails like Teams does. */
  readonly unreachableUsers = new Set<string>();
  readonly users = new Map<string, TeamsUser>();
  private listeners: Array<() => void> = [];
  serviceUrl = '';

  constructor(private readonly botUrl: string, private readonly botId = '28:passcode-desk') {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.serviceUrl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  addUser(user: TeamsUser): void {
    this.users.set(user.id, user);
  }

  /**
   * The same Teams in front of another bot instance (several instances behind one load balancer):
   * activities posted through the returned view go to `botUrl`; what any instance sends back
   * through the connector is recorded here, in one place. Call start/stop on the original only.
   */
  forBot(botUrl: string): TeamsFake {
    const view = Object.create(this) as TeamsFake;
    Object.defineProperty(view, 'botUrl', { value: botUrl });
    return view;
  }

  /** The 1:1 conversation id Teams would use between this user and the bot. */
  personalConversationId(user: TeamsUser): string {
    return `a:personal-${user.aadObjectId}`;
  }

  /** Everything the bot sent into one conversation, in order. */
  inConversation(conversationId: string): SentActivity[] {
    return this.sent.filter((a) => a.conversationId === conversationId);
  }

  /** Wait until the predicate holds for the recorded activities (or fail after timeoutMs). */
  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 15000, what = 'bot activity'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Timed out waiting for ${what}; bot sent: ${JSON.stringify(this.sent.map((a) => ({ c: a.conversationId, t: a.text, k: a.attachments?.map((x) => x.contentType) })))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 200));
        this.listeners.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** A message as Teams posts it. In a channel or group chat the bot is mentioned. */
  async sendMessage(from: TeamsUser, conversation: ConversationSpec, text: string, locale = 'en-US'): Promise<InvokeResult> {
    const mention = conversation.kind === 'personal' ? '' : '<at>Passcode Desk</at> ';
    return this.post({
      ...this.envelope(from, conversation, locale),
      type: 'message',
      text: `${mention}${text}`,
      textFormat: 'plain',
      entities: [
        { type: 'clientInfo', locale, country: 'US', platform: 'Web', timezone: 'Europe/London' },
        ...(mention
          ? [{ type: 'mention', text: '<at>Passcode Desk</at>', mentioned: { id: this.botId, name: 'Passcode Desk' } }]
          : []),
      ],
    });
  }

  /** An Action.Execute click on a card the bot sent. */
  async clickExecute(from: TeamsUser, conversation: ConversationSpec, cardActivityId: string, verb: string, data: unknown, locale = 'en-US'): Promise<InvokeResult> {
    return this.post({
      ...this.envelope(from, conversation, locale),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: cardActivityId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  }

  /** Teams' answer to an OAuthCard: the SSO token exchange invoke. */
  async tokenExchange(from: TeamsUser, conversation: ConversationSpec, id: string, token: string): Promise<InvokeResult> {
    return this.post({
      ...this.envelope(from, conversation, 'en-US'),
      type: 'invoke',
      name: 'signin/tokenExchange',
      value: { id, connectionName: '', token },
    });
  }

  /** Any raw activity (for hostile input tests). */
  async post(activity: Record<string, unknown>): Promise<InvokeResult> {
    const response = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the text
    }
    return { status: response.status, body };
  }

  envelope(from: TeamsUser, conversation: ConversationSpec, locale: string): Record<string, unknown> {
    const isShared = conversation.kind !== 'personal';
    return {
      id: `f:${randomUUID()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: this.serviceUrl,
      channelId: 'msteams',
      from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
      conversation: {
        id: conversation.id,
        conversationType: conversation.kind,
        tenantId: conversation.tenantId,
        ...(isShared ? { isGroup: true } : {}),
      },
      recipient: { id: this.botId, name: 'Passcode Desk' },
      locale,
      channelData: {
        tenant: { id: conversation.tenantId },
        ...(conversation.kind === 'channel'
          ? { channel: { id: conversation.id }, team: { id: 'team-helpdesk' }, teamsChannelId: conversation.id, teamsTeamId: 'team-helpdesk' }
          : {}),
      },
    };
  }

  private notify(): void {
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };

    // POST /v3/conversations  — create a 1:1 conversation
    if (req.method === 'POST' && parts.length === 2 && parts[1] === 'conversations') {
      const members = (body.members as Array<{ id: string }> | undefined) ?? [];
      const member = members[0]?.id ?? '';
      const user = this.users.get(member);
      if (!user || this.unreachableUsers.has(member)) {
        reply(403, { error: { code: 'Forbidden', message: 'The bot is not part of the conversation roster.' } });
        return;
      }
      const id = this.personalConversationId(user);
      const tenant = (body.tenantId as string | undefined) ?? ((body.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id);
      this.createdConversations.push({ id, memberId: member, tenantId: tenant });
      reply(201, { id, activityId: undefined, serviceUrl: this.serviceUrl });
      return;
    }

    // /v3/conversations/{id}/members/{userId}
    if (req.method === 'GET' && parts[1] === 'conversations' && parts[3] === 'members' && parts[4]) {
      const user = this.users.get(parts[4]);
      if (!user) return reply(404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
      reply(200, { id: user.id, name: user.name, aadObjectId: user.aadObjectId });
      return;
    }

    // /v3/conversations/{id}/activities[/{activityId}]
    if (parts[1] === 'conversations' && parts[3] === 'activities') {
      const conversationId = parts[2];
      const activityId = parts[4];
      if (req.method === 'POST') {
        const id = `b:${randomUUID()}`;
        this.record(id, conversationId, body, false, activityId);
        reply(200, { id });
        return;
      }
      if (req.method === 'PUT' && activityId) {
        this.record(activityId, conversationId, body, true);
        reply(200, { id: activityId });
        return;
      }
      if (req.method === 'DELETE' && activityId) {
        const existing = this.sent.filter((a) => a.id === activityId);
        for (const a of existing) a.deleted = true;
        this.notify();
        reply(200, {});
        return;
      }
    }
    reply(404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } });
  }

  private record(id: string, conversationId: string, body: Record<string, unknown>, updated: boolean, replyToId?: string): void {
    if (updated) {
      // An update replaces the visible content of the earlier activity; keep history for leak checks.
      for (const a of this.sent) if (a.id === id) a.deleted = true;
    }
    this.sent.push({
      id,
      conversationId,
      type: String(body.type ?? 'message'),
      text: typeof body.text === 'string' ? body.text : undefined,
      summary: typeof body.summary === 'string' ? body.summary : undefined,
      attachments: Array.isArray(body.attachments) ? (body.attachments as SentActivity['attachments']) : undefined,
      replyToId: replyToId ?? (typeof body.replyToId === 'string' ? body.replyToId : undefined),
      updated,
      deleted: false,
      raw: body,
    });
    this.notify();
  }
}

/** The text of every TextBlock/FactSet value in an Adaptive Card, flattened, for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && (key === 'text' || key === 'title' || key === 'value')) out.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return out.join('\n');
}
