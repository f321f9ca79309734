import type { Page } from 'playwright-core';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { seriousViolations } from './support/axe';
import { ReaderBrowser, screenshot } from './support/browser';

/** The poll widgets of engage.js on the demo portal page, in Debian's Chromium, against the real suite. */
describe('the poll widgets in a browser', () => {
  let suite: Suite;
  let http: HttpClient;
  let editor: string;
  let reader: ReaderBrowser;
  let page: Page;
  let sidebarPoll: { id: string; options: { id: string }[] };

  async function createPoll(body: Record<string, unknown>) {
    const created = await http.post('/api/v1/polls', body, { token: editor });
    expect(created.status).toBe(201);
    return created.body;
  }

  async function voteAsSomeoneElse(pollId: string, optionId: string): Promise<void> {
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
      gatewayEnv: { DEMO: 'true' },
      serviceEnv: { POLL_VOTES_PER_ADDRESS_PER_HOUR: '0' },
    });
    http = new HttpClient(suite.baseUrl);
    editor = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);

    const archived = await createPoll({
      question: 'Какой праздник в долине вам нравится больше всего?',
      options: ['Праздник урожая', 'Навруз', 'День города'],
      placement: 'archive-test',
    });
    await voteAsSomeoneElse(archived.id, archived.options[1].id);
    expect((await http.post(`/api/v1/polls/${archived.id}/close`, undefined, { token: editor })).status).toBe(
      200,
    );

    sidebarPoll = await createPoll({
      question: 'Как вы добираетесь до работы?',
      options: ['На автобусе', 'На машине', 'Пешком или на велосипеде'],
      placement: 'sidebar',
      resultsVisibility: 'always',
    });
    await voteAsSomeoneElse(sidebarPoll.id, sidebarPoll.options[0].id);
    await voteAsSomeoneElse(sidebarPoll.id, sidebarPoll.options[1].id);

    reader = await ReaderBrowser.open();
    page = await reader.page();
  });

  afterAll(async () => {
    await reader?.close();
    await suite?.stop();
  });

  const sidebar = () => page.locator('[data-engage="poll"]');

  it('shows the sidebar poll in Russian, with its shares and "Всего голосов" before the reader votes', async () => {
    await page.goto(suite.baseUrl + '/');
    await sidebar().getByText('Как вы добираетесь до работы?').waitFor();
    await expect(sidebar().locator('.engage-title').textContent()).resolves.toBe('Наш опрос');
    expect(await sidebar().getByRole('radio').count()).toBe(3);
    await expect(sidebar().locator('.engage-total').textContent()).resolves.toBe('Всего голосов: 2');
    expect(await sidebar().locator('.engage-result-percent').allTextContents()).toEqual(['50%', '50%', '0%']);
  });

  it('waits for a choice before the vote button can be pressed', async () => {
    const button = sidebar().getByRole('button', { name: 'Голосовать' });
    expect(await button.isDisabled()).toBe(true);
    await sidebar().getByLabel('На автобусе').check();
    expect(await button.isDisabled()).toBe(false);
    await screenshot(page, 'poll-before-vote');
  });

  it('counts the vote and shows each share with "Всего голосов"', async () => {
    await sidebar().getByRole('button', { name: 'Голосовать' }).click();
    await sidebar().getByText('Спасибо, ваш голос учтён.').waitFor();
    await expect(sidebar().locator('.engage-total').textContent()).resolves.toBe('Всего голосов: 3');
    const percents = await sidebar().locator('.engage-result-percent').allTextContents();
    expect(percents).toEqual(['67%', '33%', '0%']);
    await expect(sidebar().locator('.engage-result--mine').textContent()).resolves.toContain('На автобусе');
    await screenshot(page, 'poll-after-vote');
  });

  it('moves the shares live when another reader votes', async () => {
    await voteAsSomeoneElse(sidebarPoll.id, sidebarPoll.options[2].id);
    await sidebar().getByText('Всего голосов: 4').waitFor();
    const percents = await sidebar().locator('.engage-result-percent').allTextContents();
    expect(percents).toEqual(['50%', '25%', '25%']);
  });

  it("remembers the reader's vote after a reload: results, not the form", async () => {
    await page.reload();
    await sidebar().locator('.engage-total').waitFor();
    expect(await sidebar().getByRole('radio').count()).toBe(0);
    await expect(sidebar().locator('.engage-result--mine .engage-mine').isVisible()).resolves.toBe(true);
  });

  it('lists closed polls in the archive with their results', async () => {
    const archive = page.locator('[data-engage="poll-archive"]');
    await archive.getByText('Какой праздник в долине вам нравится больше всего?').waitFor();
    await expect(archive.locator('.engage-total').textContent()).resolves.toBe('Всего голосов: 1');
    await expect(archive.locator('time').textContent()).resolves.toMatch(/^Завершён \d{1,2} \S+ \d{4}/);
  });

  it('keeps results hidden before the vote when the poll shows them only to voters', async () => {
    await createPoll({
      question: 'Какой маршрут добавить следующим?',
      options: ['До аэропорта', 'До озера'],
      placement: 'quiz',
      resultsVisibility: 'after_vote',
    });
    // Runs in the page: the page's globals are reached through globalThis (the tests compile without the DOM).
    await page.evaluate(() => {
      const page = globalThis as any;
      const host = page.document.createElement('div');
      host.id = 'quiz-poll';
      host.dataset.engage = 'poll';
      host.dataset.placement = 'quiz';
      page.document.body.append(host);
      page.Engage.scan();
    });
    const quiz = page.locator('#quiz-poll');
    await quiz.getByText('Результаты появятся после того, как вы проголосуете.').waitFor();
    expect(await quiz.locator('.engage-result-percent, .engage-total').count()).toBe(0);
  });

  it('moves the shares before the vote when others vote, and the form stays usable', async () => {
    const poll = await createPoll({
      question: 'Какой двор благоустроить первым?',
      options: ['На Садовой', 'У школы'],
      placement: 'yards',
      resultsVisibility: 'always',
    });
    // Runs in the page: the page's globals are reached through globalThis (the tests compile without the DOM).
    await page.evaluate(() => {
      const page = globalThis as any;
      const host = page.document.createElement('div');
      host.id = 'yards-poll';
      host.dataset.engage = 'poll';
      host.dataset.placement = 'yards';
      page.document.body.append(host);
      page.Engage.scan();
    });
    const yards = page.locator('#yards-poll');
    await yards.getByText('Всего голосов: 0').waitFor();
    expect(await yards.locator('.engage-result-percent').allTextContents()).toEqual(['0%', '0%']);

    await voteAsSomeoneElse(poll.id, poll.options[1].id);
    await yards.getByText('Всего голосов: 1').waitFor();
    expect(await yards.locator('.engage-result-percent').allTextContents()).toEqual(['0%', '100%']);

    // Still the form: the reader chooses and votes; the results replace it.
    expect(await yards.getByRole('radio').count()).toBe(2);
    await yards.getByLabel('На Садовой').check();
    await yards.getByRole('button', { name: 'Голосовать' }).click();
    await yards.getByText('Спасибо, ваш голос учтён.').waitFor();
    await yards.getByText('Всего голосов: 2').waitFor();
    expect(await yards.getByRole('radio').count()).toBe(0);
    expect(await yards.locator('.engage-result-percent').allTextContents()).toEqual(['50%', '50%']);
  });

  it('speaks English in a widget marked data-locale="en"', async () => {
    // Runs in the page: the page's globals are reached through globalThis (the tests compile without the DOM).
    await page.evaluate(() => {
      const page = globalThis as any;
      const host = page.document.createElement('div');
      host.id = 'english-poll';
      host.dataset.engage = 'poll';
      host.dataset.placement = 'sidebar';
      host.dataset.locale = 'en';
      page.document.body.append(host);
      page.Engage.scan();
    });
    const english = page.locator('#english-poll');
    await english.getByText('Total votes: 4').waitFor();
    await expect(english.locator('.engage-title').textContent()).resolves.toBe('Our poll');
    await expect(english.locator('.engage-link').textContent()).resolves.toBe('All polls');
  });

  it('has no serious or critical accessibility violation in the poll widgets', async () => {
    expect(await seriousViolations(page, '[data-engage]')).toEqual([]);
  });

  it("runs under the gateway's Content-Security-Policy without a single error", () => {
    expect(reader.errors).toEqual([]);
  });
});
