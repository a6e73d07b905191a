/**
 * Entry point: read settings, start the simulated tenant in demo mode, start the bot.
 * `npm start` runs the compiled file; `npm run demo` starts it with DEMO_MODE=1.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startApp } from './app';
import { ConsoleLogger } from './adapters/logging/console-logger';
import { loadSettings, SettingsError, type DemoTenantValues } from './config/settings';

async function startDemoTenant(): Promise<{ values: DemoTenantValues; close: () => Promise<void> }> {
  // Imported lazily: production never loads the simulator.
  const sim = await import('./simulator');
  const certificate = await sim.ensureDevCertificate(path.resolve(process.env.SIMULATOR_DIR ?? '.simulator'));
  if (path.resolve(process.env.NODE_EXTRA_CA_CERTS ?? '') !== path.resolve(certificate.certPath)) {
    throw new SettingsError([
      `Demo mode needs Node to trust the simulated tenant's certificate: start it with \`npm run demo\` (or set NODE_EXTRA_CA_CERTS=${certificate.certPath}).`,
    ]);
  }
  const running = await sim.startSimulator({ certificate, port: Number(process.env.SIMULATOR_PORT ?? 0) });
  return {
    values: {
      url: running.url,
      tenantId: running.tenantId,
      clientId: running.clientId,
      clientSecret: running.clientSecret,
      helpdeskGroupId: sim.DEMO_HELPDESK_GROUP_ID,
      helpdeskAdminGroupId: sim.DEMO_HELPDESK_ADMIN_GROUP_ID,
    },
    close: () => running.close(),
  };
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const logger = new ConsoleLogger({ level: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  const demoMode = process.env.DEMO_MODE === '1';
  // Refuse a demo with a real identity before starting anything.
  if (demoMode && process.env.MicrosoftAppId?.trim()) loadSettings(process.env);
  const demo = demoMode ? await startDemoTenant() : undefined;
  const settings = loadSettings(process.env, demo?.values);
  // HOST: the interface to listen on; all interfaces by default (App Service), loopback in tests.
  const app = await startApp(settings, { logger, simulatorUrl: demo?.values.url, host: process.env.HOST?.trim() || undefined });
  if (demo) logger.info('demo.tenant', { simulator: demo.values.url, tenantId: demo.values.tenantId });

  const stop = async () => {
    await app.close();
    await demo?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof SettingsError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Passcode Desk failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
