/** Something read when Prometheus scrapes (a database count); it sets its gauges itself. */
export type ScrapeRead = () => Promise<void>;

/**
 * The reads a scrape waits for. Every gauge that shows their values calls `run()` from its `collect`,
 * and one scrape asks for several gauges at once: they share one pass, so a scrape costs one read
 * whatever the number of gauges. A read that fails is the read's own business (it logs and keeps its
 * last values): /metrics must keep answering while the database does not.
 */
export class ScrapeReads {
  private readonly reads: ScrapeRead[] = [];
  private pass?: Promise<void>;

  add(read: ScrapeRead): void {
    this.reads.push(read);
  }

  run(): Promise<void> {
    this.pass ??= Promise.all(this.reads.map((read) => read().catch(() => undefined))).then(() => {
      this.pass = undefined;
    });
    return this.pass;
  }
}
