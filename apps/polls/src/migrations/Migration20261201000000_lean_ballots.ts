import { Migration } from '@mikro-orm/migrations';

/**
 * A vote used to write a ballot row with two index entries (its identity and the one-per-reader key)
 * and a ballot_choice row with two more per option chosen, all checked against their parents by
 * foreign-key triggers. Now a ballot carries its choices (`option_ids`, in the editor's order) and is
 * keyed by (poll, reader), the key that enforces one vote per reader: one row and one index entry per
 * vote. Nothing read the identity or the per-option index of choices but the vote path itself.
 *
 * The ballot's foreign key to its poll goes too: cast_votes locks every poll it writes ballots for
 * (FOR KEY SHARE) before writing them, which is the check the trigger repeated row by row, and
 * deleting a poll deletes its ballots in the same transaction (PollEditsRepository.delete) after
 * locking the poll FOR UPDATE, which waits for every vote holding it.
 */
export class Migration20261201000000_lean_ballots extends Migration {
  override up(): void {
    this.addSql(`alter table polls.ballot add column option_ids uuid[]`);
    this.addSql(`
      update polls.ballot b
         set option_ids = (select array_agg(c.option_id order by o.position)
                             from polls.ballot_choice c
                             join polls.poll_option o on o.id = c.option_id
                            where c.ballot_id = b.id)`);
    // A ballot without choices was never written by a vote; none exists, but none may block the change.
    this.addSql(`delete from polls.ballot where option_ids is null`);
    this.addSql(`alter table polls.ballot alter column option_ids set not null`);
    this.addSql(`drop table polls.ballot_choice`);
    this.addSql(`alter table polls.ballot drop constraint ballot_pkey`);
    this.addSql(`alter table polls.ballot drop column id`);
    this.addSql(`alter table polls.ballot drop constraint ballot_poll_id_fkey`);
    this.addSql(`alter table polls.ballot drop constraint ballot_one_per_reader`);
    this.addSql(
      `alter table polls.ballot add constraint ballot_one_per_reader primary key (poll_id, reader_id)`,
    );
    this.addSql(`drop function polls.cast_votes(jsonb, integer)`);
    this.addSql(CAST_VOTES_FUNCTION);
  }

  override down(): void {
    throw new Error('lean_ballots is not reversible: the ballots no longer have identities to restore');
  }
}

/**
 * The same contract and reasoning as the first polls.cast_votes (see its migration): the same
 * arguments, rows and outcomes, the same lock phases. What changed is what a ballot is: its choices go
 * into the ballot row, so a capped ballot is deleted by its key, and the choices are counted from the
 * batch's arrays, not from rows written for them.
 *
 * The address cap table is touched only for ballots that have a cap and an address.
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
  v_cast boolean[] := array_fill(false, array[v_size]);
  v_choice_of integer[];
  v_choice uuid[];
  v_open uuid[];
  v_hour timestamptz := date_trunc('hour', clock_timestamp());
  v_count integer;
  v_done boolean;
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
      insert into polls.ballot as nb (poll_id, reader_id, address_hash, option_ids)
      select c.poll, c.reader, c.address,
             array(select x.option from unnest(v_choice_of, v_choice) with ordinality as x(n, option, k)
                    where x.n = c.n order by x.k)
        from candidate c order by c.poll, c.reader
      on conflict on constraint ballot_one_per_reader do nothing
      returning nb.poll_id as poll, nb.reader_id as reader
    )
    select c.n, m.poll is not null as made from candidate c
      left join made m on m.poll = c.poll and m.reader = c.reader
  loop
    if r.made then
      v_cast[r.n] := true;
    else
      v_outcome[r.n] := 'already_voted';
    end if;
  end loop;

  for r in
    select b.n::integer as n, b.poll, b.reader, b.address, b.cap
      from unnest(v_poll, v_reader, v_address, v_cap, v_cast) with ordinality as b(poll, reader, address, cap, cast_, n)
     where b.cast_ and b.cap > 0 and b.address is not null
     order by b.poll, b.address, b.n
  loop
    v_count := null;
    insert into polls.address_vote_count as c (poll_id, address_hash, hour, votes)
    values (r.poll, r.address, v_hour, 1)
    on conflict on constraint address_vote_count_pkey do update set votes = c.votes + 1
      where c.votes < r.cap
    returning c.votes into v_count;
    if v_count is null then
      delete from polls.ballot b where b.poll_id = r.poll and b.reader_id = r.reader;
      v_cast[r.n] := false;
      v_outcome[r.n] := 'vote_cap_reached';
      v_retry[r.n] :=
        greatest(1, ceil(extract(epoch from (v_hour + interval '1 hour' - clock_timestamp()))))::integer;
    end if;
  end loop;

  -- A reader's later ballots in the batch: already voted, unless the first one was capped, in which
  -- case the next one is cast on its own, as it would have been had they come one after another.
  for r in
    select b.n::integer as n, b.poll, b.reader, b.address, b.cap
      from unnest(v_poll, v_reader, v_address, v_cap, v_outcome, v_cast)
           with ordinality as b(poll, reader, address, cap, outcome, cast_, n)
     where b.outcome is null and not b.cast_
     order by b.n
  loop
    if exists (select 1 from unnest(v_poll, v_reader, v_cast) as x(poll, reader, cast_)
                where x.poll = r.poll and x.reader = r.reader and x.cast_) then
      v_outcome[r.n] := 'already_voted';
      continue;
    end if;
    v_done := false;
    insert into polls.ballot as nb (poll_id, reader_id, address_hash, option_ids)
    values (r.poll, r.reader, r.address,
            array(select x.option from unnest(v_choice_of, v_choice) with ordinality as x(n, option, k)
                   where x.n = r.n order by x.k))
    on conflict on constraint ballot_one_per_reader do nothing
    returning true into v_done;
    if v_done is null or not v_done then
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
        delete from polls.ballot b where b.poll_id = r.poll and b.reader_id = r.reader;
        v_outcome[r.n] := 'vote_cap_reached';
        v_retry[r.n] :=
          greatest(1, ceil(extract(epoch from (v_hour + interval '1 hour' - clock_timestamp()))))::integer;
        continue;
      end if;
    end if;
    v_cast[r.n] := true;
  end loop;

  insert into polls.option_tally as t (poll_id, option_id, shard, votes)
  select v_poll[c.n], c.option, p_shard, count(*)
    from unnest(v_choice_of, v_choice) as c(n, option)
   where v_cast[c.n]
   group by 1, 2
   order by 1, 2
  on conflict on constraint option_tally_pkey do update set votes = t.votes + excluded.votes;

  insert into polls.voter_tally as v (poll_id, shard, voters)
  select b.poll, p_shard, count(*)
    from unnest(v_poll, v_cast) as b(poll, cast_)
   where b.cast_
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
           where t.poll_id in (select b.poll from unnest(v_poll, v_cast) as b(poll, cast_) where b.cast_)
           group by t.poll_id, t.option_id) s
   group by s.poll;
end
$fn$`;
