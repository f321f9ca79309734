import { Migration } from '@mikro-orm/migrations';

/**
 * The one-vote function was replaced by the batched polls.cast_votes and nothing calls it any more.
 * Its reasoning (locks, clock, cap) is restated where cast_votes is created.
 */
export class Migration20261130000000_drop_cast_vote extends Migration {
  override up(): void {
    this.addSql(`drop function if exists polls.cast_vote(uuid, text, text, uuid[], integer, integer)`);
  }

  override down(): void {
    // Nothing to restore: cast_votes does the work.
  }
}
