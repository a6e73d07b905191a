import path from 'node:path';
import { startApp, type RunningApp } from '../../../src/app';
import { ConsoleLogger } from '../../../src/adapters/logging/console-logger';
import { loadSettings } from '../../../src/config/settings';
import {
  DEMO_HELPDESK_ADMIN_GROUP_ID,
  DEMO_HELPDESK_GROUP_ID,
  ensureDevCertificate,
  startSimulator,
  type RunningSimulator,
} from '../../../src/simulator';
import { launchBrowser, PlaygroundDriver, type BrowserSession } from './browser';
import { startPlayground, type RunningPlayground } from './playground-process';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The demo as a person sees it: simulated tenant, the bot in demo mode, the Playground, Chromium on it. */
export interface DemoStack {
  sim: RunningSimulator;
  app: RunningApp;
  playground: RunningPlayground;
  browser: BrowserSession;
  ui: PlaygroundDriver;
  /** The bot's log lines, to search for secrets and to show when a test fails. */
  botLog: string[];
}

/**
 * Start what `npm run demo` starts, and a headless Chromium on the Playground as Hana Suzuki (the
 * current user of `.m365agentsplayground.yml`). Parts started before a failure are stopped again.
 */
export async function startDemoStack(options: { actionDelayMs: number }): Promise<DemoStack> {
  const botLog: string[] = [];
  const started: Partial<DemoStack> = { botLog };
  try {
    const certificate = await ensureDevCertificate(path.join(REPO_ROOT, '.simulator'));
    const sim = (started.sim = await startSimulator({ certificate, actionDelayMs: options.actionDelayMs }));
    const settings = loadSettings(
      { DEMO_MODE: '1', PORT: '0' },
      {
        url: sim.url,
        tenantId: sim.tenantId,
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        helpdeskGroupId: DEMO_HELPDESK_GROUP_ID,
        helpdeskAdminGroupId: DEMO_HELPDESK_ADMIN_GROUP_ID,
      },
    );
    const logger = new ConsoleLogger({ level: 'debug', write: (line) => botLog.push(line) });
    const app = (started.app = await startApp(settings, { simulatorUrl: sim.url, logger }));
    const playground = (started.playground = await startPlayground({ botEndpoint: `${app.url}/api/messages` }));
    const browser = (started.browser = await launchBrowser({ viewport: { width: 1280, height: 900 } }));
    const ui = new PlaygroundDriver(browser.page, playground.url);
    return { sim, app, playground, browser, ui, botLog };
  } catch (error) {
    await stopDemoStack(started);
    throw error;
  }
}

/** Stop every part that runs, each on its own: one failing to stop must not leave the others running. */
export async function stopDemoStack(stack: Partial<DemoStack> | undefined): Promise<void> {
  for (const stop of [() => stack?.browser?.close(), () => stack?.playground?.stop(), () => stack?.app?.close(), () => stack?.sim?.close()]) {
    try {
      await stop();
    } catch {
      // keep stopping the rest
    }
  }
}

/** Evidence for a red run: what the page showed, and what the Playground and the bot said. */
export async function showFailure(stack: DemoStack | undefined, screenshotName: string): Promise<void> {
  if (!stack) return;
  try {
    await stack.ui.screenshot(screenshotName);
  } catch {
    // the page may be gone
  }
  const traffic = stack.ui.log.map((e) => e.summary);
  process.stderr.write(`\nPlayground log:\n  ${traffic.join('\n  ')}\nBot log (last lines):\n  ${stack.botLog.slice(-30).join('\n  ')}\n`);
}
