import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Caller,
  decodePageCursor,
  encodePageCursor,
  MarkReadBody,
  MarkReadReply,
  NotificationFeedQuery,
  NotificationPage,
  NotificationView,
  PAGE_LIMIT_DEFAULT,
  UnreadCountReply,
} from '@app/contracts';
import { requireStaffMember } from '../access/caller-access';
import type { NewFeedEntry } from '../fan-out/fan-out-batch';
import { FeedSignals } from './feed.signals';

interface NotificationRow {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

function viewOf(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}

/** A staff member's in-app feed: newest first, unread count, marking read. Nobody sees another's. */
@Injectable()
export class FeedService {
  constructor(
    private readonly em: EntityManager,
    private readonly signals: FeedSignals,
  ) {}

  async list(caller: Caller, query: NotificationFeedQuery): Promise<NotificationPage> {
    const staffId = requireStaffMember(caller);
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const params: unknown[] = [staffId];
    let where = 'staff_id = ?';
    if (query.unread === 'true') where += ' and read_at is null';
    if (query.cursor) {
      const position = decodePageCursor(query.cursor);
      where += ' and (created_at, id) < (?, ?)';
      params.push(position.createdAt, position.id);
    }
    const rows = await this.em.getConnection().execute<NotificationRow[]>(
      `select id, type, title, body, link, created_at, read_at from notifications.notification
        where ${where} order by created_at desc, id desc limit ?`,
      [...params, limit + 1],
    );
    const items = rows.slice(0, limit).map(viewOf);
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodePageCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  async unreadCount(caller: Caller): Promise<UnreadCountReply> {
    return { unread: await this.unread(requireStaffMember(caller)) };
  }

  async markRead(caller: Caller, read: MarkReadBody): Promise<MarkReadReply> {
    const staffId = requireStaffMember(caller);
    const params: unknown[] = [staffId];
    let where = 'staff_id = ? and read_at is null';
    if (read.ids) {
      where += ' and id = any(?::uuid[])';
      params.push(`{${read.ids.join(',')}}`);
    }
    const marked = await this.em
      .getConnection()
      .execute<{ id: string }[]>(
        `update notifications.notification set read_at = now() where ${where} returning id`,
        params,
      );
    const unread = await this.unread(staffId);
    if (marked.length > 0) this.signals.changed({ staffId, unread });
    return { marked: marked.length, unread };
  }

  /**
   * After a commit that added entries: each person's open streams get them, with their unread count
   * after that commit (one statement for everyone the entries are for).
   */
  async announce(entries: readonly NewFeedEntry[]): Promise<void> {
    const staffIds = [...new Set(entries.map((entry) => entry.staffId))];
    const knex = this.em.getKnex();
    const counted = await knex.raw<{ rows: { staff_id: string; count: string }[] }>(
      `select staff_id, count(*) as count from notifications.notification
        where staff_id = any(?::uuid[]) and read_at is null group by staff_id`,
      [`{${staffIds.join(',')}}`],
    );
    const unread = new Map(counted.rows.map((row) => [row.staff_id, Number(row.count)]));
    for (const entry of entries) {
      this.signals.changed({
        staffId: entry.staffId,
        unread: unread.get(entry.staffId) ?? 0,
        notification: {
          id: entry.id,
          type: entry.type,
          title: entry.title,
          body: entry.body,
          link: entry.link,
          createdAt: entry.createdAt.toISOString(),
        },
      });
    }
  }

  private async unread(staffId: string): Promise<number> {
    const [row] = await this.em
      .getConnection()
      .execute<{ count: string }[]>(
        'select count(*) as count from notifications.notification where staff_id = ? and read_at is null',
        [staffId],
      );
    return Number(row.count);
  }
}
