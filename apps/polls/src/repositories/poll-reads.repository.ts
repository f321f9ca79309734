import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PollListStatus, PollSnapshot, ResultsVisibility } from '@app/contracts';
import { PollDefinition, snapshotOf } from '../domain/poll-definition';
import type { ListPosition } from '../domain/cursor';
import { SqlRepository, iso, isoOrNull } from './sql';

export interface PollWithMyVote {
  snapshot: PollSnapshot;
  myVote: string[] | null;
}

export interface ListFilter {
  status: PollListStatus;
  placement?: string;
  after?: ListPosition;
  limit: number;
  /** Readers do not see polls that have not opened yet; editors do. */
  includeScheduled: boolean;
}

interface SnapshotRow {
  id: string;
  question: string;
  multiple_choice: boolean;
  max_choices: number;
  opens_at: string;
  closes_at: string | null;
  results_visibility: ResultsVisibility;
  placement: string;
  article_id: string | null;
  created_at: string;
  voters: string | number;
  options: string | { id: string; text: string; votes: number }[];
  my_vote: string[] | null;
}

/**
 * One poll or many with their definitions, summed counters and the caller's own choices, in a single
 * query. `?` in `where` binds after the reader id.
 */
const snapshotSql = (where: string, tail = ''): string => `
  select p.id, p.question, p.multiple_choice, p.max_choices, p.opens_at, p.closes_at,
         p.results_visibility, p.placement, p.article_id, p.created_at,
         (select coalesce(sum(v.voters), 0) from polls.voter_tally v where v.poll_id = p.id) as voters,
         (select coalesce(json_agg(json_build_object(
                   'id', o.id, 'text', o.text,
                   'votes', (select coalesce(sum(t.votes), 0) from polls.option_tally t
                              where t.poll_id = p.id and t.option_id = o.id))
                 order by o.position), '[]')
            from polls.poll_option o where o.poll_id = p.id) as options,
         (select b.option_ids from polls.ballot b
           where b.poll_id = p.id and b.reader_id = ?) as my_vote
    from polls.poll p
   where ${where} ${tail}`;

/** Reads polls with their summed counters and the caller's own choices. */
@Injectable()
export class PollReadsRepository extends SqlRepository {
  /** The reader's choices in the poll, null when the reader has not voted; undefined when no such poll. */
  async myVote(pollId: string, readerId: string | null): Promise<string[] | null | undefined> {
    const [row] = await this.run<{ my_vote: string[] | null }>(
      `select (select b.option_ids from polls.ballot b
                where b.poll_id = p.id and b.reader_id = ?) as my_vote
         from polls.poll p where p.id = ?`,
      [readerId, pollId],
    );
    return row === undefined ? undefined : row.my_vote;
  }

  async findDefinition(pollId: string, em: EntityManager = this.orm.em): Promise<PollDefinition | null> {
    const [row] = await this.run<SnapshotRow>(snapshotSql('p.id = ?'), [null, pollId], em);
    return row ? definitionOf(row) : null;
  }

  async findPoll(
    pollId: string,
    readerId: string | null,
    em: EntityManager = this.orm.em,
  ): Promise<PollWithMyVote | null> {
    const [row] = await this.run<SnapshotRow>(snapshotSql('p.id = ?'), [readerId, pollId], em);
    return row ? withMyVote(row) : null;
  }

  /** The open poll of a placement that opened last. */
  async findCurrent(placement: string, readerId: string | null): Promise<PollWithMyVote | null> {
    const [row] = await this.run<SnapshotRow>(
      snapshotSql(
        `p.placement = ? and p.opens_at <= now() and (p.closes_at is null or p.closes_at > now())`,
        'order by p.opens_at desc, p.created_at desc, p.id desc limit 1',
      ),
      [readerId, placement],
    );
    return row ? withMyVote(row) : null;
  }

  /** The archive, newest first, from after `filter.after` on (keyset paging on created_at, id). */
  async list(filter: ListFilter, readerId: string | null): Promise<PollWithMyVote[]> {
    const conditions: string[] = [];
    const params: unknown[] = [readerId];
    switch (filter.status) {
      case 'open':
        conditions.push('p.opens_at <= now() and (p.closes_at is null or p.closes_at > now())');
        break;
      case 'scheduled':
        // Closed before it ever opened counts as closed, as `pollStatus` says.
        conditions.push(
          filter.includeScheduled
            ? 'p.opens_at > now() and (p.closes_at is null or p.closes_at > now())'
            : 'false',
        );
        break;
      case 'closed':
        conditions.push('p.closes_at <= now()');
        break;
      case 'all':
        if (!filter.includeScheduled) conditions.push('(p.opens_at <= now() or p.closes_at <= now())');
        break;
    }
    if (filter.placement !== undefined) {
      conditions.push('p.placement = ?');
      params.push(filter.placement);
    }
    if (filter.after) {
      conditions.push('(p.created_at, p.id) < (?::timestamptz, ?::uuid)');
      params.push(filter.after.createdAt, filter.after.id);
    }
    params.push(filter.limit);
    const rows = await this.run<SnapshotRow>(
      snapshotSql(
        conditions.length > 0 ? conditions.join(' and ') : 'true',
        'order by p.created_at desc, p.id desc limit ?',
      ),
      params,
    );
    return rows.map(withMyVote);
  }

  /** Votes per option per clock hour (UTC), oldest first. */
  async hourlyVotes(pollId: string): Promise<{ hour: string; optionId: string; votes: number }[]> {
    const rows = await this.run<{ hour: string; option_id: string; votes: string }>(
      `select date_trunc('hour', b.created_at) as hour, c.option_id, count(*) as votes
         from polls.ballot b
         cross join unnest(b.option_ids) as c(option_id)
         join polls.poll_option o on o.id = c.option_id
        where b.poll_id = ?
        group by 1, 2, o.position
        order by 1, o.position`,
      [pollId],
    );
    return rows.map((row) => ({ hour: iso(row.hour), optionId: row.option_id, votes: Number(row.votes) }));
  }
}

function definitionOf(row: SnapshotRow): PollDefinition {
  const options =
    typeof row.options === 'string' ? (JSON.parse(row.options) as SnapshotRow['options']) : row.options;
  return {
    id: row.id,
    question: row.question,
    multipleChoice: row.multiple_choice,
    maxChoices: Number(row.max_choices),
    opensAt: iso(row.opens_at),
    closesAt: isoOrNull(row.closes_at),
    resultsVisibility: row.results_visibility,
    placement: row.placement,
    articleId: row.article_id,
    createdAt: iso(row.created_at),
    options: (options as { id: string; text: string }[]).map(({ id, text }) => ({ id, text })),
  };
}

function withMyVote(row: SnapshotRow): PollWithMyVote {
  const options = (typeof row.options === 'string' ? JSON.parse(row.options) : row.options) as {
    id: string;
    votes: number;
  }[];
  const snapshot = snapshotOf(definitionOf(row), {
    votes: new Map(options.map((option) => [option.id, Number(option.votes)])),
    voters: Number(row.voters),
  });
  return { snapshot, myVote: row.my_vote };
}
