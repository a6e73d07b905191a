/**
 * Entry point: read settings, start the simulated tenant in demo mode, start the bot.
 * `npm start` runs the compiled file; `npm run demo` starts it with DEMO_MODE=1.
 */
import { existsSync } from 'node:fs';
import { startApp } from './app';
import { ConsoleLogger } from './adapters/logging/console-logger';
import { startDemoTenant } from './config/demo-tenant';
import { loadSettings, SettingsError } from './config/settings';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const logger = new ConsoleLogger({ level: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  const demoMode = process.env.DEMO_MODE === '1';
  // Refuse a demo with a real identity before starting anything.
  if (demoMode && process.env.MicrosoftAppId?.trim()) loadSettings(process.env);
  const demo = demoMode
    ? await startDemoTenant(process.env, { port: Number(process.env.SIMULATOR_PORT ?? 0), howToStart: 'start it with `npm run demo`' })
    : undefined;
  const settings = loadSettings(process.env, demo?.values);
  const app = await startApp(settings, { logger, simulatorUrl: demo?.values.url });
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
