import { strict as assert } from 'node:assert';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_DEVICES } from '../../src/simulator';
import type { PlaygroundDriver } from '../support/playground/browser';
import { showFailure, startDemoStack, stopDemoStack, type DemoStack } from '../support/playground/demo-stack';

/**
 * Today's platforms as the agent sees them in the Microsoft 365 Agents Playground (headless
 * Chromium, as Hana Suzuki): an iPhone has its passcode removed and nothing is shown, an Android
 * work profile gets a new work-profile passcode, a Windows 11 laptop gets the Windows Hello steps.
 */

const REPO_ROOT = path.resolve(__dirname, '../..');

describe('Agents Playground: today’s platforms (headless Chromium)', function () {
  this.timeout(60_000);

  let stack: DemoStack | undefined;
  let ui: PlaygroundDriver;

  before(async () => {
    stack = await startDemoStack({ actionDelayMs: 1500 });
    ui = stack.ui;
    await ui.open();
    await ui.openChat('Personal Chat');
  });

  after(async () => {
    await stopDemoStack(stack);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await showFailure(stack, 'playground-platforms-failed.png');
  });

  /** Every passcode the simulated Intune generated for a device, oldest first. */
  function intunePasscodes(deviceId: string): string[] {
    const device = stack?.sim.tenant.devices.find((d) => d.id === deviceId);
    return (device?.deviceActionResults ?? []).flatMap((r) => (r.actionName === 'resetPasscode' && r.passcode ? [r.passcode] : []));
  }

  /** Save the result under test-output/; with UPDATE_SCREENSHOT=1 also a copy without the log panel for docs/. */
  async function screenshot(name: string): Promise<void> {
    await ui.screenshot(`${name}.png`);
    if (process.env.UPDATE_SCREENSHOT !== '1') return;
    await ui.setLogPanelVisible(false);
    const clean = await ui.screenshot(`${name}-clean.png`);
    await mkdir(path.join(REPO_ROOT, 'docs'), { recursive: true });
    await copyFile(clean, path.join(REPO_ROOT, 'docs', `${name}.png`));
    await ui.setLogPanelVisible(true);
  }

  it('an iPhone enrolled through ADE: the confirmation says Intune removes the passcode, and afterwards no passcode is shown', async () => {
    await ui.send('reset PIN for nina');
    const confirm = await ui.waitForCard('Yes, remove the passcode');
    const confirmText = await confirm.innerText();
    assert.match(confirmText, /NINA-IPHONE/);
    assert.match(confirmText, /Intune removes the passcode: the device will have none until Nina Berg sets one\. No new passcode exists, so nothing is sent to you\./);
    assert.match(confirmText, /NINA-IPAD[\s\S]*Apple User Enrollment/);
    assert.doesNotMatch(confirmText, /Yes, reset\b/);

    await confirm.getByRole('textbox').first().fill('INC-2001');
    await ui.clickInNewestCard('Yes, remove the passcode');
    const removed = await ui.waitForCard('Passcode removed', 30_000);
    const removedText = await removed.innerText();
    assert.match(removedText, /Intune removed the passcode of NINA-IPHONE\. The device has no passcode now: ask Nina Berg to set a new one at once/);
    assert.match(removedText, /No passcode exists, so nothing was sent to anyone\./);
    assert.equal(stack!.sim.resetPostCount(DEMO_DEVICES.ninaIphone), 1, 'exactly one reset was sent to Intune');
    assert.deepEqual(intunePasscodes(DEMO_DEVICES.ninaIphone), [], 'Intune made no passcode');

    // Nothing to hand over: no passcode card and no Hide button anywhere in the chat.
    const page = await ui.pageText();
    assert.doesNotMatch(page, /New (work-profile )?passcode for/);
    assert.equal(await stack!.browser.page.getByRole('button', { name: 'Hide', exact: true }).count(), 0);

    await screenshot('playground-iphone');
  });

  it('an Android work profile: the confirmation names the work profile, and Yes shows the new work-profile passcode Intune generated', async () => {
    await ui.send('reset PIN for ren');
    const confirm = await ui.waitForCard(/REN-PIXEL8[\s\S]*Yes, reset/);
    const confirmText = await confirm.innerText();
    assert.match(confirmText, /Android Enterprise personally-owned work profile/);
    assert.match(confirmText, /Intune creates a new passcode for the work profile \(not the device’s own screen lock\)/);
    assert.match(confirmText, /REN-XPERIA[\s\S]*device administrator devices cannot be reset/);

    await confirm.getByRole('textbox').first().fill('INC-2002');
    await ui.clickInNewestCard('Yes, reset', 'REN-PIXEL8');
    const card = await ui.waitForCard('New work-profile passcode for REN-PIXEL8', 30_000);

    const passcode = intunePasscodes(DEMO_DEVICES.renPixel).at(-1);
    assert.ok(passcode, 'the simulated Intune generated a passcode');
    const shown = await card.innerText();
    assert.ok(shown.includes(passcode), 'the card shows the passcode Intune generated');
    assert.match(shown, /This passcode unlocks the work profile only, not the device’s own screen lock\./);
    assert.equal(stack!.sim.resetPostCount(DEMO_DEVICES.renPixel), 1, 'exactly one reset was sent to Intune');

    await screenshot('playground-android');

    await ui.clickInNewestCard('Hide', 'New work-profile passcode for REN-PIXEL8');
    await ui.waitForCard('Passcode hidden');
    await stack!.browser.page.waitForFunction((secret) => !document.body.innerText.includes(secret), passcode, { timeout: 10_000 });
    assert.ok(!stack!.botLog.some((line) => line.includes(passcode)), 'the passcode never appears in the bot log');
  });

  it('a Windows 11 laptop: the reply says the employee resets the Windows Hello PIN with “I forgot my PIN”', async () => {
    const before = stack!.sim.resetPostCount();
    await ui.send('reset PIN for lucas');
    const reply = stack!.browser.page.getByText('Windows PINs are reset by the employee').last();
    await reply.waitFor({ state: 'visible', timeout: 20_000 });
    const page = await ui.pageText();
    assert.match(page, /BER-ENG-0117[\s\S]*Intune does not reset Windows 10\/11 PINs/);
    assert.match(page, /On the Windows sign-in screen, Lucas Meyer selects “I forgot my PIN”, signs in with their work account/);
    assert.equal(stack!.sim.resetPostCount(), before, 'nothing was reset');
  });
});
