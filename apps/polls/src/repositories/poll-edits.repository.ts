import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { PollSnapshot } from '@app/contracts';
import { recordEvent } from '@app/messaging';
import { closedEventOf, PollDefinition } from '../domain/poll-definition';
import type { OptionPlan, PollSettings } from '../domain/poll-draft.rules';
import { PollReadsRepository } from './poll-reads.repository';
import { iso, runSql, SqlRepository, uuidArray } from './sql';

export type CloseOutcome =
  { kind: 'closed'; snapshot: PollSnapshot } | { kind: 'not_found' | 'already_closed' };

/** Editors' changes to polls: create, edit, close, delete. */
@Injectable()
export class PollEditsRepository extends SqlRepository {
  constructor(
    orm: MikroORM,
    private readonly reads: PollReadsRepository,
  ) {
    super(orm);
  }

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
      await insertOptions(
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
      const current = (await this.reads.findDefinition(pollId, em))!;
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
      await insertOptions(em, pollId, added);
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
      const { snapshot } = (await this.reads.findPoll(pollId, null, em))!;
      recordEvent(em, closedEventOf(snapshot, iso(closed.closes_at)));
      return { kind: 'closed', snapshot };
    });
  }

  /** Deletes the poll with its options, ballots and counters (ON DELETE CASCADE). */
  /**
   * Ballots have no foreign key to their poll (see the lean_ballots migration): they go here, after
   * the poll is locked, which waits for every vote still holding it; a vote after that finds no poll.
   * The locking statement comes first so the deleting one sees every ballot committed before it.
   */
  async delete(pollId: string): Promise<boolean> {
    return this.transaction(async (em) => {
      const locked = await this.run(`select id from polls.poll where id = ? for update`, [pollId], em);
      if (locked.length === 0) return false;
      await this.run(`delete from polls.ballot where poll_id = ?`, [pollId], em);
      await this.run(`delete from polls.poll where id = ?`, [pollId], em);
      return true;
    });
  }
}

export async function insertOptions(
  em: EntityManager,
  pollId: string,
  options: { id?: string; text: string; position: number }[],
): Promise<void> {
  if (options.length === 0) return;
  await runSql(
    em,
    `insert into polls.poll_option (id, poll_id, position, text) values ${options.map(() => '(?, ?, ?, ?)').join(', ')}`,
    options.flatMap((option) => [option.id ?? randomUUID(), pollId, option.position, option.text]),
  );
}
