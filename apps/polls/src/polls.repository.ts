import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DatabaseError, type PoolClient } from 'pg';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { PollEvents, PollListStatus, PollSnapshot, ResultsVisibility } from '@app/contracts';
import { recordEvent } from '@app/messaging';
import { closedEventOf, PollDefinition, PollTallies, snapshotOf } from './domain/poll-definition';
import type { OptionPlan, PollSettings } from './domain/poll-draft.rules';
import type { ListPosition } from './domain/cursor';
import type { DemoPoll } from './polls.demo';

/** An accepted vote's tallies are the poll's right after its batch, one object per poll and batch. */
export type VoteOutcome =
  | { kind: 'ok'; tallies: PollTallies }
  | { kind: 'not_found' | 'not_open' | 'invalid_choice' | 'already_voted' }
  | { kind: 'vote_cap_reached'; retryAfterSeconds: number };

export interface CastVoteInput {
  pollId: string;
  readerId: string;
  addressHash: string | null;
  optionIds: string[];
  capPerHour: number;
}

/**
 * How a failed vote batch ended. `conflict`: rolled back by a deadlock or serialization failure, safe
 * to run again. `refused`: the database refused the statement and rolled it back, so nothing of it
 * was written. `unknown`: the answer was lost (connection, timeout); it may or may not have committed.
 */
export type BatchFailure = 'conflict' | 'refused' | 'unknown';

export function batchFailureOf(error: unknown): BatchFailure {
  if (!(error instanceof DatabaseError)) return 'unknown';
  return error.code?.startsWith('40') ? 'conflict' : 'refused';
}

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

export type CloseOutcome =
  { kind: 'closed'; snapshot: PollSnapshot } | { kind: 'not_found' | 'already_closed' };

interface CastVotesRow {
  ordinal: number | null;
  outcome: string | null;
  retry_after: number | null;
  poll_id: string | null;
  tally_options: string[] | null;
  tally_votes: string[] | null;
  tally_voters: string | null;
}

type PgConnection = Pick<PoolClient, 'query'>;

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

