import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { Suite } from '@test/support/suite';
import { seriousViolations } from './support/axe';
import { ReaderBrowser, screenshot } from './support/browser';

const MEBIBYTE = 1024 * 1024;

/** The reporter widget of engage.js on the demo page, in Chromium, against the real suite. */
describe('the reporter widget in a browser', () => {
  let suite: Suite;
  let reader: ReaderBrowser;
  let page: Page;
  let files: string;
  /** Every submission the page sent, so a test can tell that nothing was uploaded. */
  const submissions: string[] = [];

  const widget = (scope: Page, locale = 'ru'): Locator =>
    scope.locator(
      locale === 'ru'
        ? '[data-engage="reporter"]:not([data-locale])'
        : `[data-engage="reporter"][data-locale="${locale}"]`,
    );

  async function open(): Promise<void> {
    await page.goto(suite.baseUrl + '/');
    await widget(page).locator('form.engage-reporter-form').waitFor();
  }

  /** A file in the test's temporary folder. */
  function file(name: string, content: Buffer | string): string {
    const path = join(files, name);
    writeFileSync(path, content);
    return path;
  }

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'engage-reporter-files-'));
    suite = await Suite.start({ services: ['polls', 'comments'], gatewayEnv: { DEMO: 'true' } });
    reader = await ReaderBrowser.open();
    page = await reader.page();
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/submissions')) submissions.push(request.url());
    });
  });

  afterAll(async () => {
    await reader?.close();
    await suite?.stop();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('shows the form in Russian with every field labelled and the honeypot out of reach', async () => {
    await open();
    const form = widget(page);
    await expect(form.locator('.engage-title').textContent()).resolves.toBe('Сообщите новость');
    for (const label of ['Заголовок', 'Что произошло', 'Рубрика', 'Где это (необязательно)', 'Имя']) {
      expect(await form.getByLabel(label, { exact: true }).count()).toBe(1);
    }
    expect(await form.getByLabel('Электронная почта', { exact: true }).getAttribute('type')).toBe('email');
    expect(await form.getByLabel('Телефон', { exact: true }).getAttribute('type')).toBe('tel');
    expect(await form.getByLabel('Фото, видео или документы').getAttribute('type')).toBe('file');
    expect(await form.getByRole('checkbox', { name: /Я согласен/ }).count()).toBe(1);

    const trap = form.locator('input[name="website"]');
    expect(await trap.getAttribute('tabindex')).toBe('-1');
    expect(await trap.getAttribute('autocomplete')).toBe('off');
    expect(await form.locator('[aria-hidden="true"]:has(input[name="website"])').count()).toBe(1);
    // Screen readers never meet it: it has no place in the accessibility tree.
    expect(await form.getByRole('textbox', { name: /Сайт/ }).count()).toBe(0);
    expect(await trap.isVisible()).toBe(true); // positioned away, not display:none, so robots still fill it
    const box = await trap.boundingBox();
    expect(box === null || box.x + box.width <= 0).toBe(true);

    expect(await seriousViolations(page, '[data-engage="reporter"]')).toEqual([]);
    await screenshot(page, 'reporter-form');
  });

  it('refuses a 30 MB photo and a text file before anything is uploaded', async () => {
    await open();
    const big = file('большое-фото.jpg', '');
    truncateSync(big, 30 * MEBIBYTE);
    const text = file('заметки.txt', 'просто текст');
    submissions.length = 0;

    await widget(page).getByLabel('Фото, видео или документы').setInputFiles([big, text]);
    const alert = widget(page).getByRole('alert');
    await alert.getByText('Файл «большое-фото.jpg» больше 20 МБ.').waitFor();
    await alert
      .getByText('Файл «заметки.txt» не подходит: принимаем JPEG, PNG, WebP, GIF, MP4 и PDF.')
      .waitFor();
    expect(await widget(page).locator('.engage-file').count()).toBe(0);
    expect(submissions).toEqual([]);
  });

  it('asks for what is missing, an email or a phone among it, before sending', async () => {
    await open();
    submissions.length = 0;
    const form = widget(page);
    await form.getByLabel('Заголовок', { exact: true }).fill('Во дворе упало дерево');
    await form
      .getByLabel('Что произошло', { exact: true })
      .fill('Ночью ветер повалил тополь на детскую площадку.');
    await form.getByLabel('Имя', { exact: true }).fill('Айгуль');
    await form.getByRole('button', { name: 'Отправить' }).click();
    const alert = form.getByRole('alert');
    await alert.getByText('Укажите электронную почту или телефон.').waitFor();
    await alert.getByText('Без вашего согласия мы не можем принять сообщение.').waitFor();
    expect(await form.getByLabel('Электронная почта', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(submissions).toEqual([]);
  });

  it('speaks English with data-locale="en" and keeps its limits from the data attributes', async () => {
    await open();
    await page.evaluate(() => {
      // Runs in the page: its globals are reached through globalThis (the tests compile without the DOM).
      const doc = (globalThis as any).document;
      const host = doc.createElement('div');
      host.dataset.engage = 'reporter';
      host.dataset.locale = 'en';
      host.dataset.maxFileMb = '1';
      doc.querySelector('main').append(host);
      (globalThis as any).Engage.scan();
    });
    const form = widget(page, 'en');
    await form.locator('form.engage-reporter-form').waitFor();
    await expect(form.locator('.engage-title').textContent()).resolves.toBe('Send us your news');
    for (const label of ['Headline', 'What happened', 'Section', 'Name', 'Email', 'Phone']) {
      expect(await form.getByLabel(label, { exact: true }).count()).toBe(1);
    }
    const photo = file('photo.jpg', '');
    truncateSync(photo, 2 * MEBIBYTE);
    submissions.length = 0;
    await form.getByLabel('Photos, videos or documents').setInputFiles(photo);
    await form.getByRole('alert').getByText('The file "photo.jpg" is larger than 1 MB.').waitFor();
    await form.getByRole('button', { name: 'Check a submission' }).click();
    await form.getByRole('heading', { name: 'Check a submission' }).waitFor();
    await form.getByRole('button', { name: 'Check', exact: true }).click();
    await form.getByRole('alert').getByText('Please enter the code.').waitFor();
    expect(submissions).toEqual([]);
    expect(await seriousViolations(page, '[data-engage="reporter"][data-locale="en"]')).toEqual([]);
  });
});
