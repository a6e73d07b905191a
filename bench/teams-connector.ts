import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { executeActions, type ExecuteAction } from '../test/support/cards';

/**
 * The Bot Framework connector endpoints Teams serves, lean enough for load: it keeps per
 * conversation only what the benchmark needs (when, which card actions, OAuthCard or not) and
 * wakes the waiters of that conversation only. (test/support/teams-fake.ts keeps everything and
 * scans it all on each wait — right for tests, quadratic for thousands of conversations.)
 */

export interface Received {
  /** Date.now() when the connector received it. */
  at: number;
  id: string;
  conversationId: string;
  updated: boolean;
  isOAuthCard: boolean;
  actions: ExecuteAction[];
  text: string;
  /** OAuthCard only: the token exchange resource id the answer must carry. */
  exchangeId?: string;
}

const OAUTH = 'application/vnd.microsoft.card.oauth';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

type Waiter = { probe: (r: Received) => boolean; resolve: (r: Received) => void };

export class BenchConnector {
  private server?: http.Server;
  private readonly byConversation = new Map<string, Received[]>();
  private readonly waiters = new Map<string, Waiter[]>();
  private counter = 0;
  /** Every request, for "the connector was (not) called" checks. */
  requests = 0;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  /** Forget what was received (between phases), keeping the server. */
  clear(): void {
    this.byConversation.clear();
  }

  received(conversationId: string): readonly Received[] {
    return this.byConversation.get(conversationId) ?? [];
  }

  /** The first activity of the conversation (from `fromIndex` on) that matches, when it arrives. */
  waitFor(conversationId: string, probe: (r: Received) => boolean, timeoutMs: number, fromIndex = 0): Promise<Received> {
    return this.waitForAny([{ conversationId, probe, fromIndex }], timeoutMs);
  }

  /**
   * The first matching activity in any of several conversations (each checked from its own index),
   * e.g. "the confirmation card in the channel, or an OAuthCard in the agent's 1:1".
   */
  waitForAny(watches: ReadonlyArray<{ conversationId: string; probe: (r: Received) => boolean; fromIndex: number }>, timeoutMs: number): Promise<Received> {
    for (const watch of watches) {
      const seen = this.received(watch.conversationId).slice(watch.fromIndex).find(watch.probe);
      if (seen) return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const registered: Array<[string, Waiter]> = [];
      const unregister = () => {
        for (const [conversationId, waiter] of registered) {
          this.waiters.set(conversationId, (this.waiters.get(conversationId) ?? []).filter((w) => w !== waiter));
        }
      };
      const timer = setTimeout(() => {
        unregister();
        const seen = watches.map((w) => `${w.conversationId}: ${JSON.stringify(this.received(w.conversationId).map((r) => ({ oauth: r.isOAuthCard, verbs: r.actions.map((a) => a.verb), text: r.text.slice(0, 80), updated: r.updated })))}`);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting in ${seen.join('; ')}`));
      }, timeoutMs);
      for (const watch of watches) {
        const waiter: Waiter = {
          probe: watch.probe,
          resolve: (r) => {
            clearTimeout(timer);
            unregister();
            resolve(r);
          },
        };
        registered.push([watch.conversationId, waiter]);
        const list = this.waiters.get(watch.conversationId) ?? [];
        list.push(waiter);
        this.waiters.set(watch.conversationId, list);
      }
    });
  }

  private record(conversationId: string, id: string, body: Record<string, unknown>, updated: boolean): void {
    const attachments = Array.isArray(body.attachments) ? (body.attachments as Array<{ contentType?: string; content?: unknown }>) : [];
    const oauth = attachments.find((a) => a.contentType === OAUTH)?.content as { tokenExchangeResource?: { id?: string } } | undefined;
    const card = attachments.find((a) => a.contentType === ADAPTIVE)?.content;
    const received: Received = {
      at: Date.now(),
      id,
      conversationId,
      updated,
      isOAuthCard: oauth !== undefined,
      actions: card ? executeActions(card) : [],
      text: typeof body.text === 'string' ? body.text : '',
      ...(oauth?.tokenExchangeResource?.id ? { exchangeId: oauth.tokenExchangeResource.id } : {}),
    };
    const list = this.byConversation.get(conversationId) ?? [];
    list.push(received);
    this.byConversation.set(conversationId, list);
    const waiting = this.waiters.get(conversationId);
    if (!waiting?.length) return;
    for (const waiter of [...waiting]) {
      if (waiter.probe(received)) waiter.resolve(received); // resolve() unregisters it everywhere
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.requests += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    const parts = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    // POST /v3/conversations: the agent's 1:1 (member ids are "29:bench-agent-N"; the oid is looked up by the caller).
    if (req.method === 'POST' && parts.length === 2 && parts[1] === 'conversations') {
      const member = ((body.members as Array<{ id: string }> | undefined) ?? [])[0]?.id ?? '';
      return reply(201, { id: personalConversationIdOf(member), serviceUrl: this.url });
    }
    if (parts[1] === 'conversations' && parts[3] === 'members' && parts[4]) {
      return reply(200, { id: parts[4], name: parts[4] });
    }
    if (parts[1] === 'conversations' && parts[3] === 'activities') {
      const conversationId = parts[2] ?? '';
      if (req.method === 'POST') {
        const id = `b:${++this.counter}`;
        this.record(conversationId, id, body, false);
        return reply(200, { id });
      }
      if (req.method === 'PUT' && parts[4]) {
        this.record(conversationId, parts[4], body, true);
        return reply(200, { id: parts[4] });
      }
      if (req.method === 'DELETE') return reply(200, {});
    }
    reply(404, { error: { code: 'NotFound', message: `${req.method} ${req.url}` } });
  }
}

/** The 1:1 conversation id of a Teams account: the bench uses the account id itself. */
export function personalConversationIdOf(accountId: string): string {
  return `a:personal-${accountId}`;
}