const iso = (value: string | Date): string => new Date(value).toISOString();
const isoOrNull = (value: string | Date | null): string | null => (value === null ? null : iso(value));
const uuidArray = (ids: readonly string[]): string => `{${ids.join(',')}}`;

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
         (select array_agg(c.option_id order by o.position)
            from polls.ballot b
            join polls.ballot_choice c on c.ballot_id = b.id
            join polls.poll_option o on o.id = c.option_id
           where b.poll_id = p.id and b.reader_id = ?) as my_vote
    from polls.poll p
   where ${where} ${tail}`;

/** The only code of the service that talks to the database. */
@Injectable()
export class PollsRepository {
  constructor(private readonly orm: MikroORM) {}

  private get em(): EntityManager {
    return this.orm.em;
  }

  private run<T extends object>(
    sql: string,
    params: unknown[] = [],
    em: EntityManager = this.em,
  ): Promise<T[]> {
    return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
  }

  /** A pooled connection of the ORM's own pool, for the one statement on the hot path. */
  private async onConnection<T>(work: (connection: PgConnection) => Promise<T>): Promise<T> {
    const client = this.em.getConnection().getKnex().client as unknown as {
      acquireConnection(): Promise<PgConnection>;
      releaseConnection(connection: PgConnection): Promise<void>;
    };
    const connection = await client.acquireConnection();
    try {
      return await work(connection);
    } finally {
      await client.releaseConnection(connection);
    }
  }

  private transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em.fork().transactional(work);
  }

  // ---- votes ----

  /**
   * Many votes in one round trip and one transaction (see polls.cast_votes in the migrations), each
   * with the outcome it would have had alone; counters go to `shard`. Throws when the batch failed
   * as a whole: then none of it was written, or, for a lost answer, it is not known.
   */
  async castVotes(ballots: readonly CastVoteInput[], shard: number): Promise<VoteOutcome[]> {
    const payload = JSON.stringify(
      ballots.map((ballot) => ({
        poll: ballot.pollId,
        reader: ballot.readerId,
        address: ballot.addressHash,
        cap: ballot.capPerHour,
        options: ballot.optionIds,
      })),
    );
    const rows = await this.onConnection(async (connection) => {
      const result = await connection.query<CastVotesRow>({
        // Unnamed on purpose: the embedded PGlite is one session behind all connections, where a named
        // statement prepared by one connection would already exist for the next.
        text: `select ordinal, outcome, retry_after, poll_id, tally_options, tally_votes, tally_voters
                 from polls.cast_votes($1::jsonb, $2)`,
        values: [payload, shard],
      });
      return result.rows;
    });
    const tallies = new Map<string, PollTallies>();
    for (const row of rows) {
      if (row.ordinal !== null || row.poll_id === null) continue;
      const votes = new Map<string, number>();
      (row.tally_options ?? []).forEach((id, index) => votes.set(id, Number(row.tally_votes![index])));
      tallies.set(row.poll_id, { votes, voters: Number(row.tally_voters) });
    }
    const outcomes: VoteOutcome[] = new Array<VoteOutcome>(ballots.length);
    for (const row of rows) {
      if (row.ordinal === null) continue;
      outcomes[row.ordinal - 1] = voteOutcomeOf(row, tallies.get(ballots[row.ordinal - 1].pollId));
    }
    for (let index = 0; index < ballots.length; index += 1) {
      if (outcomes[index] === undefined)
        throw new Error(`cast_votes gave no outcome for ballot ${index + 1}`);
    }
    return outcomes;
  }

  /** The reader's choices in the poll, null when the reader has not voted; undefined when no such poll. */
  async myVote(pollId: string, readerId: string | null): Promise<string[] | null | undefined> {
    const [row] = await this.run<{ my_vote: string[] | null }>(
      `select (select array_agg(c.option_id order by o.position)
                 from polls.ballot b
                 join polls.ballot_choice c on c.ballot_id = b.id
                 join polls.poll_option o on o.id = c.option_id
                where b.poll_id = p.id and b.reader_id = ?) as my_vote
         from polls.poll p where p.id = ?`,
      [readerId, pollId],
    );
    return row === undefined ? undefined : row.my_vote;
  }

  // ---- reads ----

  async findDefinition(pollId: string, em: EntityManager = this.em): Promise<PollDefinition | null> {
    const [row] = await this.run<SnapshotRow>(snapshotSql('p.id = ?'), [null, pollId], em);
    return row ? definitionOf(row) : null;
  }

  async findPoll(
    pollId: string,
    readerId: string | null,
    em: EntityManager = this.em,
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
      `select date_trunc('hour', c.created_at) as hour, c.option_id, count(*) as votes
         from polls.ballot_choice c
         join polls.poll_option o on o.id = c.option_id
        where c.poll_id = ?
        group by 1, 2, o.position
        order by 1, o.position`,
      [pollId],
    );
    return rows.map((row) => ({ hour: iso(row.hour), optionId: row.option_id, votes: Number(row.votes) }));
  }

  // ---- editing ----

  async create(settings: PollSettings, options: string[], createdBy: string): Promise<string> {
    const pollId = randomUUID();
    await this.transaction(async (em) => {
      await this.run(
        `insert into polls.poll (id, question, multiple_choice, max_choices, opens_at, closes_at,
                                 results_visibility, placement, article_id, created_by)
         values (?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?, ?)`,
        [
          pollId,
          settings.question,
          settings.multipleChoice,
          settings.maxChoices,
          settings.opensAt.toISOString(),
          settings.closesAt?.toISOString() ?? null,
          settings.resultsVisibility,
          settings.placement,
          settings.articleId,
          createdBy,
        ],
        em,
      );
      await this.insertOptions(
        em,
        pollId,
        options.map((text, position) => ({ text, position })),
      );
    });
    return pollId;
  }

  /**
   * Runs `decide` on the poll as it is, under FOR UPDATE: votes in flight finish first and new ones
   * wait, so "has votes" cannot change between the check and the write.
   */
  async update(
    pollId: string,
    decide: (current: PollDefinition, hasVotes: boolean) => { settings: PollSettings; plan: OptionPlan },
  ): Promise<boolean> {
    return this.transaction(async (em) => {
      const locked = await this.run(`select id from polls.poll where id = ? for update`, [pollId], em);
      if (locked.length === 0) return false;
      const current = (await this.findDefinition(pollId, em))!;
      const [{ has_votes }] = await this.run<{ has_votes: boolean }>(
        `select exists (select 1 from polls.ballot where poll_id = ?) as has_votes`,
        [pollId],
        em,
      );
      const { settings, plan } = decide(current, has_votes);
      const closesAt = settings.closesAt?.toISOString() ?? null;
      // A poll that is open again may close again: its poll.closed is then due once more.
      await this.run(
        `update polls.poll
            set question = ?, multiple_choice = ?, max_choices = ?, opens_at = ?::timestamptz,
                closes_at = ?::timestamptz, results_visibility = ?, placement = ?, article_id = ?,
                closed_event_at = case when ?::timestamptz is null or ?::timestamptz > now()
                                       then null else closed_event_at end
          where id = ?`,
        [
          settings.question,
          settings.multipleChoice,
          settings.maxChoices,
          settings.opensAt.toISOString(),
          closesAt,
          settings.resultsVisibility,
          settings.placement,
          settings.articleId,
          closesAt,
          closesAt,
          pollId,
        ],
        em,
      );
      if (plan.removed.length > 0) {
        await this.run(
          `delete from polls.poll_option where poll_id = ? and id = any (?::uuid[])`,
          [pollId, uuidArray(plan.removed)],
          em,
        );
      }
      const added: { text: string; position: number }[] = [];
      for (const [position, option] of plan.options.entries()) {
        if (option.id === null) added.push({ text: option.text, position });
        else {
          await this.run(
            `update polls.poll_option set position = ?, text = ? where id = ? and poll_id = ?`,
            [position, option.text, option.id, pollId],
            em,
          );
        }
      }
      await this.insertOptions(em, pollId, added);
      return true;
    });
  }

  /**
   * Closes the poll now and records `poll.closed` with its final results in the same transaction. The
   * FOR UPDATE waits for votes holding the poll and makes later ones re-check and find it closed, so
   * the recorded totals are the final ones.
   */
  async close(pollId: string): Promise<CloseOutcome> {
    return this.transaction(async (em) => {
      const [row] = await this.run<{ closed: boolean }>(
        `select closes_at is not null and closes_at <= clock_timestamp() as closed
           from polls.poll where id = ? for update`,
        [pollId],
        em,
      );
      if (!row) return { kind: 'not_found' };
      if (row.closed) return { kind: 'already_closed' };
      const [closed] = await this.run<{ closes_at: string }>(
        `update polls.poll
            set closes_at = date_trunc('milliseconds', clock_timestamp()), closed_event_at = clock_timestamp()
          where id = ? returning closes_at`,
        [pollId],
        em,
      );
      const { snapshot } = (await this.findPoll(pollId, null, em))!;
      recordEvent(em, PollEvents.closed, closedEventOf(snapshot, iso(closed.closes_at)));
      return { kind: 'closed', snapshot };
    });
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
        const found = await this.findPoll(poll.id, null, em);
        if (found) recordEvent(em, PollEvents.closed, closedEventOf(found.snapshot, iso(poll.closes_at)));
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

  /** Deletes the poll with its options, ballots and counters (ON DELETE CASCADE). */
  async delete(pollId: string): Promise<boolean> {
    const rows = await this.run(`delete from polls.poll where id = ? returning id`, [pollId]);
    return rows.length > 0;
  }

  // ---- demo data ----

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
        await this.insertOptions(
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
           ), made as (
             insert into polls.ballot (poll_id, reader_id, created_at)
             select ?, 'demo:' || ? || ':' || n, at from picks
             returning id, reader_id, created_at
           )
           insert into polls.ballot_choice (ballot_id, option_id, poll_id, created_at)
           select m.id, p.option_id, ?, m.created_at
             from made m join picks p on m.reader_id = 'demo:' || ? || ':' || p.n`,
          [
            poll.opensAt.toISOString(),
            seconds,
            uuidArray(poll.options.map((option) => option.id)),
            `{${poll.options.map((option) => option.votes).join(',')}}`,
            poll.id,
            poll.id,
            poll.id,
            poll.id,
          ],
          em,
        );
        await this.run(
          `insert into polls.option_tally (poll_id, option_id, shard, votes)
           select poll_id, option_id, 0, count(*) from polls.ballot_choice where poll_id = ? group by 1, 2`,
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

  private async insertOptions(
    em: EntityManager,
    pollId: string,
    options: { id?: string; text: string; position: number }[],
  ): Promise<void> {
    if (options.length === 0) return;
    await this.run(
      `insert into polls.poll_option (id, poll_id, position, text) values ${options.map(() => '(?, ?, ?, ?)').join(', ')}`,
      options.flatMap((option) => [option.id ?? randomUUID(), pollId, option.position, option.text]),
      em,
    );
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

function voteOutcomeOf(row: CastVotesRow, tallies: PollTallies | undefined): VoteOutcome {
  const outcome = row.outcome ?? 'none';
  switch (outcome) {
    case 'ok':
      if (!tallies) throw new Error(`cast_votes accepted a vote on poll without its tallies`);
      return { kind: 'ok', tallies };
    case 'vote_cap_reached':
      return { kind: 'vote_cap_reached', retryAfterSeconds: row.retry_after ?? 3600 };
    case 'not_found':
    case 'not_open':
    case 'invalid_choice':
    case 'already_voted':
      return { kind: outcome };
    default:
      throw new Error(`cast_votes answered an unknown outcome: ${outcome}`);
  }
}
