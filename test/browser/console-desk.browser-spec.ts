import type { Locator, Page } from 'playwright-core';
import { phoneJpeg } from '../../apps/reporter/src/testing/sample-images';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';
import { seriousViolations } from './support/axe';
import { ReaderBrowser, screenshot } from './support/browser';
import { createStaff, logInToConsole, openConsolePage, type StaffLogin } from './support/console';

const CONTACT = { name: 'Мария Источникова', email: 'maria.source@example.test', phone: '+7 900 123-45-67' };

/** The submissions desk of the console in Chromium, against the real gateway and reporter service. */
describe('the newsroom console: the reader-reporter desk', () => {
  let suite: Suite;
  let http: HttpClient;
  let adminToken: string;
  let moderator: StaffLogin;
  let browser: ReaderBrowser;
  let page: Page;

  /** A reader sends news with a photo through the public API, as the widget does; the receipt's code. */
  async function sendNews(title: string, options: { photo?: boolean; body?: string } = {}): Promise<string> {
    const form = new FormData();
    const fields = {
      title,
      body: options.body ?? 'Вода заливает подвал дома 12 с утра.\nАварийная служба не отвечает.',
      category: 'city',
      location: 'Садовая, 12',
      ...CONTACT,
      consent: 'true',
      website: '',
    };
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    if (options.photo ?? true) {
      form.append('files', new Blob([phoneJpeg()], { type: 'image/jpeg' }), 'flooded-basement.jpg');
    }
    const response = await fetch(`${suite.baseUrl}/api/v1/submissions`, { method: 'POST', body: form });
    const receipt = (await response.json()) as { trackingCode: string };
    expect(response.status).toBe(201);
    return receipt.trackingCode;
  }

  const filter = (name: string) => page.locator(`form.desk-filters [name="${name}"]`);
  const heading = () => page.locator('main h1').first();
  const statusShown = () => page.locator('.desk-facts .desk-status');
  const success = (text: string | RegExp) => page.locator('.notice-success', { hasText: text });
  const button = (name: string): Locator => page.getByRole('button', { name, exact: true });

  async function openDetail(title: string): Promise<void> {
    await openConsolePage(page, '/submissions');
    await page.locator('table.desk-table a', { hasText: title }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
  }

  beforeAll(async () => {
    // More reports from this one address than the default hourly limit allows: the paging test sends 26.
    suite = await Suite.start({
      services: ['reporter'],
      serviceEnv: { SUBMISSIONS_PER_ADDRESS_PER_HOUR: '100' },
    });
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

  it('takes a report with a photo from received to published, asking the sender on the way', async () => {
    const title = `Прорвало трубу на Садовой ${Date.now()}`;
    const trackingCode = await sendNews(title);

    await logInToConsole(page, suite.baseUrl, moderator);
    await openConsolePage(page, '/submissions');
    const row = page.locator('table.desk-table tr', { hasText: title });
    await row.waitFor();
    expect(await row.locator('.desk-status').textContent()).toBe('Получено');

    // Filters live in the URL: a filter that excludes the report, then one that finds it.
    await filter('status').selectOption('published');
    await button('Показать').click();
    await page.getByText('Под этот отбор сообщений нет.').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/submissions?status=published');
    await button('Сбросить').click();
    // The reset renders the form anew: typing before it lands would be wiped.
    await waitFor(async () => (await filter('status').inputValue()) === '', 5000, 'the filters reset');
    await filter('q').fill('подвал');
    await filter('assignee').selectOption('none');
    await button('Показать').click();
    await row.waitFor();
    const filtered = '#/submissions?assignee=none&q=%D0%BF%D0%BE%D0%B4%D0%B2%D0%B0%D0%BB';
    await waitFor(async () => (await page.evaluate(() => location.hash)) === filtered, 5000, filtered);
    await page.reload();
    await row.waitFor();
    expect(await filter('q').inputValue()).toBe('подвал');
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await screenshot(page, 'console-desk-list');

    await row.getByRole('link').click();
    await page.locator('main h1', { hasText: title }).waitFor();
    expect(await heading().textContent()).toBe(title);
    // The contact data, decrypted for the desk.
    for (const text of [CONTACT.name, CONTACT.email, CONTACT.phone, 'Садовая, 12', 'Город']) {
      await page.locator('.desk-facts dd', { hasText: text }).first().waitFor();
    }

    // The photo: a preview inside the console from a blob: URL, and a download under its own name.
    await button('Просмотреть').click();
    const preview = page.locator('img.desk-preview');
    await preview.waitFor();
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('img.desk-preview');
      return !!image && image.complete && image.naturalWidth > 0;
    });
    expect(await preview.getAttribute('src')).toMatch(/^blob:/);
    expect(await preview.getAttribute('alt')).toContain('flooded-basement.jpg');
    const [download] = await Promise.all([page.waitForEvent('download'), button('Скачать').click()]);
    expect(download.suggestedFilename()).toBe('flooded-basement.jpg');
    await success('Файл «flooded-basement.jpg» скачан.').waitFor();

    // Assigned to the moderator, then into review: each action says it succeeded.
    await button('Взять себе').click();
    await success(`Ответственный: ${moderator.email}.`).waitFor();
    expect(await page.locator('.desk-assignee').textContent()).toBe(moderator.email);
    // Only the moves the state machine allows from "received".
    expect(await page.locator('.desk-moves button').allTextContents()).toEqual([
      'Взять на проверку',
      'Отклонить',
      'Это спам',
    ]);
    await button('Взять на проверку').click();
    await success('Статус изменён: На проверке.').waitFor();
    expect(await statusShown().textContent()).toBe('На проверке');

    // A question to the sender is the move to needs_info with the message.
    const question = 'Пришлите, пожалуйста, номер дома и время, когда это началось.';
    await page.locator('textarea[name="messageToSubmitter"]').fill(question);
    await button('Задать вопрос').click();
    await success('Вопрос отправлен автору.').waitFor();
    expect(await statusShown().textContent()).toBe('Ждём ответа автора');
    await page.locator('.desk-message-newsroom', { hasText: question }).waitFor();
    expect(await page.locator('textarea[name="messageToSubmitter"]').inputValue()).toBe('');

    // The sender reads the question with the tracking code and answers.
    const tracked = await http.get(`/api/v1/submissions/track/${trackingCode}`);
    expect(tracked.body).toMatchObject({
      status: 'needs_info',
      messages: [{ from: 'newsroom', text: question }],
    });
    const answer = 'Дом 12, началось около семи утра.';
    const sent = await http.post(`/api/v1/submissions/track/${trackingCode}/messages`, { text: answer });
    expect(sent.status).toBe(201);

    await button('Обновить').click();
    await page.locator('.desk-message-submitter', { hasText: answer }).waitFor();

    const note = 'Позвонить в управляющую компанию до публикации.';
    await page.locator('textarea[name="note"]').fill(note);
    await button('Добавить заметку').click();
    await success('Заметка добавлена.').waitFor();
    await page.locator('.desk-note', { hasText: note }).waitFor();
    expect(await page.locator('.desk-note').textContent()).toContain(moderator.email);

    for (const [move, status] of [
      ['Вернуть на проверку', 'На проверке'],
      ['Принять', 'Принято'],
      ['Отметить как опубликованное', 'Опубликовано'],
    ]) {
      await button(move).click();
      // Waited for by the status itself: the same notice may still show from an earlier move.
      await page.locator('.desk-facts .desk-status', { hasText: status }).waitFor();
      expect(await success(`Статус изменён: ${status}.`).count()).toBeGreaterThan(0);
    }
    await page.getByText('Статус окончательный, дальше сообщение не движется.').waitFor();
    expect(await page.locator('.desk-moves button').count()).toBe(0);
    expect(await page.locator('.desk-history-move').allTextContents()).toEqual([
      'Получено → На проверке',
      'На проверке → Ждём ответа автора',
      'Ждём ответа автора → На проверке',
      'На проверке → Принято',
      'Принято → Опубликовано',
    ]);
    for (const step of await page.locator('.desk-history-step').all()) {
      expect(await step.textContent()).toContain(moderator.email);
    }
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await screenshot(page, 'console-desk-detail');

    expect((await http.get(`/api/v1/submissions/track/${trackingCode}`)).body.status).toBe('published');
    expect(browser.errors).toEqual([]);
  });

  it('explains a change refused because someone else moved the report, and shows the new state', async () => {
    const title = `Сломан светофор ${Date.now()}`;
    await sendNews(title);
    await logInToConsole(page, suite.baseUrl, moderator);
    await openDetail(title);
    expect(await statusShown().textContent()).toBe('Получено');

    // A colleague takes it into review meanwhile.
    const colleague = await createStaff(http, adminToken, ['moderator']);
    const token = await http.login(colleague.email, colleague.password);
    const list = await http.get<{ items: { id: string; title: string }[] }>(
      '/api/v1/moderation/submissions',
      {
        token,
      },
    );
    const id = list.body.items.find((item) => item.title === title)!.id;
    const moved = await http.post(
      `/api/v1/moderation/submissions/${id}/transition`,
      { to: 'in_review' },
      { token },
    );
    expect(moved.status).toBe(200);

    await button('Отклонить').click();
    await page.locator('.notice-failure', { hasText: 'изменил кто-то другой' }).waitFor();
    await page.locator('.desk-facts .desk-status', { hasText: 'На проверке' }).waitFor();
    expect(await page.locator('.desk-moves button').allTextContents()).toEqual([
      'Принять',
      'Отклонить',
      'Это спам',
    ]);
    // The colleague joined after the console read its roster: their name arrives with the next read.
    await page.locator('.desk-history-step', { hasText: colleague.email }).waitFor();

    // A question without its text is not sent.
    expect(await button('Задать вопрос').isDisabled()).toBe(true);
    expect(browser.errors).toEqual([]);
  });

  it('pages through a long list 25 at a time, forwards and back, within the filter', async () => {
    const word = `paging${Date.now()}`;
    for (let n = 1; n <= 26; n++) {
      await sendNews(`Сообщение ${String(n).padStart(2, '0')} (${word})`, {
        photo: false,
        body: `Текст для проверки листания: ${word}.`,
      });
    }
    await logInToConsole(page, suite.baseUrl, moderator);
    await openConsolePage(page, `/submissions?q=${word}`);
    const rows = page.locator('table.desk-table tbody tr');
    const pager = (name: string) => page.locator('nav.pager button', { hasText: name });
    await page.locator('table.desk-table a', { hasText: 'Сообщение 26' }).waitFor();
    expect(await rows.count()).toBe(25);
    expect(await pager('Назад').isDisabled()).toBe(true);
    await pager('Дальше').click();
    await page.locator('table.desk-table a', { hasText: 'Сообщение 01' }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await pager('Дальше').isDisabled()).toBe(true);
    await pager('Назад').click();
    await page.locator('table.desk-table a', { hasText: 'Сообщение 26' }).waitFor();
    expect(await rows.count()).toBe(25);
    expect(browser.errors).toEqual([]);
  });

  it('fits a 360 px wide phone, list and detail, and speaks English', async () => {
    const title = `Яма на дороге ${Date.now()}`;
    await sendNews(title);
    await page.setViewportSize({ width: 360, height: 740 });
    await logInToConsole(page, suite.baseUrl, moderator);
    await openConsolePage(page, '/submissions');
    await page.locator('table.desk-table a', { hasText: title }).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await openDetail(title);
    await button('Просмотреть').click();
    await page.locator('img.desk-preview').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await screenshot(page, 'console-desk-phone');

    await button('English').click();
    await page.locator('.desk-facts .desk-status', { hasText: 'Received' }).waitFor();
    expect(await page.locator('.desk-moves button').allTextContents()).toEqual([
      'Start review',
      'Reject',
      'Mark as spam',
    ]);
  });
});
