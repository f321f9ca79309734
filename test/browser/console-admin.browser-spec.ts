import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';
import { seriousViolations } from './support/axe';
import { focusReaches, ReaderBrowser, screenshot } from './support/browser';
import { createStaff, logInToConsole, openConsolePage, type StaffLogin } from './support/console';

interface Received {
  headers: IncomingHttpHeaders;
  body: { type?: string };
}

/** A webhook endpoint of the newsroom's own: answers 200 and keeps what it was sent. */
class WebhookReceiver {
  readonly received: Received[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        try {
          this.received.push({
            headers: request.headers,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'],
          });
        } catch {
          this.received.push({ headers: request.headers, body: {} });
        }
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/engage`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * Notifications and administration in the console, in Chromium against the real suite: an admin sets
 * up a moderator and a webhook, the moderator follows their notifications live and keeps a preference.
 */
describe('the newsroom console: notifications and administration', () => {
  const receiver = new WebhookReceiver();
  let receiverUrl: string;
  let suite: Suite;
  let http: HttpClient;
  let browser: ReaderBrowser;
  let page: Page;
  const run = randomBytes(3).toString('hex');
  const moderator: StaffLogin = {
    email: `moderator-${run}@newsroom.test`,
    password: `pw-${randomBytes(12).toString('hex')}`,
  };

  const heading = (text: string) => page.locator('main h1', { hasText: text });
  const notice = (text: string | RegExp) => page.locator('.notice-success', { hasText: text });

  beforeAll(async () => {
    receiverUrl = await receiver.start();
    suite = await Suite.start({
      services: ['comments', 'notifications'],
      // The receiver is on loopback, which the SSRF guard refuses in production.
      serviceEnv: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', DELIVERY_POLL_MS: '50' },
    });
    http = new HttpClient(suite.baseUrl);
  });

  beforeEach(async () => {
    browser = await ReaderBrowser.open();
    page = await browser.page();
  });

  afterEach(async () => {
    expect(browser.errors).toEqual([]);
    await browser.close();
  });

  afterAll(async () => {
    await suite?.stop();
    await receiver.stop();
  });

  it('lets an admin create a moderator account and a webhook, whose secret is shown once', async () => {
    await logInToConsole(page, suite.baseUrl, SUITE_ADMIN);
    await openConsolePage(page, '/admin');
    await heading('Сотрудники').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/admin/staff');

    const form = page.locator('form', { has: page.locator('#new-staff-title') });
    await form.getByLabel('Эл. почта').fill(moderator.email);
    await form.getByLabel('Пароль').fill(moderator.password);
    await form.getByLabel('Модератор').check();
    await form.getByRole('button', { name: 'Создать' }).click();
    await notice(`Учётная запись ${moderator.email} создана.`).waitFor();
    const row = page.locator('table.staff-table tbody tr', { hasText: moderator.email });
    await row.waitFor();
    expect(await row.locator('.tag').allTextContents()).toEqual(['Модератор']);
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await screenshot(page, 'console-admin-staff');

    // A second account with a short password: the server's refusal is shown by the field.
    await form.getByLabel('Эл. почта').fill(`short-${run}@newsroom.test`);
    await form.getByLabel('Пароль').evaluate((input: HTMLInputElement) => {
      input.minLength = 0;
    });
    await form.getByLabel('Пароль').fill('short');
    await form.getByRole('button', { name: 'Создать' }).click();
    await page.locator('.notice-failure').waitFor();
    await form.locator('.field-error').first().waitFor();

    await page.getByRole('link', { name: 'Вебхуки' }).click();
    await heading('Вебхуки').waitFor();
    const hookForm = page.locator('form', { has: page.locator('#new-webhook-title') });
    await hookForm.getByLabel('Адрес (URL)').fill(receiverUrl);
    await hookForm.locator('input[name="events"][value="comment.held"]').check();
    await hookForm.getByRole('button', { name: 'Создать' }).click();
    await notice('Вебхук добавлен.').waitFor();
    const secret = await page.locator('.secret-value').textContent();
    expect(secret).toMatch(/^whsec_/);
    await page.locator('table.webhook-table tbody tr', { hasText: receiverUrl }).waitFor();
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await screenshot(page, 'console-admin-webhooks');
    await page.getByRole('button', { name: 'Я сохранил секрет' }).click();
    expect(await page.locator('.secret-value').count()).toBe(0);
    await page.reload();
    await page.locator('table.webhook-table tbody tr', { hasText: receiverUrl }).waitFor();
    expect(await page.content()).not.toContain(secret);

    const adminToken = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    const hooks = await http.get('/api/v1/admin/webhooks', { token: adminToken });
    expect(hooks.body.items).toEqual([
      expect.objectContaining({ url: receiverUrl, events: ['comment.held'], enabled: true }),
    ]);
  });

  it('keeps the administration from a moderator: no link, and a refusal at its address', async () => {
    await logInToConsole(page, suite.baseUrl, moderator);
    expect(await page.locator('nav.sections a').allTextContents()).not.toContain('Администрирование');
    for (const path of ['/admin', '/admin/staff', '/admin/webhooks', '/admin/deliveries']) {
      await openConsolePage(page, path);
      await heading('Нет доступа').waitFor();
    }
    expect(await page.locator('table').count()).toBe(0);
  });

  it("shows a moderator's unread count rise live, and drop to zero once the feed is read", async () => {
    await logInToConsole(page, suite.baseUrl, moderator);
    await openConsolePage(page, '/notifications');
    await heading('Уведомления').waitFor();
    // The stream is open and has told its first count.
    await page.locator('.unread-slot[data-live="true"][data-unread="0"]').waitFor({ state: 'attached' });
    expect(await page.locator('.unread-badge').count()).toBe(0);
    await page.getByText('Уведомлений пока нет.').waitFor();

    // A comment held for pre-moderation: an event for moderators.
    const token = await http.login(moderator.email, moderator.password);
    const articleId = `held-${run}`;
    const settings = await http.call(`/api/v1/articles/${articleId}/comment-settings`, {
      method: 'PUT',
      body: { mode: 'pre' },
      token,
    });
    expect(settings.status).toBe(200);
    const posted = await http.post(
      `/api/v1/articles/${articleId}/comments`,
      { authorName: 'Читатель', body: 'Проверьте меня, пожалуйста' },
      { readerToken: await http.readerToken() },
    );
    expect(posted.body.status).toBe('pending');

    const badge = page.locator('.unread-badge');
    await badge.waitFor({ timeout: 20000 });
    expect((await badge.locator('[aria-hidden="true"]').textContent())?.trim()).toBe('1');
    expect(await page.locator('.unread-slot').getAttribute('role')).toBe('status');
    const entry = page.locator('.feed-item', { hasText: 'Комментарий ждёт проверки' });
    await entry.waitFor();
    expect(await entry.getAttribute('class')).toContain('feed-unread');
    expect(await entry.getByRole('link', { name: 'Открыть' }).getAttribute('href')).toBe(
      '#/comments?queue=pending',
    );
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await screenshot(page, 'console-notifications');

    await page.getByRole('button', { name: 'Прочитать все' }).click();
    await notice('Все уведомления отмечены прочитанными.').waitFor();
    await page.locator('.unread-slot[data-unread="0"]').waitFor({ state: 'attached' });
    expect(await badge.count()).toBe(0);
    await page.locator('.feed-item:not(.feed-unread)', { hasText: 'Комментарий ждёт проверки' }).waitFor();
    await page.getByRole('link', { name: 'Непрочитанные' }).click();
    await page.getByText('Непрочитанных уведомлений нет.').waitFor();

    // The same event reached the webhook, signed per Standard Webhooks.
    await waitFor(
      () => receiver.received.some((request) => request.body.type === 'comment.held'),
      20000,
      'the comment.held webhook',
    );
    const delivered = receiver.received.find((request) => request.body.type === 'comment.held')!;
    expect(delivered.headers['webhook-signature']).toMatch(/^v1,/);
  });

  it('keeps a changed preference over a reload', async () => {
    await logInToConsole(page, suite.baseUrl, moderator);
    await openConsolePage(page, '/notifications/settings');
    await heading('Настройки уведомлений').waitFor();
    const email = page.getByLabel('Комментарий ждёт проверки: Эл. почта');
    await email.waitFor();
    expect(await email.isChecked()).toBe(true);
    await email.uncheck();
    await page.getByRole('button', { name: 'Сохранить настройки' }).click();
    await notice('Настройки уведомлений сохранены.').waitFor();
    expect(await seriousViolations(page, 'body')).toEqual([]);

    await page.reload();
    await heading('Настройки уведомлений').waitFor();
    await email.waitFor();
    expect(await email.isChecked()).toBe(false);
    expect(await page.getByLabel('Комментарий ждёт проверки: В консоли').isChecked()).toBe(true);

    // No bot on this site: asking for a Telegram code says so, in the console's language.
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page
      .locator('.notice-failure', { hasText: 'Уведомления в Telegram на этом сайте не настроены.' })
      .waitFor();
    expect(await page.locator('.link-code').count()).toBe(0);

    const token = await http.login(moderator.email, moderator.password);
    const kept = await http.get('/api/v1/me/notification-preferences', { token });
    expect(kept.body.items).toContainEqual(
      expect.objectContaining({ type: 'comment.held', inApp: true, email: false }),
    );
  });

  it("shows an admin the webhook's delivery with its attempt, and a service's dead letters", async () => {
    await logInToConsole(page, suite.baseUrl, SUITE_ADMIN);
    await openConsolePage(page, '/admin/deliveries?status=sent');
    await heading('Доставки').waitFor();
    const row = page.locator('table.delivery-table tbody tr', { hasText: 'webhook' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('comment.held');
    // The endpoint is named by its address, once the console has read the endpoints.
    await row.locator('.delivery-recipient', { hasText: receiverUrl }).waitFor();
    expect(await row.locator('.state').textContent()).toBe('Доставлено');
    await row.locator('summary').click();
    await row.locator('.attempts li').first().waitFor();
    expect(await seriousViolations(page, 'body')).toEqual([]);

    await page.getByRole('link', { name: 'Необработанные события' }).click();
    await heading('Необработанные события').waitFor();
    await page.getByLabel('Сервис').selectOption('notifications');
    await page.getByText('Необработанных событий нет.').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/admin/dead-letters?service=notifications');
    expect(await seriousViolations(page, 'body')).toEqual([]);
  });

  it("lets an admin change a colleague's roles and delete the account, and says why the last admin stays", async () => {
    const adminToken = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    const colleague = await createStaff(http, adminToken, ['moderator']);
    await logInToConsole(page, suite.baseUrl, SUITE_ADMIN);
    await openConsolePage(page, '/admin/staff');
    const row = page.locator('table.staff-table tbody tr', { hasText: colleague.email });
    await row.getByRole('button', { name: 'Изменить роли' }).click();
    await row.getByLabel('Редактор').check();
    await row.getByRole('button', { name: 'Сохранить роли' }).click();
    await notice(`Роли сотрудника ${colleague.email} изменены.`).waitFor();
    await row.locator('.tag', { hasText: 'Редактор' }).waitFor();
    expect(await row.locator('.tag').allTextContents()).toEqual(['Модератор', 'Редактор']);
    const token = await http.login(colleague.email, colleague.password);
    expect((await http.get('/api/v1/auth/me', { token })).body.roles).toEqual(['moderator', 'editor']);

    // The confirming button takes the focus: Enter deletes.
    await row.getByRole('button', { name: 'Удалить' }).click();
    await focusReaches(row.getByRole('button', { name: 'Да, удалить' }), 'the confirming button');
    await page.keyboard.press('Enter');
    await notice(`Учётная запись ${colleague.email} удалена.`).waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await http.get('/api/v1/auth/me', { token })).status).toBe(401);

    const me = page.locator('table.staff-table tbody tr', { hasText: SUITE_ADMIN.email });
    await me.getByRole('button', { name: 'Изменить роли' }).click();
    await me.getByLabel('Администратор').uncheck();
    await me.getByLabel('Модератор').check();
    await me.getByRole('button', { name: 'Сохранить роли' }).click();
    await page.locator('.notice-failure', { hasText: 'Последний администратор' }).waitFor();
    await me.getByRole('button', { name: 'Отмена' }).click();
    expect(await me.locator('.tag').allTextContents()).toEqual(['Администратор']);
  });

  it('fits every screen of both areas on a 360 px wide phone', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await logInToConsole(page, suite.baseUrl, SUITE_ADMIN);
    for (const [path, title] of [
      ['/notifications', 'Уведомления'],
      ['/notifications/settings', 'Настройки уведомлений'],
      ['/admin/staff', 'Сотрудники'],
      ['/admin/webhooks', 'Вебхуки'],
      ['/admin/deliveries', 'Доставки'],
      ['/admin/dead-letters', 'Необработанные события'],
    ]) {
      await openConsolePage(page, path);
      await heading(title).waitFor();
      await page.locator('main .muted[role="status"]').waitFor({ state: 'detached' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, fits: overflow <= 0 }).toEqual({ path, fits: true });
    }
    await screenshot(page, 'console-admin-phone');
  });
});
