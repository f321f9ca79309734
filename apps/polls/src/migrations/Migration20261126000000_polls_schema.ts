import { Migration } from '@mikro-orm/migrations';

/**
 * Polls, their options, ballots and the sharded counters. Ballots are hard-deleted with their poll
 * (ON DELETE CASCADE): a deleted poll has no archive page, and keeping readers' ballots for it would
 * keep personal data for no purpose.
 */
export class Migration20261126000000_polls_schema extends Migration {
  override up(): void {
    this.addSql(`create schema if not exists polls`);

    this.addSql(`
      create table polls.poll (
        id uuid primary key,
        question text not null,
        multiple_choice boolean not null,
        max_choices smallint not null check (max_choices >= 1),
        opens_at timestamptz(3) not null,
        closes_at timestamptz(3),
        results_visibility text not null
          check (results_visibility in ('always', 'after_vote', 'after_close')),
        placement text not null,
        article_id text,
        created_at timestamptz(3) not null default now(),
        created_by text not null,
        closed_event_at timestamptz
      )`);
    this.addSql(`create index poll_archive_idx on polls.poll (created_at desc, id desc)`);
    this.addSql(`create index poll_placement_idx on polls.poll (placement, opens_at desc)`);
    this.addSql(`create index poll_opens_at_idx on polls.poll (opens_at)`);
    this.addSql(`create index poll_closes_at_idx on polls.poll (closes_at) where closes_at is not null`);
    this.addSql(`
      create index poll_close_due_idx on polls.poll (closes_at)
        where closed_event_at is null and closes_at is not null`);

    // Deferred so a PATCH can reorder options without passing through a duplicate position.
    this.addSql(`
      create table polls.poll_option (
        id uuid primary key,
        poll_id uuid not null references polls.poll (id) on delete cascade,
        position smallint not null,
        text text not null,
        constraint poll_option_position_uq unique (poll_id, position) deferrable initially deferred
      )`);

    this.addSql(`
      create table polls.ballot (
        id bigint generated always as identity primary key,
        poll_id uuid not null references polls.poll (id) on delete cascade,
        reader_id text not null,
        address_hash text,
        created_at timestamptz not null default now(),
        constraint ballot_one_per_reader unique (poll_id, reader_id)
      )`);

    this.addSql(`
      create table polls.ballot_choice (
        ballot_id bigint not null references polls.ballot (id) on delete cascade,
        option_id uuid not null,
        poll_id uuid not null,
        created_at timestamptz not null default now(),
        primary key (ballot_id, option_id)
      )`);
    this.addSql(`create index ballot_choice_poll_idx on polls.ballot_choice (poll_id, option_id)`);

    this.addSql(`
      create table polls.option_tally (
        poll_id uuid not null references polls.poll (id) on delete cascade,
        option_id uuid not null,
        shard smallint not null,
        votes bigint not null,
        primary key (poll_id, option_id, shard)
      )`);
    this.addSql(`
      create table polls.voter_tally (
        poll_id uuid not null references polls.poll (id) on delete cascade,
        shard smallint not null,
        voters bigint not null,
        primary key (poll_id, shard)
      )`);
    this.addSql(`
      create table polls.address_vote_count (
        poll_id uuid not null references polls.poll (id) on delete cascade,
        address_hash text not null,
        hour timestamptz not null,
        votes integer not null,
        primary key (poll_id, address_hash, hour)
      )`);
    this.addSql(`create index address_vote_count_hour_idx on polls.address_vote_count (hour)`);

    this.addSql(CAST_VOTE_FUNCTION);
  }

  override down(): void {
    this.addSql(`drop schema if exists polls cascade`);
  }
}

