import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import type { Locator, Page, Route } from 'playwright-core';
import { phoneJpeg, SOURCE_LOCATION } from '../../apps/reporter/src/testing/sample-images';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { seriousViolations } from './support/axe';
import { ReaderBrowser, screenshot } from './support/browser';

const MEBIBYTE = 1024 * 1024;
/** Few, so the last test reaches the limit; the tests before it mistype one code. */
const WRONG_CODES_PER_HOUR = 3;
const MODERATOR = { email: 'moderator@reporter.test', password: 'moderator-password-123' };
/** What exifr can read of a photo: EXIF and its GPS, XMP and IPTC. */
const EVERY_BLOCK = { tiff: true, exif: true, gps: true, xmp: true, iptc: true, mergeOutput: false };
/** API.md's tracking code as the service groups it. */
const TRACKING_CODE = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/;

/** The reporter widget of engage.js on the demo page, in Chromium, against the real suite. */
describe('the reporter widget in a browser', () => {
  let suite: Suite;
  let http: HttpClient;
  let moderator: string;
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

  /** Fills the form as a reader would, with an email to be answered at. */
  async function fill(form: Locator, title: string, body: string): Promise<void> {
    await form.getByLabel('Заголовок', { exact: true }).fill(title);
    await form.getByLabel('Что произошло', { exact: true }).fill(body);
    await form.getByLabel('Рубрика', { exact: true }).selectOption('transport');
    await form.getByLabel('Где это (необязательно)', { exact: true }).fill('Садовый проспект, у моста');
    await form.getByLabel('Имя', { exact: true }).fill('Айгуль');
    await form.getByLabel('Электронная почта', { exact: true }).fill('aigul@reader.test');
    await form.getByRole('checkbox', { name: /Я согласен/ }).check();
  }

  /** The desk's rows with this title (the suite's database is the file's own). */
  async function deskRows(title: string): Promise<any[]> {
    const list = await http.get('/api/v1/moderation/submissions', { token: moderator });
    expect(list.status).toBe(200);
    return (list.body.items as any[]).filter((item) => item.title === title);
  }

  async function deskDetail(id: string): Promise<any> {
    const detail = await http.get(`/api/v1/moderation/submissions/${id}`, { token: moderator });
    expect(detail.status).toBe(200);
    return detail.body;
  }

  async function transition(id: string, body: Record<string, unknown>): Promise<void> {
    const answer = await http.post(`/api/v1/moderation/submissions/${id}/transition`, body, {
      token: moderator,
    });
    expect(answer.status).toBe(200);
  }

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'engage-reporter-files-'));
    suite = await Suite.start({
      // Polls and comments too, so the demo page around the widget is whole in the screenshots.
      services: ['polls', 'comments', 'reporter'],
      gatewayEnv: { DEMO: 'true' },
      serviceEnv: { TRACKING_FAILURES_PER_ADDRESS_PER_HOUR: String(WRONG_CODES_PER_HOUR) },
    });
    http = new HttpClient(suite.baseUrl);
    const admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    const created = await http.post(
      '/api/v1/admin/staff',
      { ...MODERATOR, roles: ['moderator'] },
      { token: admin },
    );
    expect(created.status).toBe(201);
    moderator = await http.login(MODERATOR.email, MODERATOR.password);
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
    const hostileName = `<img src=x onerror="window.__engagePwned='file'">.txt`;
    const hostile = file(hostileName, 'тоже текст');
    submissions.length = 0;

    await widget(page).getByLabel('Фото, видео или документы').setInputFiles([big, text, hostile]);
    const alert = widget(page).getByRole('alert');
    await alert.getByText('Файл «большое-фото.jpg» больше 20 МБ.').waitFor();
    await alert
      .getByText('Файл «заметки.txt» не подходит: принимаем JPEG, PNG, WebP, GIF, MP4 и PDF.')
      .waitFor();
    await alert.getByText(`Файл «${hostileName}» не подходит`, { exact: false }).waitFor();
    expect(await widget(page).locator('.engage-file').count()).toBe(0);
    expect(await widget(page).locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).__engagePwned)).toBeUndefined();
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

  /** A file of exactly `bytes` bytes (sparse: nothing is written), in the test's temporary folder. */
  function sized(name: string, bytes: number): string {
    const path = file(name, '');
    truncateSync(path, bytes);
    return path;
  }

  it('speaks English with data-locale="en" and holds the limits of its data attributes at their edges', async () => {
    await open();
    await page.evaluate(() => {
      // Runs in the page: its globals are reached through globalThis (the tests compile without the DOM).
      const doc = (globalThis as any).document;
      const host = doc.createElement('div');
      Object.assign(host.dataset, {
        engage: 'reporter',
        locale: 'en',
        maxFileMb: '1',
        maxTotalMb: '2.5',
        maxFiles: '3',
      });
      doc.querySelector('main').append(host);
      (globalThis as any).Engage.scan();
    });
    const form = widget(page, 'en');
    await form.locator('form.engage-reporter-form').waitFor();
    await expect(form.locator('.engage-title').textContent()).resolves.toBe('Send us your news');
    for (const label of ['Headline', 'What happened', 'Section', 'Name', 'Email', 'Phone']) {
      expect(await form.getByLabel(label, { exact: true }).count()).toBe(1);
    }
    await form.getByText('Up to 3 files: each up to 1 MB, 2.5 MB in all.', { exact: false }).waitFor();
    submissions.length = 0;
    const picker = form.getByLabel('Photos, videos or documents');
    const alert = form.getByRole('alert');
    const chosen = () => form.locator('.engage-file-name').allTextContents();
    const pick = (path: string) => picker.setInputFiles(path);

    await pick(sized('exactly-1mb.jpg', MEBIBYTE));
    await pick(sized('one-byte-over.jpg', MEBIBYTE + 1));
    await alert.getByText('The file "one-byte-over.jpg" is larger than 1 MB.').waitFor();
    await pick(sized('second.png', MEBIBYTE));
    await pick(sized('half.gif', MEBIBYTE / 2)); // 2.5 MB in all: the total limit itself
    await expect(chosen()).resolves.toEqual(['exactly-1mb.jpg', 'second.png', 'half.gif']);
    await pick(sized('fourth.webp', 1));
    await alert.getByText('At most 3 files can be attached; "fourth.webp" was not added.').waitFor();

    await form.getByRole('button', { name: 'Remove file half.gif' }).click();
    await pick(sized('just-over.mp4', MEBIBYTE / 2 + 1));
    await alert
      .getByText('With "just-over.mp4" the files would be over 2.5 MB in all; it was not added.')
      .waitFor();
    await expect(chosen()).resolves.toEqual(['exactly-1mb.jpg', 'second.png']);

    await form.getByRole('button', { name: 'Check a submission' }).click();
    await form.getByRole('heading', { name: 'Check a submission' }).waitFor();
    await form.getByRole('button', { name: 'Check', exact: true }).click();
    await form.getByRole('alert').getByText('Please enter the code.').waitFor();
    // A slip the shape shows is pointed out without asking, so it costs none of the wrong-code allowance.
    await form.getByLabel('Code', { exact: true }).fill('7K3M-Q9XD-2FHT');
    await form.getByRole('button', { name: 'Check', exact: true }).click();
    await form
      .getByRole('alert')
      .getByText('A code is 16 letters and digits, like 7K3M-Q9XD-2FHT-R8WB.')
      .waitFor();
    expect(submissions).toEqual([]);
    expect(await seriousViolations(page, '[data-engage="reporter"][data-locale="en"]')).toEqual([]);
  });

  describe('a submission with photos, from the form to the newsroom and back', () => {
    const TITLE = 'На Садовом проспекте провалился асфальт';
    const photos: string[] = [];
    let trackingCode = '';
    let submissionId = '';

    beforeAll(() => {
      photos.push(file('яма-1.jpg', phoneJpeg(1, 48, 32)), file('яма-2.jpg', phoneJpeg(1, 64, 40)));
    });

    it('sends the news with two photos, showing the upload, and gives the tracking code to keep', async () => {
      await open();
      const form = widget(page);
      await fill(
        form,
        TITLE,
        'Утром у остановки «Мост» провалился асфальт, машины объезжают яму по встречной.',
      );
      await form.getByLabel('Фото, видео или документы').setInputFiles(photos);
      await expect(form.locator('.engage-file-name').allTextContents()).resolves.toEqual([
        'яма-1.jpg',
        'яма-2.jpg',
      ]);

      const progress = form.getByRole('progressbar', { name: 'Отправка' });
      expect(await progress.count()).toBe(0); // hidden until something is being sent
      expect(await form.getByRole('progressbar', { name: 'Отправка', includeHidden: true }).count()).toBe(1);
      // What the progress bar showed while the form was sent, recorded in the page as it changed.
      await page.evaluate(() => {
        const doc = (globalThis as any).document;
        const bar = doc.querySelector('[data-engage="reporter"] progress');
        const seen: string[] = ((globalThis as any).__engageProgress = []);
        new (globalThis as any).MutationObserver(() => seen.push(bar.getAttribute('value'))).observe(bar, {
          attributes: true,
          attributeFilter: ['value'],
        });
      });
      submissions.length = 0;
      await form.getByRole('button', { name: 'Отправить' }).click();
      await form.getByRole('heading', { name: 'Сообщение получено' }).waitFor();
      const shown = await page.evaluate(() => (globalThis as any).__engageProgress as string[]);
      expect([shown[0], shown.at(-1)]).toEqual(['0', '100']);
      expect(submissions).toHaveLength(1);

      expect(await seriousViolations(page, '[data-engage="reporter"]')).toEqual([]);
      await screenshot(page, 'reporter-receipt');
      const code = form.getByLabel('Ваш код для проверки');
      trackingCode = await code.inputValue();
      expect(trackingCode).toMatch(TRACKING_CODE);
      await form.getByText('Сохраните этот код', { exact: false }).waitFor();
      await reader.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.baseUrl });
      await form.getByRole('button', { name: 'Скопировать код' }).click();
      await form.getByText('Код скопирован.').waitFor();
      const copied = await page.evaluate(() => (globalThis as any).navigator.clipboard.readText());
      expect(copied).toBe(trackingCode);

      const rows = await deskRows(TITLE);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'received', category: 'transport', attachmentCount: 2 });
      submissionId = rows[0].id;
    });

    it('shows the status behind the code, and tells a mistyped code is unknown', async () => {
      const form = widget(page);
      await form.getByRole('button', { name: 'Проверить статус' }).click();
      const tracking = form.locator('.engage-tracking');
      await tracking.locator('.engage-track-status', { hasText: 'Получено' }).waitFor();
      await tracking.getByText('Сообщений пока нет.').waitFor();
      expect(await tracking.getByLabel('Код', { exact: true }).inputValue()).toBe(trackingCode);

      const mistyped = trackingCode.replace(/^./, (first) => (first === 'Z' ? 'Y' : 'Z'));
      await tracking.getByLabel('Код', { exact: true }).fill(mistyped);
      await tracking.getByRole('button', { name: 'Проверить', exact: true }).click();
      await tracking
        .getByRole('alert')
        .getByText('Сообщение с таким кодом не найдено. Проверьте код.')
        .waitFor();
      expect(await tracking.locator('.engage-track-status').count()).toBe(0);
    });

    it("lets the reader answer the newsroom's question in the widget", async () => {
      const question = 'Уточните, пожалуйста, с какой стороны остановки яма?';
      await transition(submissionId, { to: 'in_review' });
      await transition(submissionId, { to: 'needs_info', messageToSubmitter: question });

      const tracking = widget(page).locator('.engage-tracking');
      await tracking.getByLabel('Код', { exact: true }).fill(trackingCode.toLowerCase().replace(/-/g, ' '));
      await tracking.getByRole('button', { name: 'Проверить', exact: true }).click();
      await tracking.locator('.engage-track-status', { hasText: 'Редакции нужны уточнения' }).waitFor();
      const fromNewsroom = tracking.locator('.engage-message--newsroom');
      await expect(fromNewsroom.locator('.engage-author').textContent()).resolves.toBe('Редакция');
      await expect(fromNewsroom.locator('.engage-comment-body').textContent()).resolves.toBe(question);

      const answer = 'Со стороны рынка, прямо у пешеходного перехода.';
      await tracking.getByLabel('Ваш ответ редакции').fill(answer);
      await tracking.getByRole('button', { name: 'Ответить' }).click();
      await tracking.getByText('Ответ отправлен.').waitFor();
      const mine = tracking.locator('.engage-message--submitter');
      await expect(mine.locator('.engage-comment-body').textContent()).resolves.toBe(answer);
      await expect(mine.locator('.engage-author').textContent()).resolves.toBe('Вы');
      expect(await seriousViolations(page, '[data-engage="reporter"]')).toEqual([]);
      await screenshot(page, 'reporter-tracking');

      const detail = await deskDetail(submissionId);
      expect(detail.messages.map((message: any) => [message.from, message.text])).toEqual([
        ['newsroom', question],
        ['submitter', answer],
      ]);
    });

    it('gives the moderator each photo as a download without EXIF or GPS', async () => {
      for (const photo of photos) {
        expect(await exifr.gps(readFileSync(photo))).toMatchObject({
          latitude: expect.closeTo(SOURCE_LOCATION.latitude, 3),
        });
      }
      const detail = await deskDetail(submissionId);
      expect(detail.attachments.map((attachment: any) => attachment.fileName).sort()).toEqual([
        'яма-1.jpg',
        'яма-2.jpg',
      ]);
      for (const attachment of detail.attachments) {
        const response = await fetch(
          `${suite.baseUrl}/api/v1/moderation/submissions/${submissionId}/attachments/${attachment.id}`,
          { headers: { authorization: `Bearer ${moderator}` } },
        );
        expect(response.status).toBe(200);
        expect(response.headers.get('content-disposition')).toMatch(/^attachment/);
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
        expect(await exifr.gps(bytes)).toBeUndefined();
        expect(await exifr.parse(bytes, EVERY_BLOCK)).toBeUndefined();
      }
    });
    it("renders the newsroom's and the reader's words as text, running nothing", async () => {
      const question = `<img src=x onerror="window.__engagePwned='newsroom'">Где именно?`;
      await transition(submissionId, { to: 'in_review' });
      await transition(submissionId, { to: 'needs_info', messageToSubmitter: question });
      const tracking = widget(page).locator('.engage-tracking');
      await tracking.getByRole('button', { name: 'Проверить', exact: true }).click();
      await tracking.locator('.engage-message--newsroom', { hasText: 'Где именно?' }).waitFor();

      const answer = "<script>window.__engagePwned = 'reply'</script>У перехода";
      await tracking.getByLabel('Ваш ответ редакции').fill(answer);
      await tracking.getByRole('button', { name: 'Ответить' }).click();
      await tracking.locator('.engage-message--submitter', { hasText: 'У перехода' }).waitFor();
      const bodies = await tracking.locator('.engage-message .engage-comment-body').allTextContents();
      expect(bodies.slice(-2)).toEqual([question, answer]);
      expect(await tracking.locator('.engage-comment-body *').count()).toBe(0);
      expect(await widget(page).locator('img, script').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as any).__engagePwned)).toBeUndefined();
    });
  });

  it('files the news once when it is sent again after the connection broke', async () => {
    const title = 'Не работает светофор у школы № 12';
    await open();
    const form = widget(page);
    await fill(form, title, 'Второй день мигает жёлтым, дети переходят дорогу между машинами.');
    let firstCode = '';
    let calls = 0;
    // The first answer is lost on the way back: the service filed the news, the reader never heard.
    await page.route('**/api/v1/submissions', async (route: Route) => {
      calls += 1;
      if (calls > 1) return route.continue();
      const response = await route.fetch();
      firstCode = (await response.json()).trackingCode;
      await route.abort('connectionreset');
    });
    await form.getByRole('button', { name: 'Отправить' }).click();
    await form
      .getByRole('alert')
      .getByText('Связь прервалась. Отправьте ещё раз: повторная отправка не создаст второе сообщение.')
      .waitFor();
    await form.getByRole('button', { name: 'Отправить' }).click();
    await form.getByRole('heading', { name: 'Сообщение получено' }).waitFor();
    await page.unroute('**/api/v1/submissions');
    expect(firstCode).toMatch(TRACKING_CODE);
    expect(await form.getByLabel('Ваш код для проверки').inputValue()).toBe(firstCode);
    expect(await deskRows(title)).toHaveLength(1);
  });

  it('lets the reader stop a sending upload, and files nothing', async () => {
    const title = 'Открылся новый каток';
    await open();
    const form = widget(page);
    await fill(form, title, 'В парке у реки залили каток, вход бесплатный.');
    // The request is held on its way out, as on a slow connection, until the reader stops it.
    const held: Route[] = [];
    await page.route('**/api/v1/submissions', (route: Route) => {
      held.push(route);
    });
    await form.getByRole('button', { name: 'Отправить' }).click();
    const stop = form.getByRole('button', { name: 'Остановить отправку' });
    await stop.click();
    await form.getByRole('alert').getByText('Отправка остановлена. Сообщение не отправлено.').waitFor();
    expect(await stop.isVisible()).toBe(false);
    expect(await form.getByRole('button', { name: 'Отправить' }).isEnabled()).toBe(true);
    for (const route of held) await route.abort().catch(() => undefined);
    await page.unroute('**/api/v1/submissions');
    expect(await deskRows(title)).toEqual([]);
  });

  it("shows the service's refusal of a file that only looks like a photo, and files nothing", async () => {
    const title = 'Сломали скамейки в сквере';
    await open();
    const form = widget(page);
    await fill(form, title, 'Ночью в сквере у библиотеки сломали все скамейки.');
    await form
      .getByLabel('Фото, видео или документы')
      .setInputFiles(file('скамейка.jpg', 'это не фотография'));
    await form.locator('.engage-file-name', { hasText: 'скамейка.jpg' }).waitFor();
    await form.getByRole('button', { name: 'Отправить' }).click();
    await form.getByRole('alert').getByText('Файл не является JPEG, PNG, WebP, GIF, MP4 или PDF.').waitFor();
    // The draft stays for the reader to fix.
    expect(await form.getByLabel('Заголовок', { exact: true }).inputValue()).toBe(title);
    expect(await form.locator('.engage-file-name').allTextContents()).toEqual(['скамейка.jpg']);
    expect(await deskRows(title)).toEqual([]);
  });

  it('tells a reader who tried too many wrong codes when to try again', async () => {
    await open();
    const form = widget(page);
    await form.getByRole('button', { name: 'Проверить сообщение' }).click();
    const tracking = form.locator('.engage-tracking');
    const alert = tracking.getByRole('alert');
    const retry = /^Попробуйте снова через \d+ (с|мин)\.$/;
    for (let attempt = 0; attempt <= WRONG_CODES_PER_HOUR; attempt += 1) {
      await tracking.getByLabel('Код', { exact: true }).fill(`ZZZZ-ZZZZ-ZZZZ-ZZ${10 + attempt}`);
      await tracking.getByRole('button', { name: 'Проверить', exact: true }).click();
      await alert.locator('p').first().waitFor();
      const lines = await alert.locator('p').allTextContents();
      if (lines.length === 2) {
        expect(lines[1]).toMatch(retry);
        return;
      }
      expect(lines).toEqual(['Сообщение с таким кодом не найдено. Проверьте код.']);
    }
    throw new Error(`no 429 after ${WRONG_CODES_PER_HOUR + 1} wrong codes`);
  });

  it('leaves no error in the page', () => {
    expect(reader.errors).toEqual([]);
  });
});
