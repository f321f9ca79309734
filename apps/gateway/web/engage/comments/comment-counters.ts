import { countComments } from './comments-api';

/** The API's own limits: ids it accepts and how many one counts call may name. */
const ARTICLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const IDS_PER_CALL = 100;

const counters = new Map<string, HTMLElement[]>();

function show(host: HTMLElement, count: number): void {
  const tag = (host.dataset.locale || '').toLowerCase().startsWith('en') ? 'en-GB' : 'ru-RU';
  host.textContent = Number(count).toLocaleString(tag);
}

/**
 * Fills comment counters (`<span data-engage="comment-count" data-article-id>`): every counter found in
 * one scan is answered by one counts call (one per hundred articles), however many there are.
 */
export async function mountCounters(hosts: readonly HTMLElement[]): Promise<void> {
  const fresh = new Set<string>();
  for (const host of hosts) {
    const articleId = host.dataset.articleId || '';
    if (!ARTICLE_ID.test(articleId)) continue;
    const known = counters.get(articleId) ?? [];
    known.push(host);
    counters.set(articleId, known);
    fresh.add(articleId);
  }
  const ids = [...fresh];
  for (let start = 0; start < ids.length; start += IDS_PER_CALL) {
    const answer = await countComments(ids.slice(start, start + IDS_PER_CALL));
    // A counter that could not be read keeps what the page put in it.
    if (answer.status !== 200 || !answer.body || typeof answer.body.counts !== 'object') continue;
    for (const [articleId, count] of Object.entries(answer.body.counts)) {
      if (typeof count === 'number') updateCount(articleId, count);
    }
  }
}

/** A comments widget that learned an article's total tells the counters on the page. */
export function updateCount(articleId: string, total: number): void {
  for (const host of counters.get(articleId) ?? []) show(host, total);
}
