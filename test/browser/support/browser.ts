import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { waitFor } from '@test/support/wait-for';

/**
 * Debian's headless Chromium shell (package chromium-headless-shell, which `.ci/run` installs):
 * Chromium without the browser's own windows and UI, as Playwright runs headless tests. The full
 * browser in its headless mode now and then never finished a start here. The tests never download a
 * browser of their own.
 */
export const CHROMIUM = '/usr/lib/chromium/chromium-headless-shell';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * How long one start of Chromium may take, and how often it is tried. A start normally takes well
 * under a second; Debian's Chromium now and then never finishes one (no page target appears), so a
 * start that overruns is abandoned (Playwright kills that process) and made again.
 */
const LAUNCH_TIMEOUT_MS = 20000;
const LAUNCH_ATTEMPTS = 3;

/** Where screenshots are left for a person to look at (gitignored). */
export const ARTIFACTS = join(__dirname, '..', 'artifacts');

let shared: Promise<Browser> | undefined;

/**
 * One Chromium per test file (each file has its own module registry), started on first use and
 * closed after the file's last test. Readers get contexts of their own in it.
 */
function sharedChromium(): Promise<Browser> {
  shared ??= launchChromium().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium-headless-shell)`,
    );
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        timeout: LAUNCH_TIMEOUT_MS,
      });
    } catch (error) {
      if (attempt >= LAUNCH_ATTEMPTS) throw error;
    }
  }
}

afterAll(async () => {
  const browser = shared;
  shared = undefined;
  await (await browser?.catch(() => undefined))?.close();
});

/**
 * One reader's browser: a context of its own (fresh cookies, storage and cache), so readers never
 * share storage (and so never share a reader token). Every error the page throws or logs (a CSP
 * refusal, say) is kept in `errors`.
 */
export class ReaderBrowser {
  readonly errors: string[] = [];

  private constructor(readonly context: BrowserContext) {}

  static async open(): Promise<ReaderBrowser> {
    const browser = await sharedChromium();
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1200, height: 900 } });
    return new ReaderBrowser(context);
  }

  /** The reader's tab; errors the page reports are collected. */
  async page(): Promise<Page> {
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    page.on('pageerror', (error) => this.errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // Chromium logs every 4xx answer as a failed load; the widgets expect some (a duplicate report).
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        this.errors.push(`console: ${message.text()}`);
      }
    });
    return page;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Resolves once `locator`'s element holds the keyboard focus. Screens move the focus in an effect, after
 * the render that a click or key caused, so a test awaits it before it types or checks.
 */
export async function focusReaches(locator: Locator, what: string, timeoutMs = 5000): Promise<void> {
  await waitFor(
    () =>
      locator
        // Runs in the page: its globals are reached through globalThis (the tests compile without the DOM).
        .evaluate((element) => element === (globalThis as any).document.activeElement, undefined, {
          timeout: timeoutMs,
        })
        .catch(() => false),
    timeoutMs,
    `the focus on ${what}`,
  );
}
