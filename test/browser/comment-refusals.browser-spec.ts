import type { Page } from 'playwright-core';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { ReaderBrowser } from './support/browser';

const ARTICLE = 'demo-bus-line-47';
const PER_READER = 3;

/** What the comments widget tells a reader whose comment the API refuses, in Chromium against the real suite. */
describe('the comments widget when a comment is refused', () => {
  let suite: Suite;
  let http: HttpClient;
  let admin: string;
  const readers: ReaderBrowser[] = [];

  async function readerPage(): Promise<Page> {
    const reader = await ReaderBrowser.open();
    readers.push(reader);
    const page = await reader.page();
    await page.goto(suite.baseUrl + '/');
    await page.locator('[data-engage="comments"] .engage-title', { hasText: /\(\d+\)/ }).waitFor();
    return page;
  }

  const form = (page: Page) => page.locator('[data-engage="comments"] form.engage-comment-form').first();

  /** Fills and sends the form (status lines cleared first, so the next one to speak is the answer). */
  async function submit(page: Page, body: string): Promise<void> {
    await page.evaluate(() => {
      // Runs in the page: the page's globals are reached through globalThis (the tests compile without the DOM).
      const doc = (globalThis as any).document;
      for (const node of doc.querySelectorAll('[data-engage="comments"] [role="status"]'))
        node.textContent = '';
    });
    await form(page).getByLabel('Имя').fill('Алия');
    await form(page).getByLabel('Текст комментария').fill(body);
    await form(page).getByRole('button', { name: 'Отправить' }).click();
  }

  /** Sends the form and resolves with what the widget then says. */
  async function send(page: Page, body: string): Promise<string> {
    await submit(page, body);
    const status = page.locator('[data-engage="comments"] [role="status"]').filter({ hasText: /\S/ }).first();
    await status.waitFor();
    return (await status.textContent()) ?? '';
  }

  beforeAll(async () => {
    suite = await Suite.start({
      services: ['polls', 'comments'],
      gatewayEnv: { DEMO: 'true' },
      serviceEnv: {
        COMMENTS_PER_READER_PER_WINDOW: String(PER_READER),
        COMMENTS_PER_ADDRESS_PER_WINDOW: '0',
        // One window for the whole file, so a window boundary never resets the count mid-test.
        COMMENT_RATE_WINDOW_SECONDS: '86400',
      },
    });
    http = new HttpClient(suite.baseUrl);
    admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
  });

  afterAll(async () => {
    for (const reader of readers) await reader.close();
    await suite?.stop();
  });

  it('says a comment sent twice was already sent', async () => {
    const page = await readerPage();
    expect(await send(page, 'Автобус сегодня пришёл вовремя')).toBe('Комментарий опубликован.');
    expect(await send(page, 'Автобус сегодня пришёл вовремя')).toBe('Вы уже отправили такой комментарий.');
  });

  it('refuses a banned word and keeps the text for the reader to change', async () => {
    const settings = await http.call('/api/v1/moderation/comment-settings', {
      method: 'PUT',
      body: { bannedWords: ['болван'] },
      token: admin,
    });
    expect(settings.status).toBe(200);
    const page = await readerPage();
    expect(await send(page, 'Водитель — болван')).toBe(
      'В комментарии есть недопустимые слова. Пожалуйста, измените текст.',
    );
    await expect(form(page).getByLabel('Текст комментария').inputValue()).resolves.toBe('Водитель — болван');
  });

  it('tells a reader who writes too often when to try again', async () => {
    const page = await readerPage();
    const answers: string[] = [];
    for (let n = 1; n <= PER_READER + 1; n++) answers.push(await send(page, `Заметка номер ${n} о маршруте`));
    expect(answers.slice(0, PER_READER)).toEqual(Array(PER_READER).fill('Комментарий опубликован.'));
    expect(answers[PER_READER]).toMatch(/^Вы пишете слишком часто\. Пожалуйста, попробуйте через \d+ мин\.$/);
  });

  it('tells a banned reader they may not comment', async () => {
    const page = await readerPage();
    expect(await send(page, 'Комментарий перед баном')).toBe('Комментарий опубликован.');
    const queue = await http.get('/api/v1/moderation/comments?queue=all', { token: admin });
    expect(queue.status).toBe(200);
    const written = queue.body.items.find((item: any) => item.body === 'Комментарий перед баном');
    const banned = await http.post(
      `/api/v1/moderation/readers/${written.readerId}/ban`,
      { reason: 'проверка' },
      { token: admin },
    );
    expect(banned.status).toBe(200);
    expect(await send(page, 'Комментарий после бана')).toBe('Вы не можете оставлять комментарии сейчас.');
  });

  it('hides the form and says so when the discussion closed while the page was open', async () => {
    const page = await readerPage();
    const closed = await http.call(`/api/v1/articles/${ARTICLE}/comment-settings`, {
      method: 'PUT',
      body: { closed: true },
      token: admin,
    });
    expect(closed.status).toBe(200);
    await submit(page, 'Успею ли я написать?');
    await page.locator('.engage-closed', { hasText: 'Обсуждение этой статьи закрыто.' }).waitFor();
    expect(await form(page).isVisible()).toBe(false);
  });
});
