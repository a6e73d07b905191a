import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium; `CHROMIUM_PATH` points elsewhere (same variable as scripts/lib.mjs). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of end-to-end runs (git-ignored). */
export const TEST_OUTPUT_DIR = path.resolve(__dirname, '../../../test-output');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** One entry of the Playground's own log panel (the `/_ws/log/stream` WebSocket). */
export interface PlaygroundLogEntry {
  /** e.g. "Connected." for plain lines. */
  displayText?: string;
  /** e.g. `message`, `invoke`, `installationUpdate` for traffic between Playground and bot. */
  activityName?: string;
  /** One line without message contents (safe to print: a card may hold a passcode). */
  summary: string;
  /** The whole entry as the Playground sent it. */
  raw: unknown;
}

/** A headless Chromium with a throw-away profile that reaches loopback only. */
export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Outside addresses the page tried to reach (fonts from a CDN); all were refused. */
  readonly blocked: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /** More Chromium switches, e.g. a pinned certificate key for the simulated tenant's pages. */
  extraArgs?: readonly string[];
}

/**
 * Launch Chromium headless with a fresh user-data dir; every request to a host other than
 * loopback is aborted so a run never depends on (or leaks to) the internet.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is needed at ${CHROMIUM_PATH} (Debian: apt-get install -y chromium, or set CHROMIUM_PATH).`);
  }
  const profile = await mkdtemp(path.join(tmpdir(), 'passcode-desk-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
      viewport: options.viewport ?? { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const blocked: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK_HOSTS.has(url.hostname)) {
      await route.continue();
    } else {
      blocked.push(url.href);
      await route.abort('blockedbyclient');
    }
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    blocked,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseLogFrame(payload: string | Buffer): PlaygroundLogEntry | undefined {
  let data: unknown;
  try {
    data = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(data) || !isRecord(data.log)) return undefined;
  const log = data.log;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
  const activityName = text(log.activityName);
  const status = isRecord(log.response) ? log.response.statusCode : undefined;
  const summary = activityName
    ? `${text(log.from) ?? '?'} -> ${text(log.to) ?? '?'} ${activityName} ${typeof status === 'number' ? status : '?'}`
    : (text(log.displayText) ?? '');
  return { displayText: text(log.displayText), activityName, summary, raw: log };
}

/**
 * Drives the Playground's web client the way a person would: pick a chat, type, press Enter,
 * read Adaptive Cards and click their buttons. Selectors belong to the Playground version pinned
 * in package.json and live only here.
 */
export class PlaygroundDriver {
  /** The Playground's log panel, as received by the page (requests to the bot and their status). */
  readonly log: PlaygroundLogEntry[] = [];

  constructor(
    readonly page: Page,
    private readonly playgroundUrl: string,
  ) {
    page.on('websocket', (socket) => {
      if (!socket.url().includes('/_ws/log/stream')) return;
      socket.on('framereceived', (frame) => {
        const entry = parseLogFrame(frame.payload);
        if (entry) this.log.push(entry);
      });
    });
  }

  /** Load the web client (this also makes the Playground send install events to the bot). */
  async open(): Promise<void> {
    await this.page.goto(this.playgroundUrl);
    await this.chat('Personal Chat').waitFor({ state: 'visible', timeout: 15_000 });
  }

  private chat(name: string): Locator {
    return this.page.getByRole('treeitem', { name, exact: true });
  }

  /** Select a chat in the left rail, e.g. "Personal Chat". */
  async openChat(name: string): Promise<void> {
    await this.chat(name).click();
    await this.messageBox().waitFor({ state: 'visible' });
  }

  private messageBox(): Locator {
    return this.page.locator('[contenteditable="true"][data-lexical-editor="true"]');
  }

  /** Type into the message box (a Lexical editor, so keystrokes, not `fill`) and send with Enter. */
  async send(text: string): Promise<void> {
    const box = this.messageBox();
    await box.click();
    await box.pressSequentially(text);
    await box.press('Enter');
  }

  /** Every Adaptive Card on the page, oldest first. */
  cards(): Locator {
    return this.page.locator('.ac-adaptiveCard');
  }

  /** The newest card whose text contains `text`, once it is there. */
  async waitForCard(text: string | RegExp, timeoutMs = 20_000): Promise<Locator> {
    const card = this.cards().filter({ hasText: text }).last();
    await card.waitFor({ state: 'visible', timeout: timeoutMs });
    return card;
  }

  /** Click the button titled `title` in the newest card that has one (optionally: that contains `text`). */
  async clickInNewestCard(title: string, text?: string | RegExp): Promise<void> {
    const button = this.page.getByRole('button', { name: title, exact: true });
    let cards = this.cards().filter({ has: button });
    if (text !== undefined) cards = cards.filter({ hasText: text });
    await cards.last().getByRole('button', { name: title, exact: true }).click();
  }

  /** Show or hide the Playground's log panel (hidden: the chat gets the room, e.g. for docs). */
  async setLogPanelVisible(visible: boolean): Promise<void> {
    const heading = this.page.getByText('Log Panel', { exact: true });
    if ((await heading.isVisible()) === visible) return;
    await this.page.locator('button[title="Toggle Log Panel"]').click();
    await heading.waitFor({ state: visible ? 'visible' : 'hidden' });
    // Leave no hover highlight on the toggle in a following screenshot.
    await this.page.mouse.move(1, this.page.viewportSize()?.height ?? 1);
  }

  /** The visible text of the whole page. */
  async pageText(): Promise<string> {
    return this.page.locator('body').innerText();
  }

  /** Save a full-page screenshot under test-output/ and return its path. */
  async screenshot(fileName: string): Promise<string> {
    await mkdir(TEST_OUTPUT_DIR, { recursive: true });
    const file = path.join(TEST_OUTPUT_DIR, fileName);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}
