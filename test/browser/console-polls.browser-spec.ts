import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { seriousViolations } from './support/axe';
import { focusReaches, ReaderBrowser, screenshot } from './support/browser';
import { createStaff, logInToConsole, openConsolePage, type StaffLogin } from './support/console';

/** The console's polls screens in Chromium, against the real gateway and polls service. */
describe('the newsroom console: polls', () => {
  let suite: Suite;
  let http: HttpClient;
  let adminToken: string;
  let editor: StaffLogin;
  let moderator: StaffLogin;
  let browser: ReaderBrowser;
  let page: Page;

  const heading = () => page.locator('main h1').first();
  const option = (n: number) => page.getByLabel(`Вариант ${n}`, { exact: true });
  const optionRow = (n: number) => page.locator('.poll-option-row', { has: option(n) });

  async function voteAsReader(pollId: string, optionId: string): Promise<void> {
    const answer = await http.post(
      `/api/v1/polls/${pollId}/votes`,
      { optionIds: [optionId] },
      { readerToken: await http.readerToken() },
    );
    expect(answer.status).toBe(201);
  }

  beforeAll(async () => {
    suite = await Suite.start({
      services: ['polls'],
      serviceEnv: { POLL_VOTES_PER_ADDRESS_PER_HOUR: '0' },
    });
    http = new HttpClient(suite.baseUrl);
    adminToken = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    editor = await createStaff(http, adminToken, ['editor']);
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

  it('lets an editor create a poll, shows the live results, downloads them as CSV and closes it', async () => {
    const question = 'Где в городе не хватает скамеек?';
    await logInToConsole(page, suite.baseUrl, editor);
    await openConsolePage(page, '/polls');
    await heading().filter({ hasText: 'Опросы' }).waitFor();
    await page.getByRole('button', { name: 'Новый опрос' }).click();
    await heading().filter({ hasText: 'Новый опрос' }).waitFor();

    // A placement the API does not take: the gateway's refusal shows at that field.
    await page.getByLabel('Вопрос', { exact: true }).fill(question);
    await option(1).fill('В парках');
    await option(2).fill('  в парках ');
    const placement = page.getByLabel('Место на портале');
    await placement.fill('Главная колонка');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    const placementRefusal = page.locator('#poll-placement-error');
    await placementRefusal.waitFor();
    expect(await placementRefusal.textContent()).toBe('Недопустимые символы.');
    expect(await placement.getAttribute('aria-invalid')).toBe('true');
    expect(await placement.getAttribute('aria-describedby')).toContain('poll-placement-error');

    // Two options that read the same: the polls service refuses, and says so at the second one.
    await placement.fill('sidebar');
    await placementRefusal.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Сохранить' }).click();
    const refusal = optionRow(2).locator('.field-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('Повторяет вариант 1.');
    expect(await option(2).getAttribute('aria-invalid')).toBe('true');
    expect(await optionRow(1).locator('.field-error').count()).toBe(0);
    await page.getByText('Исправьте отмеченные поля.').waitFor();

    // A third option, added last and moved up to second.
    await option(2).fill('У остановок');
    await refusal.waitFor({ state: 'detached' });
    await page.getByText('Исправьте отмеченные поля.').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Добавить вариант' }).click();
    await option(3).fill('На набережной');
    await page.getByRole('button', { name: 'Поднять вариант 3' }).click();
    expect(await option(2).inputValue()).toBe('На набережной');
    // The keyboard stays with the moved option.
    await focusReaches(page.getByRole('button', { name: 'Поднять вариант 2' }), 'the moved option');
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await screenshot(page, 'console-polls-form');
    await page.getByRole('button', { name: 'Сохранить' }).click();

    await heading().filter({ hasText: question }).waitFor();
    await page.getByText('Опрос создан.').waitFor();
    const pollId = /#\/polls\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    expect(pollId).toBeDefined();
    const created = (await http.get(`/api/v1/polls/${pollId}`)).body;
    expect(created.options.map((o: { text: string }) => o.text)).toEqual([
      'В парках',
      'На набережной',
      'У остановок',
    ]);

    await page.getByRole('link', { name: '← Все опросы' }).click();
    const row = page.locator('.poll-table tbody tr', { hasText: question });
    await row.waitFor();
    expect(await row.locator('.poll-status').textContent()).toBe('Идёт');
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await screenshot(page, 'console-polls-list');

    await row.getByRole('link', { name: question }).click();
    await heading().filter({ hasText: question }).waitFor();
    await page.locator('.poll-total', { hasText: 'Всего голосов: 0' }).waitFor();

    // Readers vote through the public API; the open page follows without a reload.
    const [parks, embankment, stops] = created.options.map((o: { id: string }) => o.id);
    await voteAsReader(pollId!, parks);
    await voteAsReader(pollId!, parks);
    await voteAsReader(pollId!, stops);
    await page.locator('.poll-total', { hasText: 'Всего голосов: 3' }).waitFor();
    expect(await page.locator('.poll-result-percent').allTextContents()).toEqual(['67%', '0%', '33%']);
    expect(await page.locator('.poll-result-votes').allTextContents()).toEqual(['2', '0', '1']);
    await voteAsReader(pollId!, embankment);
    await page.locator('.poll-total', { hasText: 'Всего голосов: 4' }).waitFor();
    expect(await page.locator('.poll-result-percent').allTextContents()).toEqual(['50%', '25%', '25%']);
    expect(await seriousViolations(page, 'body')).toEqual([]);
    await screenshot(page, 'console-polls-results');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`poll-${pollId}-results.csv`);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const rows = csv.split('\r\n');
    expect(rows.slice(0, 5)).toEqual([
      'option,votes,percent',
      'В парках,2,50',
      'На набережной,1,25',
      'У остановок,1,25',
      '',
    ]);
    expect(rows[5]).toBe('hour,option,votes');
    expect(rows.slice(6).filter(Boolean)).toHaveLength(3);

    await page.getByRole('button', { name: 'Завершить' }).click();
    await page.getByText('Опрос завершён.').waitFor();
    await page.locator('.poll-status', { hasText: 'Завершён' }).waitFor();
    expect(await page.getByRole('button', { name: 'Завершить' }).count()).toBe(0);
    expect((await http.get(`/api/v1/polls/${pollId}`)).body.status).toBe('closed');

    await openConsolePage(page, '/polls?status=closed');
    await page.locator('.poll-table tbody tr', { hasText: question }).locator('.poll-status').waitFor();
    await openConsolePage(page, '/polls?status=open');
    await page.getByText('Сейчас не идёт ни один опрос.').waitFor();
    expect(browser.errors).toEqual([]);
  });

  it('edits a poll, and deletes it only once the editor confirms', async () => {
    const editorToken = await http.login(editor.email, editor.password);
    const created = await http.post(
      '/api/v1/polls',
      { question: 'Какой маршрут продлить первым?', options: ['Третий', 'Седьмой'], placement: 'transport' },
      { token: editorToken },
    );
    expect(created.status).toBe(201);
    const pollId: string = created.body.id;
    await voteAsReader(pollId, created.body.options[0].id);

    await logInToConsole(page, suite.baseUrl, editor);
    await openConsolePage(page, `/polls/${pollId}`);
    await heading().filter({ hasText: 'Какой маршрут продлить первым?' }).waitFor();
    await page.getByRole('button', { name: 'Изменить' }).click();
    await heading().filter({ hasText: 'Изменить опрос' }).waitFor();
    await page.getByLabel('Вопрос', { exact: true }).fill('Какой автобусный маршрут продлить первым?');
    await page.getByLabel('Несколько вариантов', { exact: true }).check();
    await page.getByRole('button', { name: 'Добавить вариант' }).click();
    await option(3).fill('Двенадцатый');
    // With votes in, the options there are can be renamed and moved but not removed; a new one can.
    expect(await page.getByRole('button', { name: 'Убрать вариант 1' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Убрать вариант 2' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Убрать вариант 3' }).isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await heading().filter({ hasText: 'Какой автобусный маршрут продлить первым?' }).waitFor();
    await page.getByText('Изменения сохранены.').waitFor();
    const edited = (await http.get(`/api/v1/polls/${pollId}`)).body;
    expect(edited).toMatchObject({ multipleChoice: true, maxChoices: 3, placement: 'transport' });
    expect(edited.options.map((o: { text: string }) => o.text)).toEqual(['Третий', 'Седьмой', 'Двенадцатый']);

    await page.getByRole('button', { name: 'Удалить' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    await focusReaches(confirm.getByRole('button', { name: 'Отмена' }), "the dialog's cancel");
    await confirm.getByRole('button', { name: 'Отмена' }).click();
    await confirm.waitFor({ state: 'detached' });
    await focusReaches(page.getByRole('button', { name: 'Удалить' }), 'the delete button again');
    expect((await http.get(`/api/v1/polls/${pollId}`, { token: editorToken })).status).toBe(200);

    await page.getByRole('button', { name: 'Удалить' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Да, удалить' }).click();
    await page.getByText('Опрос удалён.').waitFor();
    await heading().filter({ hasText: 'Опросы' }).waitFor();
    expect((await http.get(`/api/v1/polls/${pollId}`, { token: editorToken })).status).toBe(404);
    expect(browser.errors).toEqual([]);
  });

  it('lists a poll that has not opened yet under the scheduled ones only', async () => {
    const question = 'Что показать на дне открытых дверей музея?';
    const created = await http.post(
      '/api/v1/polls',
      {
        question,
        options: ['Запасники', 'Реставрацию'],
        opensAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
      { token: await http.login(editor.email, editor.password) },
    );
    expect(created.status).toBe(201);
    await logInToConsole(page, suite.baseUrl, editor);
    await openConsolePage(page, '/polls');
    await page.getByRole('link', { name: 'Запланированные' }).click();
    const row = page.locator('.poll-table tbody tr', { hasText: question });
    await row.waitFor();
    expect(await row.locator('.poll-status').textContent()).toBe('Запланирован');
    await page.getByRole('link', { name: 'Идут сейчас' }).click();
    await page.locator('.poll-filters a[aria-current="page"]', { hasText: 'Идут сейчас' }).waitFor();
    // Loaded: the table, or the words for an empty list (not the "loading" status).
    await page.locator('main .poll-table, main p.muted:not([role="status"])').first().waitFor();
    expect(await row.count()).toBe(0);
    // Readers never see it before it opens, in the list or by its id.
    expect((await http.get('/api/v1/polls?status=scheduled')).body.items).toEqual([]);
    expect((await http.get(`/api/v1/polls/${created.body.id}`)).status).toBe(404);
  });

  it('keeps a moderator out of the polls screens, and the server refuses them too', async () => {
    await logInToConsole(page, suite.baseUrl, moderator);
    expect(await page.locator('nav.sections a').allTextContents()).not.toContain('Опросы');
    for (const path of ['/polls', '/polls/new']) {
      await openConsolePage(page, path);
      await page.locator('main h1', { hasText: 'Нет доступа' }).waitFor();
    }
    const token = await http.login(moderator.email, moderator.password);
    const refused = await http.post(
      '/api/v1/polls',
      { question: 'Можно?', options: ['Да', 'Нет'] },
      { token },
    );
    expect(refused.status).toBe(403);
  });

  it('fits a 360 px wide phone: the list, the form and the results', async () => {
    const created = await http.post(
      '/api/v1/polls',
      {
        question: 'Какую улицу в центре стоит сделать пешеходной на выходные дни летом?',
        options: ['Набережную вдоль реки от моста до парка', 'Улицу у рынка'],
      },
      { token: await http.login(editor.email, editor.password) },
    );
    expect(created.status).toBe(201);
    await page.setViewportSize({ width: 360, height: 740 });
    await logInToConsole(page, suite.baseUrl, editor);
    const screens: Array<[string, string]> = [
      ['/polls', '.poll-table'],
      ['/polls/new', '.poll-form'],
      [`/polls/${created.body.id}`, '.poll-total'],
    ];
    for (const [path, content] of screens) {
      await openConsolePage(page, path);
      await page.locator(content).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, overflows: overflow > 0 }).toEqual({ path, overflows: false });
    }
    await screenshot(page, 'console-polls-phone');
  });
});
