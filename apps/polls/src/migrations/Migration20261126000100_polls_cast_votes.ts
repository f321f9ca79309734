import { Migration } from '@mikro-orm/migrations';

/**
 * polls.cast_votes: many votes in one statement, so a burst of votes shares one round trip, one
 * transaction and one WAL flush. Every ballot gets the outcome polls.cast_vote would have given it
 * had the ballots been cast one after another in the order given; cast_vote itself stays.
 */
export class Migration20261126000100_polls_cast_votes extends Migration {
  override up(): void {
    this.addSql(CAST_VOTES_FUNCTION);
  }

  override down(): void {
    this.addSql(`drop function if exists polls.cast_votes(jsonb, integer)`);
  }
}

/**
 * `p_ballots` is a JSON array of `{poll, reader, address, cap, options}`; `p_shard` is the counter
 * shard of the whole batch. One row comes back per ballot (`ordinal` is its 1-based position, with
 * `outcome` and `retry_after`), then one row per poll with an accepted ballot (`ordinal` null) with
 * the poll's tallies after the batch.
 *
 * The reasoning of cast_vote holds, with the locks taken in phases, each phase in a fixed order, so
 * two batches never wait for each other in a circle:
 *
 * 1. The open polls among the batch's are locked FOR KEY SHARE, once each, by id. From then until
 *    the commit no explicit close can commit, so the check is good for the whole batch; a batch that
 *    waited for a close re-checks the closed row and refuses its ballots (clock_timestamp(), not
 *    now(), as in cast_vote).
 * 2. Choices are checked again against the options.
 * 3. Ballots are inserted by (poll, reader), the first of a reader's ballots in the batch only; a
 *    conflict with the unique key is "already voted", and so is a later copy in the batch unless the
 *    first was capped.
 * 4. The address cap is the guarded upsert of cast_vote, one per ballot, by (poll, address): exactly
 *    `cap` get through, and a capped ballot's row is deleted again.
 * 5. Choices, then counters aggregated per (poll, option) and per poll into the batch's shard, sorted.
 *
 * No subtransaction per ballot: refusals are data, and any error fails the whole batch atomically.
 */
