import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it; `query` is decoded the way a server decodes it. */
export interface SeenRequest {
  method: string;
  /** Decoded path, e.g. `/beta/users/u1/managedDevices`. */
  path: string;
  rawUrl: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Reply =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { drop: true }
  | { hang: true };

export type Handler = (request: SeenRequest) => Reply;

/**
 * A tiny loopback HTTP server that plays Graph in unit tests: it records every request (so a test
 * can count them) and answers with whatever the test's handler says, including a dropped
 * connection or no answer at all.
 */
export class FakeGraphServer {
  readonly requests: SeenRequest[] = [];
  handler: Handler = () => ({ status: 404, json: { error: { code: 'NotFound', message: 'no handler' } } });
  private readonly server = http.createServer((req, res) => this.onRequest(req, res));
  private readonly hanging = new Set<http.ServerResponse>();

  static async start(): Promise<FakeGraphServer> {
    const fake = new FakeGraphServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  count(method: string, pathPart: string): number {
    return this.requests.filter((r) => r.method === method && r.path.includes(pathPart)).length;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const seen: SeenRequest = {
        method: req.method ?? '',
        path: decodeURIComponent(url.pathname),
        rawUrl: req.url ?? '',
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(seen);
      const reply = this.handler(seen);
      if ('drop' in reply) {
        req.socket.destroy();
        return;
      }
      if ('hang' in reply) {
        this.hanging.add(res);
        return;
      }
      const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
      const headers: Record<string, string> = { ...(reply.headers ?? {}) };
      if (reply.json !== undefined) headers['content-type'] = 'application/json';
      res.writeHead(reply.status, headers);
      res.end(reply.status === 204 ? undefined : body);
    });
  }
}
