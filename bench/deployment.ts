import { startSimulator, type RunningSimulator, type TenantSeed } from '../src/simulator';
import { startBot, type BotUnderTest } from './bots';
import { startScriptNodeOptions } from '../test/support/start-options';
import { TeamsClient } from './teams-client';
import { BenchConnector } from './teams-connector';
import { tenantEnvOf } from '../test/support/tenant-env';

/**
 * One measured setup: the simulated tenant in this process, a connector stand-in in this process,
 * and Passcode Desk in its own process talking to both over loopback.
 */
export interface BenchDeployment {
  sim: RunningSimulator;
  connector: BenchConnector;
  bot: BotUnderTest;
  client: TeamsClient;
  stop(): Promise<void>;
}

export interface BenchDeploymentOptions {
  certificate: { cert: string; key: string };
  certPath: string;
  tenant: TenantSeed;
  /** How long Intune takes to finish a reset in the simulator. */
  actionDelayMs: number;
  /** Intune's write limit (200 per 20 s per app) on or off. */
  intuneWriteLimit: boolean;
  /** `memory`: every store in the bot's process; else an Azure Storage connection string (Azurite). */
  state: 'memory' | { connectionString: string; namespace: string };
  /** The compiled bot-process.js (build.ts); the TypeScript source through tsx when absent. */
  compiled?: string;
  /** Node options for the bot's process; those of `npm start` when absent. */
  nodeOptions?: readonly string[];
}

export async function startBenchDeployment(options: BenchDeploymentOptions): Promise<BenchDeployment> {
  const sim = await startSimulator({
    certificate: options.certificate,
    tenant: options.tenant,
    actionDelayMs: options.actionDelayMs,
    ...(options.intuneWriteLimit ? {} : { intuneWriteLimit: false as const }),
  });
  const connector = new BenchConnector();
  await connector.start();
  const storage: Record<string, string> =
    options.state === 'memory'
      ? // Required outside demo mode; with BENCH_STATE=memory the bot process passes its stores in memory.
        { AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', BENCH_STATE: 'memory' }
      : { AZURE_STORAGE_CONNECTION_STRING: options.state.connectionString, STATE_NAMESPACE: options.state.namespace };
  const bot = await startBot('passcode-desk', {
    NODE_EXTRA_CA_CERTS: options.certPath,
    PORT: '0',
    ...tenantEnvOf(sim),
    // Guard rails that would stop a load test (one agent resetting many devices an hour) are raised.
    AGENT_MAX_RESETS_PER_HOUR: '10000',
    ...storage,
  }, options.compiled, options.nodeOptions ?? startScriptNodeOptions());
  const client = new TeamsClient(bot.url, connector, sim.tenantId, sim);
  return {
    sim,
    connector,
    bot,
    client,
    stop: async () => {
      await bot.stop();
      await connector.stop();
      await sim.close();
    },
  };
}
