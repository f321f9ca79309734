import { SignJWT } from 'jose';
import type { Locator, Page } from 'playwright-core';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';
import { seriousViolations } from './support/axe';
import { ReaderBrowser, screenshot } from './support/browser';

const ARTICLE = 'demo-bus-line-47';
const PORTAL_SECRET = 'Vb4nQ8xLr2Tk6Wm9Hc3Zs7Pd1Gf5Jy0E';

/** What engage.js offers the portal's own scripts. */
interface PortalPage {
  Engage: { signIn(portalToken: string): void };
}

/** The comments widget and counters of engage.js on the demo page, in Chromium, against the real suite. */
describe('the comments widget in a browser', () => {
  let suite: Suite;
  let http: HttpClient;
  let admin: string;
  let alice: ReaderBrowser;
  let bob: ReaderBrowser;
  let alicePage: Page;
  let bobPage: Page;

  const widget = (page: Page) => page.locator('[data-engage="comments"]');
  const commentWith = (page: Page, text: string) =>
    widget(page).locator('.engage-comment-card').filter({ hasText: text });

  /** Opens the demo page and waits for the comments widget to have read its list. */
  async function open(page: Page): Promise<void> {
    await page.goto(suite.baseUrl + '/');
    await widget(page)
      .locator('.engage-title', { hasText: /\(\d+\)/ })
      .waitFor();
  }

  /** Reloads until `text` is on the widget (the public first page is a cache the change signal refreshes). */
  async function reloadUntil(page: Page, text: string, present = true): Promise<void> {
    await waitFor(
      async () => {
        await open(page);
        return (await commentWith(page, text).count()) > 0 === present;
      },
      15000,
      `"${text}" to be ${present ? 'shown' : 'gone'}`,
      200,
    );
  }

  async function write(scope: Locator, name: string, body: string) {
    await scope.getByLabel('Имя').fill(name);
    await scope.getByLabel('Текст комментария').fill(body);
    await scope.getByRole('button', { name: 'Отправить' }).click();
  }

  async function postAsSomeoneElse(articleId: string, body: Record<string, unknown>) {
    const answer = await http.post(`/api/v1/articles/${articleId}/comments`, body, {
      readerToken: await http.readerToken(),
    });
    expect(answer.status).toBe(201);
    return answer.body;
  }

  beforeAll(async () => {
    suite = await Suite.start({
      services: ['polls', 'comments'],
      gatewayEnv: { DEMO: 'true', PORTAL_JWT_SECRET: PORTAL_SECRET },
      serviceEnv: { COMMENTS_PER_READER_PER_WINDOW: '1000', COMMENTS_PER_ADDRESS_PER_WINDOW: '1000' },
    });
    http = new HttpClient(suite.baseUrl);
    admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    alice = await ReaderBrowser.open();
    bob = await ReaderBrowser.open();
    alicePage = await alice.page();
    bobPage = await bob.page();
  });

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
    await suite?.stop();
  });

  it('opens an empty discussion in Russian, with the form to start it', async () => {
    await open(alicePage);
    await expect(widget(alicePage).locator('.engage-title').textContent()).resolves.toBe('Комментарии (0)');
    await widget(alicePage).getByText('Комментариев пока нет. Будьте первым!').waitFor();
    expect(await widget(alicePage).getByLabel('Электронная почта', { exact: false }).count()).toBe(1);
    expect(await widget(alicePage).getByLabel('Сообщать на почту об ответах').count()).toBe(1);
  });

  it("publishes a reader's comment and counts it in the heading and the story's counter", async () => {
    await write(widget(alicePage), 'Алия', 'Наконец-то прямой автобус до рынка!');
    await commentWith(alicePage, 'Наконец-то прямой автобус до рынка!').waitFor();
    await widget(alicePage).getByText('Комментарий опубликован.').waitFor();
    await expect(widget(alicePage).locator('.engage-title').textContent()).resolves.toBe('Комментарии (1)');
    const counter = alicePage.locator(`[data-engage="comment-count"][data-article-id="${ARTICLE}"]`);
    await expect(counter.textContent()).resolves.toBe('1');
    await expect(commentWith(alicePage, 'Наконец-то').locator('.engage-author').textContent()).resolves.toBe(
      'Алия',
    );
  });

  it('lets another reader like and reply, and the author sees both', async () => {
    await reloadUntil(bobPage, 'Наконец-то прямой автобус до рынка!');
    const card = commentWith(bobPage, 'Наконец-то прямой автобус до рынка!');
    const like = card.getByRole('button', { name: /^Нравится/ });
    await like.click();
    await waitFor(async () => (await like.getAttribute('aria-pressed')) === 'true', 5000, 'the like');
    await expect(like.textContent()).resolves.toBe('♥ Нравится · 1');

    await card.getByRole('button', { name: 'Ответить' }).click();
    const replyForm = card.locator('form');
    await expect(replyForm.locator('h3').textContent()).resolves.toBe('Ответ для Алия');
    await write(replyForm, 'Бекзат', 'А вечером он до скольки ходит?');
    const reply = widget(bobPage).locator('.engage-replies .engage-comment-card', {
      hasText: 'А вечером он до скольки ходит?',
    });
    await reply.waitFor();
    await expect(widget(bobPage).locator('.engage-title').textContent()).resolves.toBe('Комментарии (2)');

    await open(alicePage);
    await widget(alicePage)
      .locator('.engage-replies', { hasText: 'А вечером он до скольки ходит?' })
      .waitFor();
    const mine = commentWith(alicePage, 'Наконец-то прямой автобус до рынка!').first();
    await expect(mine.getByRole('button', { name: /^Нравится/ }).textContent()).resolves.toBe(
      '♥ Нравится · 1',
    );
    await screenshot(alicePage, 'comments-thread');
  });

  it('fills every counter on the page with one counts call', async () => {
    await postAsSomeoneElse('demo-harvest-fair', { body: 'Абрикосы были чудесные', authorName: 'Гуля' });
    const calls: string[] = [];
    alicePage.on('request', (request) => {
      if (request.url().includes('/api/v1/comments/counts')) calls.push(request.url());
    });
    await waitFor(
      async () => {
        calls.length = 0;
        await open(alicePage);
        const harvest = alicePage.locator(
          '[data-engage="comment-count"][data-article-id="demo-harvest-fair"]',
        );
        await waitFor(async () => calls.length > 0, 5000, 'the counts call');
        await alicePage.waitForLoadState('networkidle');
        return (await harvest.textContent()) === '1';
      },
      15000,
      'the harvest story to count its comment',
      200,
    );
    expect(calls).toHaveLength(1);
    const asked = new URL(calls[0]).searchParams.get('articleIds')!.split(',');
    expect(asked.sort()).toEqual(
      [
        'demo-bus-line-47',
        'demo-drip-irrigation',
        'demo-harvest-fair',
        'demo-kok-bel-road',
        'demo-library-games',
      ].sort(),
    );
    const counts = await alicePage.locator('[data-engage="comment-count"]').allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('lets a reader signed in on the portal comment under the portal name, marked as a portal reader', async () => {
    const portalToken = await new SignJWT({ name: 'Дина Портальная' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('portal-user-7')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(PORTAL_SECRET));
    const carol = await ReaderBrowser.open();
    try {
      const page = await carol.page();
      await open(page);
      // A discussion of its own, so that the demo story's comments stay as the other tests expect.
      await page.evaluate(() => {
        const page = globalThis as any;
        const host = page.document.createElement('div');
        host.id = 'portal-comments';
        host.dataset.engage = 'comments';
        host.dataset.articleId = 'demo-portal-signin';
        page.document.body.append(host);
        page.Engage.scan();
      });
      const discussion = page.locator('#portal-comments');
      const form = discussion.locator('form.engage-comment-form').first();
      await form.waitFor();
      await expect(form.getByLabel('Имя').isVisible()).resolves.toBe(true);
      await page.evaluate((token) => (globalThis as unknown as PortalPage).Engage.signIn(token), portalToken);
      await form.getByText('Вы пишете как Дина Портальная').waitFor();
      await expect(form.getByLabel('Имя').isVisible()).resolves.toBe(false);
      await form.getByLabel('Текст комментария').fill('Пишу под своим именем с портала');
      await form.getByRole('button', { name: 'Отправить' }).click();
      const cardWith = (text: string) => discussion.locator('.engage-comment-card').filter({ hasText: text });
      const card = cardWith('Пишу под своим именем с портала');
      await card.waitFor();
      await expect(card.locator('.engage-author').textContent()).resolves.toBe('Дина Портальная');
      await card.locator('.engage-badge', { hasText: 'читатель портала' }).waitFor();
      const listed = await http.get('/api/v1/articles/demo-portal-signin/comments');
      expect(listed.body.items[0].author).toEqual({
        name: 'Дина Портальная',
        isStaff: false,
        verified: true,
      });

      // A token the gateway refuses (another key) is dropped: the reader goes on as a guest.
      const forged = await new SignJWT({ name: 'Самозванец' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('portal-user-8')
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode('Xy9Wq2Lm7Nb4Vc8Zr1Ts6Kd3Hf5Gj0Pa'));
      await page.evaluate((token) => (globalThis as unknown as PortalPage).Engage.signIn(token), forged);
      await form.getByLabel('Имя').waitFor({ state: 'visible' });
      await write(form, 'Гость', 'Теперь пишу как гость');
      const guestCard = cardWith('Теперь пишу как гость');
      await guestCard.waitFor();
      await expect(guestCard.locator('.engage-author').textContent()).resolves.toBe('Гость');
      await expect(guestCard.locator('.engage-badge').count()).resolves.toBe(0);
    } finally {
      await carol.close();
    }
  });

  it('renders hostile bodies and names as text, running nothing', async () => {
    const hostile = [
      '<script>window.__engagePwned = "script"</script>',
      '<img src="x" onerror="window.__engagePwned = \'img\'">',
      '<a href="javascript:window.__engagePwned=\'link\'">нажмите сюда</a>',
    ];
    for (const body of hostile) await postAsSomeoneElse(ARTICLE, { body, authorName: '<b>Аноним</b>' });
    await postAsSomeoneElse(ARTICLE, { body: 'отчёт\u202Eexe.txt готов', authorName: 'Жаныл' });
    // The widget's own form sends a hostile body too; it is the newest comment once published.
    await write(widget(alicePage), 'Алия', '<img src=x onerror="window.__engagePwned=\'form\'">');
    await commentWith(alicePage, '<img src=x onerror=').waitFor();

    await reloadUntil(bobPage, '<img src=x onerror=');
    for (const body of hostile) await commentWith(bobPage, body).first().waitFor();
    const bodies = widget(bobPage).locator('.engage-comment-body');
    expect(await widget(bobPage).locator('.engage-comment-body *').count()).toBe(0);
    expect(await widget(bobPage).locator('script, img, a[href^="javascript"]').count()).toBe(0);
    expect(await widget(bobPage).locator('.engage-author', { hasText: '<b>Аноним</b>' }).count()).toBe(3);
    const texts = await bodies.allTextContents();
    expect(texts).toEqual(expect.arrayContaining([...hostile, 'отчётexe.txt готов']));
    expect(texts.join('')).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(await bobPage.evaluate(() => (globalThis as any).__engagePwned)).toBeUndefined();
    expect(await alicePage.evaluate(() => (globalThis as any).__engagePwned)).toBeUndefined();
    await screenshot(bobPage, 'comments-hostile');
  });

  it('orders the discussion newest first, oldest first or best first as the reader picks', async () => {
    const first = () =>
      widget(bobPage)
        .locator('.engage-comment-list > li > .engage-comment-card .engage-comment-body')
        .first();
    const sort = widget(bobPage).getByLabel('Порядок');
    await expect(first().textContent()).resolves.toBe('<img src=x onerror="window.__engagePwned=\'form\'">');
    await sort.selectOption('oldest');
    await waitFor(
      async () => (await first().textContent()) === 'Наконец-то прямой автобус до рынка!',
      5000,
      'oldest',
    );
    await sort.selectOption('newest');
    await waitFor(async () => (await first().textContent())!.startsWith('<img src=x'), 5000, 'newest');
    // The only liked comment leads when the best come first.
    await sort.selectOption('top');
    await waitFor(
      async () => (await first().textContent()) === 'Наконец-то прямой автобус до рынка!',
      5000,
      'top',
    );
  });

  it('keeps a held comment from other readers and tells its author why it is not shown', async () => {
    const settings = await http.call('/api/v1/moderation/comment-settings', {
      method: 'PUT',
      body: { suspectWords: ['казино'] },
      token: admin,
    });
    expect(settings.status).toBe(200);
    await open(alicePage);
    await write(widget(alicePage), 'Алия', 'У остановки открыли казино, стоит заглянуть');
    await widget(alicePage).getByText('Спасибо! Комментарий появится после проверки модератором.').waitFor();

    // A comment written after it is shown, so the reader's page is fresh when the held one is missing.
    await postAsSomeoneElse(ARTICLE, { body: 'Остановку у моста тоже перенесут?', authorName: 'Марат' });
    await reloadUntil(bobPage, 'Остановку у моста тоже перенесут?');
    expect(await commentWith(bobPage, 'казино').count()).toBe(0);
    await open(alicePage);
    expect(await commentWith(alicePage, 'казино').count()).toBe(0);
  });

  it('lets a reader report a comment once', async () => {
    const card = commentWith(bobPage, 'Остановку у моста тоже перенесут?');
    await card.getByRole('button', { name: 'Пожаловаться' }).click();
    await card.getByLabel('Причина жалобы').selectOption('off_topic');
    await card.getByRole('button', { name: 'Отправить жалобу' }).click();
    await card.getByText('Спасибо, модераторы посмотрят этот комментарий.').waitFor();
    await card.getByRole('button', { name: 'Пожаловаться' }).click();
    await card.getByRole('button', { name: 'Отправить жалобу' }).click();
    await card.getByText('Вы уже пожаловались на этот комментарий.').waitFor();
  });

  it('lets the author edit a comment, then delete it, leaving a tombstone above its reply', async () => {
    await open(alicePage);
    const card = commentWith(alicePage, 'Наконец-то прямой автобус до рынка!').first();
    expect(
      await commentWith(bobPage, 'Наконец-то').first().getByRole('button', { name: 'Изменить' }).count(),
    ).toBe(0);
    await card.getByRole('button', { name: 'Изменить' }).click();
    await card.locator('textarea').fill('Наконец-то прямой автобус до рынка! Спасибо мэрии.');
    await card.getByRole('button', { name: 'Сохранить' }).click();
    await card.locator('.engage-edited', { hasText: 'изменён' }).waitFor();
    await expect(card.locator('.engage-comment-body').textContent()).resolves.toBe(
      'Наконец-то прямой автобус до рынка! Спасибо мэрии.',
    );

    await card.getByRole('button', { name: 'Удалить' }).click();
    await card.getByRole('button', { name: 'Да, удалить' }).click();
    const tombstone = widget(alicePage).locator('.engage-tombstone', { hasText: 'Комментарий удалён.' });
    await tombstone.waitFor();
    await widget(alicePage)
      .locator('.engage-replies', { hasText: 'А вечером он до скольки ходит?' })
      .waitFor();
    expect(await commentWith(alicePage, 'Спасибо мэрии').count()).toBe(0);
  });

  it('has no serious or critical accessibility violation, with a reply form open', async () => {
    await open(bobPage);
    await commentWith(bobPage, 'отчёт').getByRole('button', { name: 'Ответить' }).click();
    expect(await seriousViolations(bobPage, '[data-engage="comments"]')).toEqual([]);
    expect(await seriousViolations(bobPage, '[data-engage="comment-count"]')).toEqual([]);
  });

  it('speaks English in a widget marked data-locale="en"', async () => {
    // Runs in the page: the page's globals are reached through globalThis (the tests compile without the DOM).
    await bobPage.evaluate((articleId) => {
      const page = globalThis as any;
      const host = page.document.createElement('div');
      host.id = 'english-comments';
      host.dataset.engage = 'comments';
      host.dataset.articleId = articleId;
      host.dataset.locale = 'en';
      page.document.body.append(host);
      page.Engage.scan();
    }, ARTICLE);
    const english = bobPage.locator('#english-comments');
    await english.locator('.engage-title', { hasText: /^Comments \(\d+\)$/ }).waitFor();
    expect(await english.getByRole('button', { name: 'Send' }).count()).toBe(1);
    expect(await english.getByRole('button', { name: 'Reply' }).count()).toBeGreaterThan(0);
  });

  it('shows a long discussion a page at a time, the next page on "Показать ещё"', async () => {
    const articleId = 'demo-long-discussion';
    for (let n = 1; n <= 23; n++) {
      await postAsSomeoneElse(articleId, { body: `Мнение читателя № ${n}`, authorName: 'Читатель' });
    }
    // Runs in the page: the page's globals are reached through globalThis (the tests compile without the DOM).
    await bobPage.evaluate((id) => {
      const page = globalThis as any;
      const host = page.document.createElement('div');
      host.id = 'long-discussion';
      host.dataset.engage = 'comments';
      host.dataset.articleId = id;
      page.document.body.append(host);
      page.Engage.scan();
    }, articleId);
    const long = bobPage.locator('#long-discussion');
    const cards = long.locator('.engage-comment-card');
    await long.locator('.engage-title', { hasText: 'Комментарии (23)' }).waitFor();
    expect(await cards.count()).toBe(20);
    await long.getByRole('button', { name: 'Показать ещё' }).click();
    await waitFor(async () => (await cards.count()) === 23, 5000, 'the second page');
    await expect(cards.last().locator('.engage-comment-body').textContent()).resolves.toBe(
      'Мнение читателя № 1',
    );
    expect(await long.getByRole('button', { name: 'Показать ещё' }).isVisible()).toBe(false);
  });

  it('says the discussion is closed and offers no form once an editor closes it', async () => {
    const closed = await http.call(`/api/v1/articles/${ARTICLE}/comment-settings`, {
      method: 'PUT',
      body: { closed: true },
      token: admin,
    });
    expect(closed.status).toBe(200);
    await waitFor(
      async () => {
        await open(alicePage);
        return widget(alicePage).getByText('Обсуждение этой статьи закрыто.').isVisible();
      },
      15000,
      'the closed note',
      200,
    );
    expect(await widget(alicePage).locator('.engage-comment-form').isVisible()).toBe(false);
    expect(await widget(alicePage).getByRole('button', { name: 'Ответить' }).count()).toBe(0);
    await screenshot(alicePage, 'comments-closed');
  });

  it("runs under the gateway's Content-Security-Policy without a script error", () => {
    expect([...alice.errors, ...bob.errors]).toEqual([]);
  });
});
