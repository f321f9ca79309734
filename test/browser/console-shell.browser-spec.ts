import type { Page } from 'playwright-core';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { seriousViolations } from './support/axe';
import { ReaderBrowser, screenshot } from './support/browser';
import { createStaff, logInToConsole, openConsolePage, type StaffLogin } from './support/console';

const SESSION_KEY = 'engage-console:session';

/** The console's frame in Chromium, against the real gateway: signing in and out, roles, language, CSP. */
describe('the newsroom console: signing in and what each role sees', () => {
  let suite: Suite;
  let http: HttpClient;
  let adminToken: string;
  let moderator: StaffLogin;
  let browser: ReaderBrowser;
  let page: Page;

  const sections = () => page.locator('nav.sections a').allTextContents();
  const heading = () => page.locator('main h1').first();

  beforeAll(async () => {
    suite = await Suite.start({ services: [] });
    http = new HttpClient(suite.baseUrl);
    adminToken = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    moderator = await createStaff(http, adminToken, ['moderator']);
  });

  beforeEach(async () => {
    browser = await ReaderBrowser.open();
    page = await browser.page();
  });

  afterEach(async () => {
    await browser.close();
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('is served under a CSP that allows no inline script or style, and runs under it', async () => {
    const answer = await http.get('/console/');
    expect(answer.status).toBe(200);
    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    const bare = await fetch(`${suite.baseUrl}/console`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([308, '/console/']);

    await logInToConsole(page, suite.baseUrl, SUITE_ADMIN);
    expect(browser.errors).toEqual([]);
  });

  it('says why a sign-in was refused, in the language of the console', async () => {
    await page.goto(`${suite.baseUrl}/console/`);
    await page.getByLabel('Эл. почта').fill(SUITE_ADMIN.email);
    await page.getByLabel('Пароль').fill('not-the-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    const refusal = page.locator('.login-form [role="alert"]');
    await refusal.waitFor();
    expect((await refusal.textContent())?.trim()).not.toBe('');
    expect(await page.locator('nav.sections').count()).toBe(0);
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await screenshot(page, 'console-login');
  });

  it('keeps the session over a reload and ends it on signing out', async () => {
    await logInToConsole(page, suite.baseUrl, SUITE_ADMIN);
    expect(await sections()).toEqual([
      'Комментарии',
      'Народный репортер',
      'Опросы',
      'Уведомления',
      'Администрирование',
    ]);
    await page.reload();
    await page.locator('nav.sections').waitFor();
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.locator('form.login-form').waitFor();
    await page.reload();
    await page.locator('form.login-form').waitFor();
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).toBeNull();
  });

  it('shows a moderator only their sections, and refuses the others on the page and on the server', async () => {
    await logInToConsole(page, suite.baseUrl, moderator);
    expect(await sections()).toEqual(['Комментарии', 'Народный репортер', 'Уведомления']);
    for (const path of ['/polls', '/polls/new', '/admin/staff', '/admin/webhooks']) {
      await openConsolePage(page, path);
      await page.locator('main h1', { hasText: 'Нет доступа' }).waitFor();
    }
    expect(await seriousViolations(page, 'body')).toEqual([]);

    const token = await http.login(moderator.email, moderator.password);
    expect((await http.get('/api/v1/admin/staff', { token })).status).toBe(403);
    expect((await http.get('/api/v1/admin/webhooks', { token })).status).toBe(403);
  });

  it('ends the session when the token expires, and when the server no longer accepts it', async () => {
    await logInToConsole(page, suite.baseUrl, moderator);
    // The token runs out two seconds from now: the console signs out by itself.
    await page.evaluate((key) => {
      const session = JSON.parse(localStorage.getItem(key) ?? '{}');
      localStorage.setItem(key, JSON.stringify({ ...session, expiresAt: Date.now() + 2000 }));
    }, SESSION_KEY);
    await page.reload();
    await page.locator('nav.sections').waitFor();
    await page.locator('form.login-form').waitFor({ timeout: 10000 });
    await page.getByText('Сеанс завершён').waitFor();

    // A token the server refuses (a rotated secret, say): the first call answered 401 signs out.
    await logInToConsole(page, suite.baseUrl, moderator);
    await page.evaluate((key) => {
      const session = JSON.parse(localStorage.getItem(key) ?? '{}');
      localStorage.setItem(key, JSON.stringify({ ...session, token: session.token.slice(0, -4) + 'AAAA' }));
    }, SESSION_KEY);
    await page.reload();
    await page.locator('form.login-form').waitFor({ timeout: 10000 });
    await page.getByText('Сеанс завершён').waitFor();
  });

  it('switches to English and back, and remembers the choice', async () => {
    await logInToConsole(page, suite.baseUrl, SUITE_ADMIN);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    expect(await sections()).toContain('Polls');
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
  });

  it('fits a 360 px wide phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await logInToConsole(page, suite.baseUrl, SUITE_ADMIN);
    await heading().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await screenshot(page, 'console-phone');
  });
});
