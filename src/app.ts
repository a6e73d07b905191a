import { SignOutOnLeaving } from './adapters/identity/sign-out-on-leaving';
import { CallerIdConstants, CloudAdapter, MemoryStorage, type Storage } from 'botbuilder';
import type { Server } from 'restify';
import { createGraphAdapters, ReadBudget } from './adapters/graph';
import { createPinRecoveryStatus, createReadiness } from './adapters/graph/readiness/compose';
import { createAppTokenProvider, createDelegatedTokenProvider, SimulatorSsoSource } from './adapters/identity';
import { SystemClock } from './adapters/clock/system-clock';
import { ConsoleLogger } from './adapters/logging/console-logger';
import { ServiceUrlAllowList } from './adapters/teams/service-url-allow-list';
import { createAzureState } from './adapters/azure';
import { createMemoryState } from './adapters/memory';
import { composeSelfService } from './bot/approvals/compose-self-service';
import { createBot } from './bot/create-bot';
import { errorFields, turnFailedText } from './bot/user-facing-error';
import type { Settings } from './config/settings';
import { DefaultResetFlowService } from './domain/reset/reset-flow-service';
import { pickLocale } from './i18n';
import type { PasscodeResetOptions } from './domain/reset/passcode-reset';
import type { Clock } from './ports/clock';
import type { SilentSsoSource } from './ports/identity';
import type { Logger } from './ports/logger';
import type { SharedState } from './ports/shared-state';
import { StrictBotFrameworkAuthentication } from './server/strict-bot-authentication';
import { createHttpServer, listen } from './server/http-server';
import { createInteractiveSignIn } from './server/sign-in';

/** Production has no way to get an SSO token without asking Teams. */
const NO_SILENT_SSO: SilentSsoSource = { tryGetSsoToken: async () => undefined };

export interface AppOptions {
  logger?: Logger;
  clock?: Clock;
  /** Dialog state and pending sign-ins; by default Azure blobs (AZURE_STORAGE_CONNECTION_STRING), else MemoryStorage. */
  storage?: Storage;
  /** Shared stores; by default Azure Storage when a connection string is set, else memory (demo, tests). */
  state?: SharedState;
  /** Demo mode: the simulated tenant's URL, whose SSO endpoint stands in for Teams SSO. */
  simulatorUrl?: string;
  /**
   * Where inbound Bot Framework tokens' signing keys are read (OpenID metadata); default the
   * public cloud's. Tests point it at a loopback stand-in to show a token signed by an unknown
   * key is refused. Only used when `MicrosoftAppId` is set.
   */
  botOpenIdMetadataUrl?: string;
  /** Shorter waits for tests that inject faults; production keeps the defaults. */
  timing?: AppTiming;
}

/**
 * Test-only timing (fault tests shorten it so a slow answer or a stuck reset ends in seconds):
 * `graphTimeoutMs` per Graph request (default 30 s); `tokenTimeoutMs` per request to Entra
 * (default 10 s); `reset`, the agent flow's reset-and-wait (default DEFAULT_RESET_OPTIONS: 3
 * minutes of waiting, ambiguity checks after 2, 3 and 5 s).
 */
export interface AppTiming {
  graphTimeoutMs?: number;
  tokenTimeoutMs?: number;
  reset?: Partial<PasscodeResetOptions>;
}

export interface RunningApp {
  url: string;
  server: Server;
  /** The shared stores in use (requests, counters, in-flight resets, settings, conversations, audit). */
  state: SharedState;
  close(): Promise<void>;
}

/**
 * The composition root: the only place that builds adapters and wires them to the domain and the
 * bot. Production and demo differ only in the settings (endpoints) and the silent SSO source.
 */
