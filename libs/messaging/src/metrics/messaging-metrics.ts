import { Logger, type INestApplication, type Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { MetricsRegistry } from '@app/runtime';
import { errorSummary } from '@app/persistence';
import { OutboxRelay } from '../outbox/outbox.relay';
import { EventConsumers } from '../events/event-consumers';
import { readMessagingBacklog } from './messaging-backlog';

const logger = new Logger('MessagingMetrics');

/**
 * Puts an app's messaging on its /metrics, if it has any: the outbox backlog and the dead letters,
 * read from the database when Prometheus scrapes (one query per scrape, nothing between scrapes), and
 * what its event consumers did with each delivery. An app without an outbox is left as it is.
 */
export function exportMessagingMetrics(app: INestApplication, metrics: MetricsRegistry): void {
  const orm = find<MikroORM>(app, MikroORM);
  if (!orm || !find(app, OutboxRelay)) return;
  const consumers = find(app, EventConsumers);
  consumers?.observe((consumer, outcome) => metrics.eventsHandled.inc({ consumer, outcome }));

  metrics.readOnScrape(async () => {
    try {
      const backlog = await readMessagingBacklog(orm.em.fork());
      metrics.outboxUnpublished.set(backlog.unpublished);
      metrics.outboxOldestAge.set(backlog.oldestUnpublishedAgeSeconds);
      // Every consumer of this copy has a series, 0 included, so an alert sees it drop back to 0.
      metrics.deadLetters.reset();
      for (const consumer of consumers?.durables() ?? []) metrics.deadLetters.set({ consumer }, 0);
      for (const [consumer, count] of backlog.deadLetters) metrics.deadLetters.set({ consumer }, count);
    } catch (error) {
      // The last values stay; readiness and the apps' own errors tell of a database that is away.
      logger.warn(`could not read the outbox backlog and dead letters: ${errorSummary(error)}`);
      throw error;
    }
  });
}

/** The app's provider of `token`, if a module has one: `app.get` would log a missing one as an error. */
function find<T>(app: INestApplication, token: Type<T>): T | undefined {
  for (const module of app.get(ModulesContainer).values()) {
    const instance = module.providers.get(token)?.instance as T | undefined;
    if (instance) return instance;
  }
  return undefined;
}
