import path from 'node:path';
import { startApp, type AppTiming, type RunningApp } from '../../src/app';
import { ConsoleLogger } from '../../src/adapters/logging/console-logger';
import { loadSettings } from '../../src/config/settings';
import { ensureDevCertificate, startSimulator, type RunningSimulator } from '../../src/simulator';
import { startAzurite, type RunningAzurite } from './azurite';
import { TeamsFake, type ConversationSpec, type TeamsUser } from './teams-fake';
import { tenantEnvOf } from './tenant-env';

/**
 * A whole deployment on loopback: the simulated tenant (HTTPS), the bot (real HTTP server,
 * production code path: OAuthCard SSO, on-behalf-of through msal, Graph client) and a Teams
 * stand-in. Everything the bot logs is captured so tests can search it for secrets.
 */
export interface Deployment {
  sim: RunningSimulator;
  app: RunningApp;
  teams: TeamsFake;
  logLines: string[];
  tenantId: string;
  /** The Azurite holding the bot's state (started for this deployment unless one was passed in). */
  azurite: RunningAzurite;
  stop(): Promise<void>;
}

export interface DeploymentOptions {
  actionDelayMs?: number;
  env?: Record<string, string>;
  /** Share this Azurite (e.g. two bot instances on one account); stop() then leaves it running. */
  azurite?: RunningAzurite;
  /** Share this simulated tenant (a second bot instance); stop() then leaves it running. */
  sim?: RunningSimulator;
  /** Shorter waits for fault tests (Graph and token timeouts, the reset's polling). */
  timing?: AppTiming;
}

export async function startDeployment(options: DeploymentOptions = {}): Promise<Deployment> {
  const certificate = await ensureDevCertificate(path.resolve(__dirname, '../../.simulator'));
  const sim = options.sim ?? (await startSimulator({ certificate, actionDelayMs: options.actionDelayMs ?? 300 }));
  const azurite = options.azurite ?? (await startAzurite());
  const logLines: string[] = [];
  const settings = loadSettings({
    PORT: '0',
    ...tenantEnvOf(sim),
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    ...options.env,
  });
  const logger = new ConsoleLogger({ level: 'debug', write: (line) => logLines.push(line) });
  const app = await startApp(settings, { logger, ...(options.timing ? { timing: options.timing } : {}) }).catch(async (error: unknown) => {
    if (!options.sim) await sim.close();
    if (!options.azurite) await azurite.stop();
    throw error;
  });
  const teams = new TeamsFake(app.url);
  await teams.start();
  return {
    sim,
    app,
    teams,
    logLines,
    tenantId: sim.tenantId,
    azurite,
    stop: async () => {
      // Resets still running end quickly once nothing fails any more.
      sim.clearFaults();
      await teams.stop();
      await app.close();
      if (!options.sim) await sim.close();
      if (!options.azurite) await azurite.stop();
    },
  };
}

export function personalChat(user: TeamsUser, tenantId: string, teams: TeamsFake): ConversationSpec {
  return { id: teams.personalConversationId(user), kind: 'personal', tenantId };
}

export function helpdeskChannel(tenantId: string): ConversationSpec {
  return { id: '19:helpdesk-general@thread.tacv2', kind: 'channel', tenantId };
}
