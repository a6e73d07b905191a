import path from 'node:path';
import { ensureDevCertificate, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/simulator';

/**
 * Tests reach the simulator over real HTTPS: run mocha with
 * NODE_EXTRA_CA_CERTS=<repo>/.simulator/cert.pem (created by scripts/dev-cert.ts or a first run).
 */
export const CERT_DIR = path.resolve(__dirname, '../../../.simulator');

export async function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  const certificate = await ensureDevCertificate(CERT_DIR);
  return startSimulator({ certificate, actionDelayMs: 60, ...options });
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when not JSON, or undefined when empty. */
  body: unknown;
}

export async function call(
  sim: RunningSimulator,
  method: string,
  pathAndQuery: string,
  options: { token?: string; json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const res = await fetch(`${sim.url}${pathAndQuery}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** A delegated Graph token for a demo user, through the simulator's own on-behalf-of endpoint. */
export async function delegatedToken(sim: RunningSimulator, oid: string, scope = 'https://graph.microsoft.com/.default'): Promise<string> {
  const answer = await call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, {
    form: {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      assertion: sim.signSsoToken(oid),
      requested_token_use: 'on_behalf_of',
      scope,
    },
  });
  const token = (answer.body as { access_token?: unknown }).access_token;
  if (answer.status !== 200 || typeof token !== 'string') throw new Error(`OBO failed: ${JSON.stringify(answer.body)}`);
  return token;
}

export async function appToken(sim: RunningSimulator): Promise<string> {
  const answer = await call(sim, 'POST', `/${sim.tenantId}/oauth2/v2.0/token`, {
    form: { grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret, scope: 'https://graph.microsoft.com/.default' },
  });
  const token = (answer.body as { access_token?: unknown }).access_token;
  if (typeof token !== 'string') throw new Error(`client credentials failed: ${JSON.stringify(answer.body)}`);
  return token;
}

/** The `error` object of a Graph error answer. */
export function graphErrorOf(answer: HttpAnswer): { code: string; message: string; innerError: Record<string, string> } {
  return (answer.body as { error: { code: string; message: string; innerError: Record<string, string> } }).error;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Decode a JWT payload without verifying it (tests only). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Poll until `probe` answers something, or fail after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await sleep(20);
  }
}
