import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; the tests never download a browser of their own. */
export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where screenshots are left for a person to look at (gitignored). */
export const ARTIFACTS = join(__dirname, '..', 'artifacts');

/**
 * One reader's browser: a Chromium of its own on a fresh profile, so readers never share storage (and
 * so never share a reader token). Every error the page throws or logs (a CSP refusal, say) is kept in
 * `errors`.
 */
export class ReaderBrowser {
  readonly errors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  static async open(): Promise<ReaderBrowser> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium)`);
    }
    const profile = mkdtempSync(join(tmpdir(), 'engage-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'ru-RU',
      viewport: { width: 1200, height: 900 },
    });
    return new ReaderBrowser(context, profile);
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
    rmSync(this.profile, { recursive: true, force: true });
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
