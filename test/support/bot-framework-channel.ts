import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { startApp, type RunningApp } from '../../src/app';
import { ConsoleLogger } from '../../src/adapters/logging/console-logger';
import { createMemoryState } from '../../src/adapters/memory';
import { loadSettings } from '../../src/config/settings';
import { DEMO_USERS, ensureDevCertificate, startSimulator, type RunningSimulator } from '../../src/simulator';
import { tenantEnvOf } from './tenant-env';

/**
 * The Bot Framework channel on loopback, for tests of a bot with an identity (`MicrosoftAppId`):
 * its OpenID metadata publishing one key, tokens signed with that key (or a stranger's), and
 * recording servers standing in for connectors.
 */

/** The public cloud's channel issuer (botframework-connector's AuthenticationConstants). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface Listening {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

/** A tiny HTTP server on `host` (loopback) that records every request and answers with `route`. */
export async function listenRecording(
  route: (path: string, base: string) => { status: number; body: unknown },
  host = '127.0.0.1',
): Promise<Listening> {
  const hits: string[] = [];
  let base = '';
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const { status, body } = route(req.url ?? '/', base);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  base = `http://${host}:${(server.address() as AddressInfo).port}`;
  return { url: base, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export function signJwt(privateKey: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid, x5t: kid }));
  const payload = base64url(JSON.stringify(claims));
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

export interface ChannelKeys extends Listening {
  /** What the bot is given as `ToBotFromChannelOpenIdMetadataUrl`. */
  metadataUrl: string;
  /** The key published in the metadata, id `known-key`. */
  known: { privateKey: KeyObject; publicKey: KeyObject };
}

/** The channel's OpenID metadata and signing keys, as Bot Framework publishes them. */
export async function startChannelKeys(): Promise<ChannelKeys> {
  const known = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = known.publicKey.export({ format: 'jwk' });
  const listening = await listenRecording((requestPath, base) =>
    requestPath.startsWith('/v1/.well-known/openidconfiguration')
      ? { status: 200, body: { issuer: CHANNEL_ISSUER, jwks_uri: `${base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] } }
      : requestPath.startsWith('/v1/keys')
        ? { status: 200, body: { keys: [{ kty: 'RSA', use: 'sig', kid: 'known-key', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] } }
        : { status: 404, body: {} },
  );
  return { ...listening, metadataUrl: `${listening.url}/v1/.well-known/openidconfiguration`, known };
}

/** The settings of a single-tenant bot identity for the simulated tenant's app. */
export function botIdentityEnvOf(sim: RunningSimulator): Record<string, string> {
  return {
    MicrosoftAppId: sim.clientId,
    MicrosoftAppPassword: sim.clientSecret,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: sim.tenantId,
  };
}

/** Claims of a channel token for the bot `appId` sent through `serviceUrl`, valid for an hour. */
export function channelClaims(appId: string, serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}

/** Hana's message in her 1:1 with the bot, as Teams posts it through `serviceUrl`. */
export function teamsMessage(sim: RunningSimulator, serviceUrl: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `f:${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:hana', name: 'Hana Suzuki', aadObjectId: DEMO_USERS.hanaSuzuki },
    recipient: { id: `28:${sim.clientId}`, name: 'Passcode Desk' },
    conversation: { id: `a:personal-${DEMO_USERS.hanaSuzuki}`, conversationType: 'personal', tenantId: sim.tenantId },
    channelData: { tenant: { id: sim.tenantId } },
    locale: 'en-US',
    text,
    ...extra,
  };
}

/** POST an activity to the bot's /api/messages; the status and the body as text. */
export async function postActivity(botUrl: string, authorization: string | undefined, body: Record<string, unknown>): Promise<{ status: number; text: string }> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

export interface ChannelDeployment {
  sim: RunningSimulator;
  channel: ChannelKeys;
  app: RunningApp;
  logLines: string[];
  stop(): Promise<void>;
}

/**
 * The simulated tenant, the channel's keys and the bot with an identity (the simulated tenant's
 * app) trusting them, all on loopback, the bot's stores in memory. `env` adds or overrides settings.
 */
export async function startChannelDeployment(env: Record<string, string> = {}): Promise<ChannelDeployment> {
  const certificate = await ensureDevCertificate(path.resolve(__dirname, '../../.simulator'));
  const sim = await startSimulator({ certificate, actionDelayMs: 300 });
  const channel = await startChannelKeys();
  const logLines: string[] = [];
  const stopServices = async () => {
    await channel.close();
    await sim.close();
  };
  try {
    const settings = loadSettings({
      PORT: '0',
      ...botIdentityEnvOf(sim),
      ...tenantEnvOf(sim),
      // Required outside demo mode; the stores are passed in memory below, so it is never used.
      AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      HOST: '127.0.0.1',
      ...env,
    });
    const app = await startApp(settings, {
      logger: new ConsoleLogger({ level: 'debug', write: (line) => logLines.push(line) }),
      state: createMemoryState(),
      storage: new MemoryStorage(),
      botOpenIdMetadataUrl: channel.metadataUrl,
    });
    return {
      sim,
      channel,
      app,
      logLines,
      stop: async () => {
        await app.close();
        await stopServices();
      },
    };
  } catch (error) {
    await stopServices();
    throw error;
  }
}
