import type { Page } from 'playwright-core';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';
import { seriousViolations } from './support/axe';
import { focusReaches, ReaderBrowser, screenshot } from './support/browser';
import { createStaff, logInToConsole, openConsolePage, type StaffLogin } from './support/console';

const ARTICLE = 'demo-bus-line-47';
const APPROVED = 'Остановку у школы перенесли, теперь дети переходят дорогу без светофора';
const REJECTED = 'Покупайте дешёвые билеты у нас, пишите в личку';
const LATER = 'А по выходным автобус ходит так же часто?';

/** The console's comment moderation in Chromium, against the real suite with the demo page's widget. */
describe('the newsroom console: comment moderation', () => {
  let suite: Suite;
  let http: HttpClient;
  let moderator: StaffLogin;
  let moderatorToken: string;
  let staff: ReaderBrowser;
  let reader: ReaderBrowser;
  let page: Page;
  let readerPage: Page;

  const item = (text: string) => page.locator('article.comment-item').filter({ hasText: text });
  const selectedItem = () => page.locator('article.comment-item[aria-current="true"]');
  const tabCount = (queue: string) => page.locator(`.queue-tabs a[data-queue="${queue}"] .queue-count`);
  const notice = (text: string) => page.locator('.notice', { hasText: text });

  /**
   * A key pressed where the focus is, as the browser delivers it to the page (a keydown that bubbles to
   * the document). Sent from inside the page: under load, Chromium has left the debugging protocol's
   * key input unanswered for minutes here, which no user of the console meets. Text typed into fields
   * still goes through the protocol's keyboard.
   */
  const pressKey = (key: string) =>
    page.evaluate((pressed) => {
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key: pressed, bubbles: true, cancelable: true }));
      target.dispatchEvent(new KeyboardEvent('keyup', { key: pressed, bubbles: true, cancelable: true }));
    }, key);

  /** A reader's comment through the API; answers the status the service gave it. */
  async function postAsReader(body: string, readerToken?: string): Promise<string> {
    const answer = await http.post<{ status: string }>(
      `/api/v1/articles/${ARTICLE}/comments`,
      { body, authorName: 'Айгерим', authorEmail: 'aigerim@reader.test' },
      { readerToken: readerToken ?? (await http.readerToken()) },
    );
    expect(answer.status).toBe(201);
    return answer.body.status;
  }
  let laterAuthor: string;

  beforeAll(async () => {
    suite = await Suite.start({
      services: ['polls', 'comments'],
      gatewayEnv: { DEMO: 'true' },
      serviceEnv: {
        COMMENTS_PER_READER_PER_WINDOW: '1000',
        COMMENTS_PER_ADDRESS_PER_WINDOW: '1000',
        // Settings are read afresh by every post, so the mode saved on the screen holds the next one.
        COMMENT_SETTINGS_TTL_MS: '0',
      },
    });
    http = new HttpClient(suite.baseUrl);
    const adminToken = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    moderator = await createStaff(http, adminToken, ['moderator']);
    moderatorToken = await http.login(moderator.email, moderator.password);
    staff = await ReaderBrowser.open();
    reader = await ReaderBrowser.open();
    page = await staff.page();
    readerPage = await reader.page();
    await logInToConsole(page, suite.baseUrl, moderator);
  });

  afterAll(async () => {
    await staff?.close();
    await reader?.close();
    await suite?.stop();
  });

  it('switches the site to pre-moderation on the settings screen', async () => {
    await openConsolePage(page, '/comments/settings');
    const form = page.locator('form.settings-form');
    await form.waitFor();
    await form.getByLabel('премодерация: всё на проверку').check();
    await form.getByLabel('Подозрительные слова').fill('билеты\nреклама');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await notice('Настройки сохранены.').waitFor();
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await screenshot(page, 'console-comments-settings');

    const saved = await http.get('/api/v1/moderation/comment-settings', { token: moderatorToken });
    expect(saved.body).toMatchObject({ mode: 'pre', suspectWords: ['билеты', 'реклама'] });
  });

  it('says why the server refused a setting, at its field', async () => {
    const form = page.locator('form.settings-form');
    await form.getByLabel('Жалоб, чтобы скрыть до решения').fill('100000');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.locator('.notice-failure').waitFor();
    await form.locator('#flagThreshold-error').waitFor();
    await openConsolePage(page, '/comments/settings');
  });

  it('shows the held comments in the pending queue with their count, author and why they were held', async () => {
    expect(await postAsReader(APPROVED)).toBe('pending');
    expect(await postAsReader(REJECTED)).toBe('pending');
    await openConsolePage(page, '/comments/pending');
    await item(APPROVED).waitFor();
    await item(REJECTED).waitFor();
    await waitFor(async () => (await tabCount('pending').textContent()) === '2', 10000, 'the pending count');
    await expect(item(REJECTED).textContent()).resolves.toContain('подозрительное слово');
    await expect(item(APPROVED).textContent()).resolves.toContain('премодерация');
    await expect(item(APPROVED).textContent()).resolves.toContain('aigerim@reader.test');
    await expect(item(APPROVED).locator('code').first().textContent()).resolves.toBe(ARTICLE);
    await page.getByText('j', { exact: true }).first().waitFor();
    expect(await seriousViolations(page, 'body')).toEqual([]);
  });

  it('approves one and rejects another with the keyboard', async () => {
    // Newest first: the comment to reject is selected, j moves to the other and k back.
    await expect(selectedItem().textContent()).resolves.toContain(REJECTED);
    await pressKey('j');
    await waitFor(async () => (await selectedItem().textContent())?.includes(APPROVED) ?? false, 5000, 'j');
    await pressKey('k');
    await waitFor(async () => (await selectedItem().textContent())?.includes(REJECTED) ?? false, 5000, 'k');
    await pressKey('ArrowDown');
    await waitFor(async () => (await selectedItem().textContent())?.includes(APPROVED) ?? false, 5000, '↓');

    await pressKey('a');
    await notice('Комментарий одобрен.').waitFor();
    await waitFor(async () => (await item(APPROVED).count()) === 0, 10000, 'the approved one to leave');

    await expect(selectedItem().textContent()).resolves.toContain(REJECTED);
    await pressKey('r');
    const reason = page.getByLabel('Причина отказа');
    await focusReaches(reason, 'the reason');
    // Typed into the field, the keys are text, not commands: "a" approves nothing here.
    await page.keyboard.type('Реклама, а не мнение');
    await expect(reason.inputValue()).resolves.toBe('Реклама, а не мнение');
    await page.keyboard.press('Enter');
    await notice('Комментарий отклонён.').waitFor();
    await page.getByText('В этой очереди ничего нет.').waitFor();
    await waitFor(async () => (await tabCount('pending').textContent()) === '0', 10000, 'pending back to 0');
    await waitFor(async () => (await tabCount('rejected').textContent()) === '1', 10000, 'one rejected');
  });

  it('keeps the decisions on record, with who decided and why', async () => {
    await openConsolePage(page, '/comments/rejected');
    await item(REJECTED).waitFor();
    await item(REJECTED).getByText('Решения (1)').click();
    await expect(item(REJECTED).textContent()).resolves.toContain('Реклама, а не мнение');
    await item(REJECTED).getByText(`модератор ${moderator.email}`).waitFor();
    expect(await seriousViolations(page, 'body')).toEqual([]);
  });

  it('shows the reader the approved comment and not the rejected one', async () => {
    const widget = readerPage.locator('[data-engage="comments"]');
    await waitFor(
      async () => {
        await readerPage.goto(suite.baseUrl + '/');
        await widget.locator('.engage-title', { hasText: /\(\d+\)/ }).waitFor();
        return (await widget.locator('.engage-comment-card', { hasText: APPROVED }).count()) === 1;
      },
      15000,
      'the approved comment on the public page',
      200,
    );
    expect(await widget.locator('.engage-comment-card', { hasText: REJECTED }).count()).toBe(0);
  });

  it('raises the pending count live, and shows the comment, when a reader posts a held one', async () => {
    await openConsolePage(page, '/comments/pending');
    await waitFor(async () => (await tabCount('pending').textContent()) === '0', 10000, 'pending at 0');
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    laterAuthor = await http.readerToken();
    expect(await postAsReader(LATER, laterAuthor)).toBe('pending');
    await waitFor(async () => (await tabCount('pending').textContent()) === '1', 10000, 'the live count');
    // The list follows the counts: the new comment is there, ready for a decision.
    await item(LATER).waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    // Taken here rather than before the keys: a full-page capture resizes the page under the keyboard.
    await screenshot(page, 'console-comments-queue');
  });

  it('bans the author with a reason and lifts the ban, saying each time what happened', async () => {
    const held = item(LATER);
    await held.getByRole('button', { name: 'Заблокировать автора' }).click();
    const form = held.getByRole('form', { name: 'Блокировка автора' });
    await form.getByLabel('Причина блокировки').fill('Повторная реклама');
    await form.getByLabel('Срок').selectOption('forGood');
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await form.getByRole('button', { name: 'Заблокировать' }).click();
    await notice('Автор заблокирован навсегда.').waitFor();
    // The comment says so, and offers to lift the ban instead of making another.
    await held.locator('.tag.banned', { hasText: 'Заблокирован навсегда' }).waitFor();
    expect(await held.textContent()).toContain('причина: Повторная реклама');
    expect(await held.getByRole('button', { name: 'Заблокировать автора' }).count()).toBe(0);
    const refused = await http.post(
      `/api/v1/articles/${ARTICLE}/comments`,
      { body: 'Ещё одна попытка', authorName: 'Айгерим' },
      { readerToken: laterAuthor },
    );
    expect([refused.status, refused.body.code]).toEqual([422, 'comment_author_banned']);

    await held.getByRole('button', { name: 'Снять блокировку' }).click();
    await notice('Блокировка снята.').waitFor();
    expect(await postAsReader('Спасибо, больше не буду', laterAuthor)).toBe('pending');
    await held.getByRole('button', { name: 'Заблокировать автора' }).waitFor();
    expect(await held.locator('.tag.banned').count()).toBe(0);
    expect(await held.getByRole('button', { name: 'Снять блокировку' }).count()).toBe(0);
  });

  it('features a published comment with the f key', async () => {
    await openConsolePage(page, '/comments/all');
    await item(APPROVED).waitFor();
    await item(APPROVED).click({ position: { x: 5, y: 5 } });
    await waitFor(
      async () => (await selectedItem().textContent())?.includes(APPROVED) ?? false,
      5000,
      'selection',
    );
    await page.locator('main h1').focus();
    await pressKey('f');
    await notice('Комментарий выделен.').waitFor();
    await item(APPROVED).locator('.tag.featured').waitFor();
  });

  it("opens and closes one article's discussion on the settings screen", async () => {
    await openConsolePage(page, '/comments/settings');
    await page.getByLabel('ID статьи').fill(ARTICLE);
    await page.getByRole('button', { name: 'Показать' }).click();
    const form = page.getByRole('form', { name: ARTICLE });
    await form.getByLabel('Обсуждение закрыто').check();
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await notice('Настройки статьи сохранены.').waitFor();
    const saved = await http.get(`/api/v1/articles/${ARTICLE}/comment-settings`, { token: moderatorToken });
    expect(saved.body).toMatchObject({ articleId: ARTICLE, closed: true });
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await form.getByLabel('Обсуждение закрыто').uncheck();
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await waitFor(async () => (await page.locator('.notice-success').count()) >= 1, 5000, 'saved again');
    await openConsolePage(page, '/comments/pending');
    await item(LATER).waitFor();
  });

  it('fits a 360 px wide phone', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.reload();
    await page.locator('.queue-tabs').waitFor();
    await item(LATER).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(360);
    await screenshot(page, 'console-comments-queue-phone');
    await page.setViewportSize({ width: 1200, height: 900 });
    expect(staff.errors).toEqual([]);
  });
});
