import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Keep-alive HTTP for the load generator, shared by every virtual user. A connection idle for 4 s
 * is dropped rather than reused: the echo bot's server (Node's default) closes one idle for 5 s,
 * and a request sent on it just then is lost.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024, keepAliveMsecs: 10_000, timeout: 4_000 });

export interface Posted {
  status: number;
  body: unknown;
  /** Milliseconds from sending to the whole answer being read. */
  ms: number;
}

/** POST JSON and read the answer; the latency includes the bot's whole turn. */
export async function postJson(url: string, payload: unknown): Promise<Posted> {
  const data = Buffer.from(JSON.stringify(payload));
  try {
    return await postOnce(url, data);
  } catch (error) {
    // A kept-alive connection the bot closed (idle past its keep-alive) just as it was reused:
    // the request never reached the bot, so it is sent again on a connection of its own (another
    // pooled one may be closing at the same moment).
    if (error instanceof StaleConnectionError) return postOnce(url, data, false);
    throw error;
  }
}

class StaleConnectionError extends Error {}

function postOnce(url: string, data: Buffer, via: http.Agent | false = agent): Promise<Posted> {
  const target = new URL(url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent: via, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': data.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // keep the text
          }
          resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started });
        });
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      reject(req.reusedSocket && error.code === 'ECONNRESET' ? new StaleConnectionError(error.message) : error);
    });
    req.end(data);
  });
}

/** Latency samples with percentiles (nearest rank). */
export class Samples {
  private readonly values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  addAll(other: Samples): void {
    this.values.push(...other.values);
  }

  get count(): number {
    return this.values.length;
  }

  percentile(p: number): number {
    if (this.values.length === 0) return Number.NaN;
    const sorted = [...this.values].sort((a, b) => a - b);
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[rank] as number;
  }

  get max(): number {
    return this.values.length ? Math.max(...this.values) : Number.NaN;
  }
}

/**
 * Run `workers` virtual users at once; each calls `step` until it returns false or `deadline`
 * (performance.now()) passes. Resolves with the wall time in ms.
 */
export async function runConcurrently(workers: number, deadline: number, step: (worker: number) => Promise<boolean>): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_unused, worker) => {
      while (performance.now() < deadline) {
        if (!(await step(worker))) return;
      }
    }),
  );
  return performance.now() - started;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
