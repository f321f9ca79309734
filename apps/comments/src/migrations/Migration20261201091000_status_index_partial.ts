import { Migration } from '@mikro-orm/migrations';

/**
 * comment_status_idx serves the moderation queues that name a status (pending, rejected) and nothing
 * else: the public pages, the flagged queue, the whole queue and a reader's comments have indexes of
 * their own. Published comments, almost all of them, no longer get an entry in it.
 */
export class Migration20261201091000_status_index_partial extends Migration {
  override up(): void {
    this.addSql(`drop index comments.comment_status_idx`);
    this.addSql(`create index comment_status_idx on comments.comment (status, created_at, id)
      where status in ('pending', 'rejected')`);
  }

  override down(): void {
    this.addSql(`drop index comments.comment_status_idx`);
    this.addSql(`create index comment_status_idx on comments.comment (status, created_at, id)`);
  }
}
