import { strict as assert } from 'node:assert';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_DEVICES } from '../../src/simulator';
import type { PlaygroundDriver } from '../support/playground/browser';
import { showFailure, startDemoStack, stopDemoStack, type DemoStack } from '../support/playground/demo-stack';

/**
 * The demo as a person sees it: the bot in demo mode on the simulated tenant, the Microsoft 365
 * Agents Playground as the Teams client, and headless Chromium clicking through it as Hana Suzuki
 * (helpdesk agent; the current user of `.m365agentsplayground.yml`).
 */

const REPO_ROOT = path.resolve(__dirname, '../..');

describe('Agents Playground: an agent resets a passcode from the personal chat (headless Chromium)', function () {
  this.timeout(60_000);

  let stack: DemoStack | undefined;
  let ui: PlaygroundDriver;

  before(async () => {
    stack = await startDemoStack({ actionDelayMs: 1500 });
    ui = stack.ui;
  });

  after(async () => {
    await stopDemoStack(stack);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await showFailure(stack, 'playground-reset-failed.png');
  });

  /** The passcode the simulated Intune generated for a device: the truth the card must show. */
  function intunePasscode(deviceId: string): string | undefined {
    const device = stack?.sim.tenant.devices.find((d) => d.id === deviceId);
    const resets = device?.deviceActionResults.filter((r) => r.actionName === 'resetPasscode' && r.passcode) ?? [];
    return resets.at(-1)?.passcode ?? undefined;
  }

  it('shows the confirmation, resets Alice Smith\'s phone on Yes, shows the passcode Intune generated, and hides it', async () => {
    const page = stack!.browser.page;
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
    assert.equal(stack!.sim.resetPostCount(DEMO_DEVICES.aliceLumia), 1, 'exactly one reset was sent to Intune');

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

    assert.ok(!stack!.botLog.some((line) => line.includes(passcode)), 'the passcode never appears in the bot log');
  });
});
