import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { recordEvent } from '@app/messaging';
import { closedEventOf } from '../domain/poll-definition';
import { PollReadsRepository } from './poll-reads.repository';
import { SqlRepository, iso } from './sql';

/** What the clock claims: due closes, opening and closing transitions, and expired address counts. */
@Injectable()
export class PollScheduleRepository extends SqlRepository {
  constructor(
    orm: MikroORM,
    private readonly reads: PollReadsRepository,
  ) {
    super(orm);
  }

  /**
   * Records `poll.closed` for polls whose closesAt has passed and that have no event yet. Rows are
   * claimed with FOR UPDATE SKIP LOCKED and marked in the same transaction, so copies of the service
   * running this at once never record one twice; a poll still held by a vote is taken on a later pass.
   */
  async recordDueCloses(limit: number): Promise<string[]> {
    return this.transaction(async (em) => {
      const due = await this.run<{ id: string; closes_at: string }>(
        `update polls.poll p set closed_event_at = clock_timestamp()
          where p.id in (select id from polls.poll
                          where closed_event_at is null and closes_at <= clock_timestamp()
                          order by closes_at limit ? for update skip locked)
          returning p.id, p.closes_at`,
        [limit],
        em,
      );
      for (const poll of due) {
        const found = await this.reads.findPoll(poll.id, null, em);
        if (found) recordEvent(em, closedEventOf(found.snapshot, iso(poll.closes_at)));
      }
      return due.map((poll) => poll.id);
    });
  }

  /**
   * Polls that opened or closed by the clock in (since, now], and the database's now to pass as the
   * next `since`. Times are the database's, so copies of the service agree on them.
   */
  async transitionsSince(since: string | null): Promise<{ now: string; pollIds: string[] }> {
    const [row] = await this.run<{ now: string; ids: string[] }>(
      `select now() as now,
              array(select id from polls.poll
                     where ?::timestamptz is not null
                       and ((opens_at > ?::timestamptz and opens_at <= now())
                         or (closes_at > ?::timestamptz and closes_at <= now()))) as ids`,
      [since, since, since],
    );
    return { now: iso(row.now), pollIds: row.ids };
  }

  /** Per-address counters of past hours no longer limit anything. */
  async forgetPastAddressCounts(): Promise<void> {
    await this.run(`delete from polls.address_vote_count where hour < date_trunc('hour', now())`);
  }
}
