/**
 * `npm run doctor`: the tenant readiness report on the terminal — the same four checks as
 * `setup check` in Teams, run with the app's own credentials (app-only). Exit code 0 when every
 * check passes, 1 otherwise. With DEMO_MODE=1 it starts the simulated tenant and checks that.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConsoleLogger } from '../src/adapters/logging/console-logger';
import { createReadiness } from '../src/adapters/graph/readiness/compose';
import { readinessTerminalText } from '../src/cards/readiness-text';
import { startDemoTenant, type DemoTenant } from '../src/config/demo-tenant';
import { loadSettings, SettingsError } from '../src/config/settings';
import { runReadinessChecks } from '../src/domain/readiness/readiness-checks';
import { pickLocale } from '../src/i18n';

type Env = Record<string, string | undefined>;

export interface DoctorOptions {
  env: Env;
  /** The report (stdout). */
  out: (text: string) => void;
  /** Problems that stop the check, and the log at LOG_LEVEL (stderr). */
  err: (text: string) => void;
}

/** Run the checks app-only and print the report; resolves to the exit code. */
export async function runDoctor(options: DoctorOptions): Promise<number> {
  const { env, out, err } = options;
  const locale = pickLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
  const level = env.LOG_LEVEL === 'debug' ? 'debug' : 'error';
  const logger = new ConsoleLogger({ level, write: (line) => err(`${line}\n`) });
  let demo: DemoTenant | undefined;
  try {
    if (env.DEMO_MODE === '1' && env.MicrosoftAppId?.trim()) loadSettings(env);
    demo = env.DEMO_MODE === '1' ? await startDemoTenant(env) : undefined;
    const settings = loadSettings(env, demo?.values);
    const readiness = createReadiness(settings, undefined, logger);
    const report = await runReadinessChecks(readiness.gateways.appOnly(), readiness.context);
    out(readinessTerminalText(report, locale, Intl.DateTimeFormat().resolvedOptions().timeZone));
    return report.allPassed ? 0 : 1;
  } catch (error) {
    err(error instanceof SettingsError ? `${error.message}\n` : `The readiness check failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await demo?.close();
  }
}

/**
 * Demo mode needs NODE_EXTRA_CA_CERTS before Node starts: when it is not set to the simulator's
 * certificate, run this script again with it. Answers the child's exit code, or undefined.
 */
async function rerunTrustingSimulator(): Promise<number | undefined> {
  if (process.env.DEMO_MODE !== '1') return undefined;
  const { ensureDevCertificate } = await import('../src/simulator');
  const certificate = await ensureDevCertificate(path.resolve(process.env.SIMULATOR_DIR ?? '.simulator'));
  if (path.resolve(process.env.NODE_EXTRA_CA_CERTS ?? '') === path.resolve(certificate.certPath)) return undefined;
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: certificate.certPath },
    stdio: 'inherit',
  });
  return child.status ?? 1;
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const rerun = await rerunTrustingSimulator();
  const code =
    rerun ??
    (await runDoctor({ env: process.env, out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) }));
  process.exitCode = code;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`The readiness check failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