const CAST_VOTES_FUNCTION = `
create function polls.cast_votes(p_ballots jsonb, p_shard integer)
returns table (
  ordinal integer, outcome text, retry_after integer,
  poll_id uuid, tally_options uuid[], tally_votes bigint[], tally_voters bigint
)
language plpgsql
as $fn$
declare
  v_size integer := jsonb_array_length(p_ballots);
  v_poll uuid[];
  v_reader text[];
  v_address text[];
  v_cap integer[];
  v_chosen integer[];
  v_outcome text[];
  v_retry integer[] := array_fill(null::integer, array[v_size]);
  v_ballot bigint[] := array_fill(null::bigint, array[v_size]);
  v_choice_of integer[];
  v_choice uuid[];
  v_open uuid[];
  v_capped bigint[] := '{}';
  v_hour timestamptz := date_trunc('hour', clock_timestamp());
  v_count integer;
  v_id bigint;
  r record;
begin
  select array_agg((b.value->>'poll')::uuid order by b.n), array_agg(b.value->>'reader' order by b.n),
         array_agg(b.value->>'address' order by b.n), array_agg((b.value->>'cap')::integer order by b.n),
         array_agg(jsonb_array_length(b.value->'options') order by b.n)
    into v_poll, v_reader, v_address, v_cap, v_chosen
    from jsonb_array_elements(p_ballots) with ordinality as b(value, n);
  select coalesce(array_agg(b.n::integer order by b.n, o.n), '{}'),
         coalesce(array_agg(o.value::uuid order by b.n, o.n), '{}')
    into v_choice_of, v_choice
    from jsonb_array_elements(p_ballots) with ordinality as b(value, n),
         jsonb_array_elements_text(b.value->'options') with ordinality as o(value, n);

  select coalesce(array_agg(l.id), '{}') into v_open
    from (select p.id from polls.poll p
           where p.id = any (v_poll)
             and p.opens_at <= clock_timestamp()
             and (p.closes_at is null or p.closes_at > clock_timestamp())
           order by p.id
             for key share) l;

  select array_agg(
           case
             when b.poll <> all (v_open) then
               case when exists (select 1 from polls.poll p where p.id = b.poll) then 'not_open'
                    else 'not_found' end
             when b.chosen = 0 or b.chosen > p.max_choices or (not p.multiple_choice and b.chosen <> 1)
               or (select count(*) from polls.poll_option o
                    where o.poll_id = b.poll
                      and o.id in (select c.option from unnest(v_choice_of, v_choice) as c(n, option)
                                    where c.n = b.n)) <> b.chosen
               then 'invalid_choice'
           end order by b.n)
    into v_outcome
    from unnest(v_poll, v_chosen) with ordinality as b(poll, chosen, n)
    left join polls.poll p on p.id = b.poll;

  for r in
    with candidate as materialized (
      select distinct on (b.poll, b.reader) b.n::integer as n, b.poll, b.reader, b.address
        from unnest(v_poll, v_reader, v_address, v_outcome) with ordinality as b(poll, reader, address, outcome, n)
       where b.outcome is null
       order by b.poll, b.reader, b.n
    ), made as (
      insert into polls.ballot as nb (poll_id, reader_id, address_hash)
      select c.poll, c.reader, c.address from candidate c order by c.poll, c.reader
      on conflict on constraint ballot_one_per_reader do nothing
      returning nb.id, nb.poll_id as poll, nb.reader_id as reader
    )
    select c.n, m.id from candidate c left join made m on m.poll = c.poll and m.reader = c.reader
  loop
    if r.id is null then
      v_outcome[r.n] := 'already_voted';
    else
      v_ballot[r.n] := r.id;
    end if;
  end loop;

  for r in
    select b.n::integer as n, b.poll, b.address, b.cap
      from unnest(v_poll, v_address, v_cap, v_ballot) with ordinality as b(poll, address, cap, ballot, n)
     where b.ballot is not null and b.cap > 0 and b.address is not null
     order by b.poll, b.address, b.n
  loop
    v_count := null;
    insert into polls.address_vote_count as c (poll_id, address_hash, hour, votes)
    values (r.poll, r.address, v_hour, 1)
    on conflict on constraint address_vote_count_pkey do update set votes = c.votes + 1
      where c.votes < r.cap
    returning c.votes into v_count;
    if v_count is null then
      v_capped := v_capped || v_ballot[r.n];
      v_ballot[r.n] := null;
      v_outcome[r.n] := 'vote_cap_reached';
      v_retry[r.n] :=
        greatest(1, ceil(extract(epoch from (v_hour + interval '1 hour' - clock_timestamp()))))::integer;
    end if;
  end loop;
  if cardinality(v_capped) > 0 then
    delete from polls.ballot b where b.id = any (v_capped);
  end if;

  -- A reader's later ballots in the batch: already voted, unless the first one was capped, in which
  -- case the next one is cast on its own, as it would have been had they come one after another.
  for r in
    select b.n::integer as n, b.poll, b.reader, b.address, b.cap
      from unnest(v_poll, v_reader, v_address, v_cap, v_outcome, v_ballot)
           with ordinality as b(poll, reader, address, cap, outcome, ballot, n)
     where b.outcome is null and b.ballot is null
     order by b.n
  loop
    if exists (select 1 from unnest(v_poll, v_reader, v_ballot) as x(poll, reader, ballot)
                where x.poll = r.poll and x.reader = r.reader and x.ballot is not null) then
      v_outcome[r.n] := 'already_voted';
      continue;
    end if;
    v_id := null;
    insert into polls.ballot as nb (poll_id, reader_id, address_hash)
    values (r.poll, r.reader, r.address)
    on conflict on constraint ballot_one_per_reader do nothing
    returning nb.id into v_id;
    if v_id is null then
      v_outcome[r.n] := 'already_voted';
      continue;
    end if;
    if r.cap > 0 and r.address is not null then
      v_count := null;
      insert into polls.address_vote_count as c (poll_id, address_hash, hour, votes)
      values (r.poll, r.address, v_hour, 1)
      on conflict on constraint address_vote_count_pkey do update set votes = c.votes + 1
        where c.votes < r.cap
      returning c.votes into v_count;
      if v_count is null then
        delete from polls.ballot b where b.id = v_id;
        v_outcome[r.n] := 'vote_cap_reached';
        v_retry[r.n] :=
          greatest(1, ceil(extract(epoch from (v_hour + interval '1 hour' - clock_timestamp()))))::integer;
        continue;
      end if;
    end if;
    v_ballot[r.n] := v_id;
  end loop;

  insert into polls.ballot_choice (ballot_id, option_id, poll_id)
  select v_ballot[c.n], c.option, v_poll[c.n]
    from unnest(v_choice_of, v_choice) as c(n, option)
   where v_ballot[c.n] is not null;

  insert into polls.option_tally as t (poll_id, option_id, shard, votes)
  select v_poll[c.n], c.option, p_shard, count(*)
    from unnest(v_choice_of, v_choice) as c(n, option)
   where v_ballot[c.n] is not null
   group by 1, 2
   order by 1, 2
  on conflict on constraint option_tally_pkey do update set votes = t.votes + excluded.votes;

  insert into polls.voter_tally as v (poll_id, shard, voters)
  select b.poll, p_shard, count(*)
    from unnest(v_poll, v_ballot) as b(poll, ballot)
   where b.ballot is not null
   group by 1
   order by 1
  on conflict on constraint voter_tally_pkey do update set voters = v.voters + excluded.voters;

  return query
  select b.n::integer, coalesce(b.outcome, 'ok'), b.retry, null::uuid, null::uuid[], null::bigint[], null::bigint
    from unnest(v_outcome, v_retry) with ordinality as b(outcome, retry, n);

  return query
  select null::integer, null::text, null::integer, s.poll, array_agg(s.option_id), array_agg(s.total),
         (select coalesce(sum(v.voters), 0)::bigint from polls.voter_tally v where v.poll_id = s.poll)
    from (select t.poll_id as poll, t.option_id, sum(t.votes)::bigint as total
            from polls.option_tally t
           where t.poll_id in (select b.poll from unnest(v_poll, v_ballot) as b(poll, ballot)
                                where b.ballot is not null)
           group by t.poll_id, t.option_id) s
   group by s.poll;
end
$fn$`;
