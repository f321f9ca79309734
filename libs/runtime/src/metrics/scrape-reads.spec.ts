import { MetricsRegistry } from './metrics.registry';
import { ScrapeReads } from './scrape-reads';

describe('ScrapeReads', () => {
  it('runs its reads once for the gauges of one scrape, and again at the next scrape', async () => {
    const metrics = new MetricsRegistry('polls');
    let reads = 0;
    metrics.readOnScrape(async () => {
      reads += 1;
      metrics.outboxUnpublished.set(reads * 10);
      metrics.deadLetters.set({ consumer: 'polls-staff' }, reads);
    });
    const first = await metrics.text();
    expect(reads).toBe(1);
    expect(first).toContain('outbox_unpublished_events{service="polls"} 10');
    expect(first).toContain('dead_letters{consumer="polls-staff",service="polls"} 1');
    expect(await metrics.text()).toContain('outbox_unpublished_events{service="polls"} 20');
    expect(reads).toBe(2);
  });

  it('answers the scrape when a read fails, and runs the other reads', async () => {
    const reads = new ScrapeReads();
    let other = 0;
    reads.add(() => Promise.reject(new Error('database away')));
    reads.add(async () => {
      other += 1;
    });
    await expect(reads.run()).resolves.toBeUndefined();
    expect(other).toBe(1);
  });
});