/**
 * The whole vote in one statement, so a vote costs one round trip to the database.
 *
 * - The poll row is locked FOR KEY SHARE only while it is open. Votes do not block each other on it,
 *   but they do conflict with the FOR UPDATE an explicit close (or an edit) takes first: a vote that
 *   waited for a close re-checks the updated row and is refused, and a close that waited for votes
 *   reads the tallies after they committed. So a vote racing a close is counted before it or refused.
 *   The clock is clock_timestamp(), not now(): now() is the start of the vote's transaction and could
 *   precede a close that committed while the vote waited.
 * - Option membership and the choice count are checked again here: the service checks against a
 *   cached definition that may be a moment old.
 * - One vote per reader is the unique key: a conflict means "already voted", with nothing written.
 * - The address cap is an upsert guarded by `votes < cap`: concurrent votes from one address queue on
 *   that row, so exactly `cap` of them get through. A capped vote removes its own ballot, leaving no
 *   trace once the transaction ends.
 * - Counters are upserted into shard p_shard (random per vote), in option order so two multiple-choice
 *   votes never take the same rows in opposite orders.
 */
const CAST_VOTE_FUNCTION = `
create function polls.cast_vote(
  p_poll uuid, p_reader text, p_address text, p_options uuid[], p_cap integer, p_shard integer
)
returns table (
  outcome text, tally_options uuid[], tally_votes bigint[], tally_voters bigint, retry_after integer
)
language plpgsql
as $fn$
declare
  v_multiple boolean;
  v_max integer;
  v_ballot bigint;
  v_count integer;
  v_hour timestamptz := date_trunc('hour', clock_timestamp());
  v_chosen integer := coalesce(cardinality(p_options), 0);
begin
  select p.multiple_choice, p.max_choices into v_multiple, v_max
    from polls.poll p
   where p.id = p_poll
     and p.opens_at <= clock_timestamp()
     and (p.closes_at is null or p.closes_at > clock_timestamp())
     for key share;
  if not found then
    if exists (select 1 from polls.poll p where p.id = p_poll) then
      return query select 'not_open'::text, null::uuid[], null::bigint[], null::bigint, null::integer;
    else
      return query select 'not_found'::text, null::uuid[], null::bigint[], null::bigint, null::integer;
    end if;
    return;
  end if;

  if v_chosen = 0 or v_chosen > v_max or (not v_multiple and v_chosen <> 1)
     or (select count(*) from polls.poll_option o where o.poll_id = p_poll and o.id = any (p_options))
        <> v_chosen then
    return query select 'invalid_choice'::text, null::uuid[], null::bigint[], null::bigint, null::integer;
    return;
  end if;

  insert into polls.ballot (poll_id, reader_id, address_hash)
  values (p_poll, p_reader, p_address)
  on conflict (poll_id, reader_id) do nothing
  returning id into v_ballot;
  if v_ballot is null then
    return query select 'already_voted'::text, null::uuid[], null::bigint[], null::bigint, null::integer;
    return;
  end if;

  if p_cap > 0 and p_address is not null then
    insert into polls.address_vote_count as c (poll_id, address_hash, hour, votes)
    values (p_poll, p_address, v_hour, 1)
    on conflict (poll_id, address_hash, hour) do update set votes = c.votes + 1 where c.votes < p_cap
    returning c.votes into v_count;
    if v_count is null then
      delete from polls.ballot b where b.id = v_ballot;
      return query select 'vote_cap_reached'::text, null::uuid[], null::bigint[], null::bigint,
        greatest(1, ceil(extract(epoch from (v_hour + interval '1 hour' - clock_timestamp()))))::integer;
      return;
    end if;
  end if;

  insert into polls.ballot_choice (ballot_id, option_id, poll_id)
  select v_ballot, o, p_poll from unnest(p_options) as o;

  insert into polls.option_tally as t (poll_id, option_id, shard, votes)
  select p_poll, o, p_shard, 1 from unnest(p_options) as o order by o
  on conflict (poll_id, option_id, shard) do update set votes = t.votes + 1;

  insert into polls.voter_tally as v (poll_id, shard, voters)
  values (p_poll, p_shard, 1)
  on conflict (poll_id, shard) do update set voters = v.voters + 1;

  return query
  select 'ok'::text, array_agg(s.option_id), array_agg(s.total),
         (select coalesce(sum(v.voters), 0)::bigint from polls.voter_tally v where v.poll_id = p_poll),
         null::integer
    from (select t.option_id, sum(t.votes)::bigint as total
            from polls.option_tally t where t.poll_id = p_poll group by t.option_id) s;
end
$fn$`;
