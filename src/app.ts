import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MemoryStorage, type Storage } from 'botbuilder';
import type { Server } from 'restify';
import { createGraphAdapters } from './adapters/graph';
import { createDelegatedTokenProvider, SimulatorSsoSource } from './adapters/identity';
import { SystemClock } from './adapters/clock/system-clock';
import { ConsoleLogger } from './adapters/logging/console-logger';
import { MemoryFlowStore } from './adapters/storage/memory-flow-store';
import { createBot } from './bot/create-bot';
import type { Settings } from './config/settings';
import { DefaultResetFlowService } from './domain/reset/reset-flow-service';
import type { Clock } from './ports/clock';
import type { SilentSsoSource } from './ports/identity';
import type { Logger } from './ports/logger';
import { createHttpServer, listen } from './server/http-server';

/** Production has no way to get an SSO token without asking Teams. */
const NO_SILENT_SSO: SilentSsoSource = { tryGetSsoToken: async () => undefined };

export interface AppOptions {
  logger?: Logger;
  clock?: Clock;
  /** Dialog state and pending sign-ins; MemoryStorage until shared storage is configured. */
  storage?: Storage;
  /** Demo mode: the simulated tenant's URL, whose SSO endpoint stands in for Teams SSO. */
  simulatorUrl?: string;
  /** Interface to listen on; all interfaces by default (App Service), loopback in tests. */
  host?: string;
}

export interface RunningApp {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * The composition root: the only place that builds adapters and wires them to the domain and the
 * bot. Production and demo differ only in the settings (endpoints) and the silent SSO source.
 */
export async function startApp(settings: Settings, options: AppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? new ConsoleLogger();
  const clock = options.clock ?? new SystemClock();
  const storage = options.storage ?? new MemoryStorage();

  // Without an app id the adapter runs unauthenticated (local and demo only); the app type
  // then must stay unset, or botbuilder insists on the missing id.
  const auth = new ConfigurationBotFrameworkAuthentication(
    settings.bot.appId
      ? {
          MicrosoftAppId: settings.bot.appId,
          MicrosoftAppPassword: settings.bot.appPassword,
          MicrosoftAppType: settings.bot.appType,
          MicrosoftAppTenantId: settings.bot.appTenantId,
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);

  const tokens = createDelegatedTokenProvider({
    authorityHost: settings.aad.authorityHost,
    tenantId: settings.aad.tenantId,
    clientId: settings.aad.clientId,
    clientSecret: settings.aad.clientSecret ?? '',
    graphEndpoint: settings.graphEndpoint,
    logger,
  });
  const { directory, intune } = createGraphAdapters({ graphEndpoint: settings.graphEndpoint, tokens, logger });

  const resetFlows = new DefaultResetFlowService({
    directory,
    intune,
    flows: new MemoryFlowStore(),
    clock,
    logger: logger.child({ component: 'reset' }),
    helpdeskGroupId: settings.helpdeskGroupId,
  });

  const bot = createBot({
    adapter,
    appId: settings.bot.appId,
    tenantId: settings.aad.tenantId,
    clientId: settings.aad.clientId,
    resetFlows,
    tokens,
    silentSso: options.simulatorUrl ? new SimulatorSsoSource(options.simulatorUrl) : NO_SILENT_SSO,
    logger: logger.child({ component: 'bot' }),
    storage,
    now: () => clock.now(),
  });

  adapter.onTurnError = async (context, error) => {
    // Last line of defence: the user gets a polite word, the log gets the kind of error only.
    logger.error('turn.failed', { activityId: context.activity.id, error: error instanceof Error ? error.name : 'unknown' });
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on my side. Please try again in a moment.');
    }
  };

  const server = createHttpServer({ adapter, onTurn: (context) => bot.run(context), logger });
  const url = await listen(server, settings.port, options.host);
  logger.info('app.started', { url, demoMode: settings.demoMode, graphEndpoint: settings.graphEndpoint });
  return {
    url,
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Let running resets finish so their outcome reaches the agent.
      await bot.whenIdle();
    },
  };
}
