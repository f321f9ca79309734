import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { errorSummary, sqlIn } from '@app/persistence';
import { digestWindowStart } from '../domain/digest-window';
import { namedId } from '../domain/named-id';
import { NoticeSettings } from '../fan-out/notice-settings';
import { DeliveryWorker } from './delivery.worker';

interface WaitingGroup {
  staff_id: string;
  channel: 'email' | 'telegram';
  window_start: Date;
}

interface DigestRecipient {
  email: string;
  locale: string;
  telegram_chat_id: string | null;
  deleted: boolean;
}

/** Closed windows are gathered this often; a digest leaves at most this long after its window ends. */
const GATHER_EVERY_MS = 1000;

/**
 * Gathers each moderator's held and flagged comments of a closed window into one delivery. The
 * delivery's event id is named after (moderator, channel, window), so two copies gathering the same
 * window meet on the delivery's unique key and only one message exists. Items that reach a window
 * after its digest was made move to the current window instead of being lost.
 */
@Injectable()
export class DigestWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DigestWorker');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly em: EntityManager,
    private readonly settings: NoticeSettings,
    private readonly deliveries: DeliveryWorker,
  ) {}

  onApplicationBootstrap(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.gather()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`could not gather digests: ${errorSummary(error)}`))
        .finally(() => (this.running = undefined));
    }, GATHER_EVERY_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Gathers every closed window that has waiting items; returns how many digests it made. */
  async gather(now = new Date()): Promise<number> {
    const minutes = this.settings.digestWindowMinutes;
    const groups = await this.em.getConnection().execute<WaitingGroup[]>(
      `select staff_id, channel, window_start from notifications.digest_item
        where delivery_id is null and window_start + (? * interval '1 minute') <= ?
        group by staff_id, channel, window_start
        order by window_start
        limit 100`,
      [minutes, now],
    );
    let made = 0;
    for (const group of groups) {
      if (await this.gatherOne(group, now)) made += 1;
    }
    if (made > 0) this.deliveries.kick();
    return made;
  }

  private gatherOne(group: WaitingGroup, now: Date): Promise<boolean> {
    return this.em.fork().transactional(async (em) => {
      const run = sqlIn(em);
      const items = await run<{ id: string; type: string; summary: Record<string, unknown> }[]>(
        `select id, type, summary from notifications.digest_item
          where staff_id = ? and channel = ? and window_start = ? and delivery_id is null
          order by created_at, id
          for update skip locked`,
        [group.staff_id, group.channel, group.window_start],
      );
      if (items.length === 0) return false;
      // A PostgreSQL array literal: the driver would spread a JavaScript array into separate parameters.
      const ids = `{${items.map((item) => item.id).join(',')}}`;
      const [recipient] = await run<DigestRecipient[]>(
        'select email, locale, telegram_chat_id, deleted from notifications.recipient where staff_id = ?',
        [group.staff_id],
      );
      const address = group.channel === 'email' ? recipient?.email : recipient?.telegram_chat_id;
      if (!recipient || recipient.deleted || !address) {
        await run('delete from notifications.digest_item where id = any(?::uuid[])', [ids]);
        return false;
      }
      const windowStart = new Date(group.window_start);
      const eventId = namedId(`digest:${group.staff_id}:${group.channel}:${windowStart.toISOString()}`);
      const inserted = await run<{ id: string }[]>(
        `insert into notifications.delivery (id, event_id, event_type, recipient_key, channel, address,
           template, locale, params, status, attempts, next_attempt_at, created_at)
         values (?, ?, 'moderation.digest', ?, ?, ?, 'moderation-digest', ?, ?, 'pending', 0, ?, ?)
         on conflict (event_id, recipient_key, channel) do nothing
         returning id`,
        [
          randomUUID(),
          eventId,
          `staff:${group.staff_id}`,
          group.channel,
          address,
          recipient.locale,
          JSON.stringify({
            items: items.map((item) => ({ type: item.type, ...item.summary })),
          }),
          // Milliseconds, as page cursors name them.
          new Date(),
          new Date(),
        ],
      );
      if (inserted.length === 0) {
        // This window's digest exists (another copy made it): these late items wait for the current one.
        await run('update notifications.digest_item set window_start = ? where id = any(?::uuid[])', [
          digestWindowStart(now, this.settings.digestWindowMinutes),
          ids,
        ]);
        return false;
      }
      await run('update notifications.digest_item set delivery_id = ? where id = any(?::uuid[])', [
        inserted[0].id,
        ids,
      ]);
      return true;
    });
  }
}