export async function startApp(settings: Settings, options: AppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? new ConsoleLogger();
  const clock = options.clock ?? new SystemClock();
  // Azure Storage when configured (required outside demo mode); memory only for a demo without it.
  const azure =
    settings.storage.connectionString && (!options.state || !options.storage)
      ? createAzureState({
          connectionString: settings.storage.connectionString,
          namespace: settings.storage.namespace,
          logger,
          auditRetentionDays: settings.limits.auditRetentionDays,
        })
      : undefined;
  await azure?.ensureCreated();
  const state: SharedState = options.state ?? azure ?? createMemoryState({ logger, auditRetentionDays: settings.limits.auditRetentionDays });
  const storage = options.storage ?? azure?.botStorage ?? new MemoryStorage();

  // Without an app id the adapter runs unauthenticated (local and demo only); the app type
  // then must stay unset, or botbuilder insists on the missing id.
  const auth = new StrictBotFrameworkAuthentication(
    settings.bot.appId
      ? {
          MicrosoftAppId: settings.bot.appId,
          MicrosoftAppPassword: settings.bot.appPassword,
          MicrosoftAppType: settings.bot.appType,
          MicrosoftAppTenantId: settings.bot.appTenantId,
          // A tenant that forbids secrets: the Bot Connector signs in with the app's certificate too.
          ...(!settings.bot.appPassword && settings.aad.clientCertificate
            ? { CertificateThumbprint: settings.aad.clientCertificate.thumbprintSha1, CertificatePrivateKey: settings.aad.clientCertificate.privateKey }
            : {}),
          ...(options.botOpenIdMetadataUrl ? publicCloudWithOpenIdMetadata(options.botOpenIdMetadataUrl) : {}),
        }
      : {},
    {
      // With an identity, Teams' service hosts only; locally (loopback) whatever stand-in posts.
      serviceUrls: settings.bot.appId ? ServiceUrlAllowList.teams(settings.teamsServiceUrlHosts) : ServiceUrlAllowList.anyHost(),
      logger: logger.child({ component: 'auth' }),
    },
  );
  const adapter = new CloudAdapter(auth);

  const identity = {
    authorityHost: settings.aad.authorityHost,
    tenantId: settings.aad.tenantId,
    clientId: settings.aad.clientId,
    clientSecret: settings.aad.clientSecret,
    clientCertificate: settings.aad.clientCertificate,
    graphEndpoint: settings.graphEndpoint,
    logger,
    timeoutMs: options.timing?.tokenTimeoutMs,
  };
  // Shared through storage when it and the key are set (required together outside demo mode).
  const tokens = createDelegatedTokenProvider(
    identity,
    azure && settings.tokenCache ? { store: azure.tokenCache, keys: { current: settings.tokenCache.key, previous: settings.tokenCache.previousKey } } : undefined,
  );
  // App-only tokens only read an employee's own device list (DeviceManagementManagedDevices.Read.All).
  const appTokens = createAppTokenProvider(identity);
  const graph = createGraphAdapters({
    graphEndpoint: settings.graphEndpoint,
    tokens,
    appTokens,
    logger,
    timeoutMs: options.timing?.graphTimeoutMs,
    // Every Intune read of this process shares one window below Intune's per-app read limit.
    intuneReads: new ReadBudget(clock, settings.limits.intuneReadsPer20s),
  });
  const { membership, intune, people } = graph;
  // Someone found outside the helpdesk group loses their cached sign-in on every instance.
  const directory = new SignOutOnLeaving(graph.directory, tokens, settings.helpdeskGroupId, logger);
  // Approvals, history, show passcode, recovery, owner notices, and the reset flow's guards.
  const selfService = composeSelfService({ settings, state, directory, membership, intune, tokens, clock, logger, adapter });
  // The interactive sign-in page (MFA / Conditional Access) lives under BOT_PUBLIC_URL; a local or
  // demo run without a bot identity uses the address it listens on, known once listening.
  const listening: { url?: string } = {};
  const interactiveSignIn = createInteractiveSignIn({
    client: settings.aad,
    publicBaseUrl: () => settings.botPublicUrl ?? (settings.bot.appId ? undefined : listening.url),
    logger,
  });

  const resetFlows = new DefaultResetFlowService({
    directory,
    intune,
    people,
    flows: state.flows,
    clock,
    logger: logger.child({ component: 'reset' }),
    helpdeskGroupId: settings.helpdeskGroupId,
    reset: options.timing?.reset,
    // Beside a Windows 10/11 PC: whether the employee's own PIN reset keeps their data.
    pinRecovery: createPinRecoveryStatus(settings, appTokens, logger, { clock }),
    ...selfService.resetFlowGuards,
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
    interactiveSignIn,
    readiness: createReadiness(settings, tokens, logger),
    selfService: selfService.selfService(resetFlows),
    now: () => clock.now(),
  });

  adapter.onTurnError = async (context, error) => {
    // Last line of defence: the user gets a polite word, the log gets the kind of error only.
    logger.error('turn.failed', { activityId: context.activity.id, ...errorFields(error) });
    if (context.activity.type === 'message') {
      await context.sendActivity(turnFailedText(error, pickLocale(context.activity.locale)));
    }
  };

  const server = createHttpServer({ adapter, onTurn: (context) => bot.run(context), logger, signIn: interactiveSignIn });
  if (!settings.bot.appId) {
    // Said once at start-up, so nobody mistakes a local run for a deployment.
    logger.warn('app.localOnly', { missing: 'MicrosoftAppId', meaning: 'no request is authenticated; listening on loopback only', host: settings.host });
  }
  const url = await listen(server, settings.port, settings.host);
  listening.url = url;
  logger.info('app.started', { url, demoMode: settings.demoMode, graphEndpoint: settings.graphEndpoint });
  return {
    url,
    server,
    state,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Let running resets finish so their outcome reaches the agent.
      await selfService.jobs.stop();
      await bot.whenIdle();
    },
  };
}

/**
 * botbuilder takes any one endpoint setting as "every endpoint is given", so replacing the
 * channel's OpenID metadata means passing the public cloud's other endpoints with it (the values
 * of botframework-connector's AuthenticationConstants, which botbuilder uses by default).
 */
function publicCloudWithOpenIdMetadata(openIdMetadataUrl: string): Record<string, string | boolean> {
  return {
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}
