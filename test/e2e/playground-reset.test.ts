import { strict as assert } from 'node:assert';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { ConsoleLogger } from '../../src/adapters/logging/console-logger';
import { loadSettings } from '../../src/config/settings';
import {
  DEMO_DEVICES,
  DEMO_HELPDESK_ADMIN_GROUP_ID,
  DEMO_HELPDESK_GROUP_ID,
  ensureDevCertificate,
  startSimulator,
  type RunningSimulator,
} from '../../src/simulator';
import { launchBrowser, PlaygroundDriver, type BrowserSession } from '../support/playground/browser';
import { startPlayground, type RunningPlayground } from '../support/playground/playground-process';

/**
 * The demo as a person sees it: the bot in demo mode on the simulated tenant, the Microsoft 365
 * Agents Playground as the Teams client, and headless Chromium clicking through it as Hana Suzuki
 * (helpdesk agent; the current user of `.m365agentsplayground.yml`).
 */

const REPO_ROOT = path.resolve(__dirname, '../..');

describe('Agents Playground: an agent resets a passcode from the personal chat (headless Chromium)', function () {
  this.timeout(60_000);

  let sim: RunningSimulator | undefined;
  let app: RunningApp | undefined;
  let playground: RunningPlayground | undefined;
  let browser: BrowserSession | undefined;
  let ui: PlaygroundDriver;
  const botLog: string[] = [];

  before(async () => {
    const certificate = await ensureDevCertificate(path.join(REPO_ROOT, '.simulator'));
    sim = await startSimulator({ certificate, actionDelayMs: 1500 });
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
    app = await startApp(settings, { simulatorUrl: sim.url, logger });
    playground = await startPlayground({ botEndpoint: `${app.url}/api/messages` });
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
    ui = new PlaygroundDriver(browser.page, playground.url);
  });

  after(async () => {
    // Each step on its own: one failing to stop must not leave the others running.
    for (const stop of [() => browser?.close(), () => playground?.stop(), () => app?.close(), () => sim?.close()]) {
      try {
        await stop();
      } catch {
        // keep stopping the rest
      }
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !browser) return;
    // Evidence for a red run: what the page showed and what the Playground and the bot said.
    try {
      await ui.screenshot('playground-reset-failed.png');
    } catch {
      // the page may be gone
    }
    const traffic = ui.log.map((e) => e.summary);
    process.stderr.write(`\nPlayground log:\n  ${traffic.join('\n  ')}\nBot log (last lines):\n  ${botLog.slice(-30).join('\n  ')}\n`);
  });

  /** The passcode the simulated Intune generated for a device: the truth the card must show. */
  function intunePasscode(deviceId: string): string | undefined {
    const device = sim?.tenant.devices.find((d) => d.id === deviceId);
    const resets = device?.deviceActionResults.filter((r) => r.actionName === 'resetPasscode' && r.passcode) ?? [];
    return resets.at(-1)?.passcode ?? undefined;
  }

  it('shows the confirmation, resets Alice Smith\'s phone on Yes, shows the passcode Intune generated, and hides it', async () => {
    const page = browser!.page;
    await ui.open();
    await ui.openChat('Personal Chat');
    await ui.send('reset PIN for alice smith');

    const confirm = await ui.waitForCard('Yes, reset');
    const confirmText = await confirm.innerText();
    assert.match(confirmText, /ALICE-LUMIA/);
    assert.match(confirmText, /Microsoft Lumia 950/);
    // The devices that cannot be reset are listed, each with its reason.
    assert.match(confirmText, /ALICE-SURFACE[\s\S]*Intune does not reset Windows 10\/11 PINs/);
    assert.match(confirmText, /Alice's iPhone[\s\S]*Devices enrolled with Apple User Enrollment do not support removing the passcode\./);

    // The reason or ticket number is required on the card (the client checks before sending).
    await confirm.getByRole('textbox').first().fill('INC-1234');
    await ui.clickInNewestCard('Yes, reset');
    const passcodeCard = await ui.waitForCard('New passcode for ALICE-LUMIA', 30_000);

    const passcode = intunePasscode(DEMO_DEVICES.aliceLumia);
    assert.ok(passcode, 'the simulated Intune generated a passcode');
    const shown = await passcodeCard.innerText();
    assert.ok(shown.includes(passcode), 'the card shows the passcode Intune generated');
    assert.equal(sim!.resetPostCount(DEMO_DEVICES.aliceLumia), 1, 'exactly one reset was sent to Intune');

    await ui.screenshot('playground-reset.png');
    if (process.env.UPDATE_SCREENSHOT === '1') {
      // The README shows the finished flow; without the log panel (ports, timings) it reads better.
      await ui.setLogPanelVisible(false);
      const clean = await ui.screenshot('playground-reset-clean.png');
      await mkdir(path.join(REPO_ROOT, 'docs'), { recursive: true });
      await copyFile(clean, path.join(REPO_ROOT, 'docs', 'playground-reset.png'));
      await ui.setLogPanelVisible(true);
    }

    await ui.clickInNewestCard('Hide', 'New passcode for ALICE-LUMIA');
    await ui.waitForCard('Passcode hidden');
    await page.waitForFunction((secret) => !document.body.innerText.includes(secret), passcode, { timeout: 10_000 });
    assert.ok(!(await ui.pageText()).includes(passcode), 'the passcode is gone from the chat');

    assert.ok(!botLog.some((line) => line.includes(passcode)), 'the passcode never appears in the bot log');
  });
});
