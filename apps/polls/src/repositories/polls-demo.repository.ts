import { Injectable } from '@nestjs/common';
import type { DemoPoll } from '../polls.demo';
import { insertOptions } from './poll-edits.repository';
import { SqlRepository, uuidArray } from './sql';

/** The demo polls of `DEMO=true`, with synthetic ballots. */
@Injectable()
export class PollsDemoRepository extends SqlRepository {
  /**
   * Creates each demo poll once (a fixed id; an existing one is left alone) with ballots of synthetic
   * readers spread over the poll's open time, and counters computed from them.
   */
  async seedDemo(polls: DemoPoll[]): Promise<string[]> {
    return this.transaction(async (em) => {
      const created: string[] = [];
      for (const poll of polls) {
        const inserted = await this.run(
          `insert into polls.poll (id, question, multiple_choice, max_choices, opens_at, closes_at,
                                   results_visibility, placement, article_id, created_at, created_by,
                                   closed_event_at)
           values (?, ?, false, 1, ?::timestamptz, ?::timestamptz, ?, ?, null, ?::timestamptz, 'demo',
                   ?::timestamptz)
           on conflict (id) do nothing returning id`,
          [
            poll.id,
            poll.question,
            poll.opensAt.toISOString(),
            poll.closesAt?.toISOString() ?? null,
            poll.resultsVisibility,
            poll.placement,
            poll.opensAt.toISOString(),
            // The archive polls closed long ago: nobody is to be told about them now.
            poll.closesAt?.toISOString() ?? null,
          ],
          em,
        );
        if (inserted.length === 0) continue;
        await insertOptions(
          em,
          poll.id,
          poll.options.map((option, position) => ({ id: option.id, text: option.text, position })),
        );
        const votingEnds = (poll.closesAt ?? new Date()).getTime();
        const seconds = Math.max(60, Math.floor((votingEnds - poll.opensAt.getTime()) / 1000));
        await this.run(
          `with picks as materialized (
             select w.option_id, row_number() over () as n,
                    ?::timestamptz + (random() * ?) * interval '1 second' as at
               from unnest(?::uuid[], ?::int[]) as w(option_id, votes),
                    generate_series(1, w.votes)
           )
           insert into polls.ballot (poll_id, reader_id, created_at, option_ids)
           select ?, 'demo:' || ? || ':' || n, at, array[option_id] from picks`,
          [
            poll.opensAt.toISOString(),
            seconds,
            uuidArray(poll.options.map((option) => option.id)),
            `{${poll.options.map((option) => option.votes).join(',')}}`,
            poll.id,
            poll.id,
          ],
          em,
        );
        await this.run(
          `insert into polls.option_tally (poll_id, option_id, shard, votes)
           select b.poll_id, c.option_id, 0, count(*)
             from polls.ballot b cross join unnest(b.option_ids) as c(option_id)
            where b.poll_id = ? group by 1, 2`,
          [poll.id],
          em,
        );
        await this.run(
          `insert into polls.voter_tally (poll_id, shard, voters)
           select poll_id, 0, count(*) from polls.ballot where poll_id = ? group by 1`,
          [poll.id],
          em,
        );
        created.push(poll.id);
      }
      return created;
    });
  }
}
