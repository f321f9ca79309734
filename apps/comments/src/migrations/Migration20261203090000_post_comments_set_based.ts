import { Migration } from '@mikro-orm/migrations';
import {
  POST_COMMENTS_FUNCTION_WITH_EVENTS,
  POST_COMMENTS_SIGNATURE,
} from './Migration20261202090000_post_comments_outbox';

/**
 * comments.post_comments judges and writes a batch as one set instead of a loop of ~10 statements per
 * post: the checks, the comments, the articles' and parents' counters and the outbox events are each
 * one statement for the whole batch (CTEs of one query). PL/pgSQL paid an executor start per
 * statement per post, which was most of the function's time.
 *
 * A set has no order inside it, so a call takes at most one post per reader and one per address (the
 * service splits a batch into such rounds, and the function refuses a call that breaks the rule): no
 * post's rate, duplicate or address count then depends on another post of the same call. The
 * reader and address limits are the batch's rules (one configuration), no longer each post's.
 *
 * What a post is refused for keeps the order of the loop: ban, duplicate, reader rate, address rate,
 * closed, answered comment invalid. A post refused as closed or invalid takes no address hit, which
 * the loop took and gave back; it is refused for the address rate if the address had no hit left.
 */
export class Migration20261203090000_post_comments_set_based extends Migration {
  override up(): void {
    this.addSql(`drop function comments.post_comments(jsonb, jsonb)`);
    this.addSql(POST_COMMENTS_FUNCTION_SET_BASED);
  }

  override down(): void {
    this.addSql(`drop function comments.post_comments(jsonb, jsonb)`);
    this.addSql(POST_COMMENTS_FUNCTION_WITH_EVENTS);
  }
}

const POST_COMMENTS_FUNCTION_SET_BASED = `
${POST_COMMENTS_SIGNATURE}
language plpgsql
as $fn$
#variable_conflict use_column
declare
  v_now timestamptz := (p_rules->>'now')::timestamptz;
  v_max_depth smallint := (p_rules->>'maxDepth')::smallint;
  v_window timestamptz := (p_rules->>'windowStart')::timestamptz;
  v_duplicates_since timestamptz := (p_rules->>'duplicatesSince')::timestamptz;
  v_reader_limit integer := (p_rules->>'readerLimit')::integer;
  v_address_limit integer := (p_rules->>'addressLimit')::integer;
  v_published jsonb := p_rules->'publishedEvent';
  v_held jsonb := p_rules->'heldEvent';
  v_articles text[];
  v_answered uuid[];
begin
  if exists (
       select 1 from jsonb_to_recordset(p_posts) as b(reader_id text, by_staff boolean)
        where not b.by_staff and b.reader_id is not null group by b.reader_id having count(*) > 1)
     or (v_address_limit > 0 and exists (
       select 1 from jsonb_to_recordset(p_posts) as b(address_hash text, by_staff boolean)
        where not b.by_staff and b.address_hash is not null group by b.address_hash having count(*) > 1)) then
    raise exception 'post_comments takes at most one post per reader and per address'
      using errcode = 'invalid_parameter_value';
  end if;

  select array_agg(distinct b.article_id order by b.article_id),
         coalesce(array_agg(distinct b.parent_id) filter (where b.parent_id is not null), '{}')
    into v_articles, v_answered
    from jsonb_to_recordset(p_posts) as b(article_id text, parent_id uuid);

  -- Locks in phases, each in a fixed order: readers, then answered comments, then articles. Every
  -- lookup goes through a key (= any of an array), whatever the planner guesses of the batch's size.
  perform pg_advisory_xact_lock(hashtextextended('comments.reader:' || r.reader_id, 0))
    from (select distinct b.reader_id from jsonb_to_recordset(p_posts) as b(reader_id text, by_staff boolean)
           where b.reader_id is not null and not b.by_staff order by 1) r;

  -- A reply below the deepest level is stored under the answered comment's parent: both are locked.
  perform 1 from comments.comment c
    where c.id = any(v_answered || array(
            select a.parent_id from comments.comment a where a.id = any(v_answered) and a.parent_id is not null))
    order by c.id for update;

  insert into comments.article (article_id, updated_at)
    select unnest(v_articles), v_now
    on conflict (article_id) do nothing;
  perform 1 from comments.article a where a.article_id = any(v_articles) order by a.article_id for update;

  -- One statement, so one snapshot taken after the locks: every check reads what committed before.
  return query
  with post as (
    select * from jsonb_to_recordset(p_posts) as b(
      ordinal integer, id uuid, article_id text, parent_id uuid, reader_id text, staff_id text,
      by_staff boolean, address_hash text, author_name text, author_verified boolean,
      author_email text, notify_on_reply boolean, locale text, body text, body_hash text,
      article_title text, article_url text, reasons text[], site_mode text, auto_close_days integer,
      event_id uuid, request_id text)
  ),
  -- Each post's lookups are lateral and limited: one index probe per post, never a hash of a table.
  judged as (
    select p.*, a.mode as article_mode,
      par.id as par_id, par.depth as par_depth, par.thread_id as par_thread, par.parent_id as par_parent,
      par.reader_id as par_reader, par.staff_id as par_staff, par.notify_on_reply as par_notify,
      par.author_email as par_email, par.author_name as par_name, par.locale as par_locale,
      case
        when p.by_staff or p.reader_id is null then null
        when ban.found then 'banned'
        when duplicate.found then 'duplicate'
        -- The reader's comments of this window are their count: exact under the reader's lock.
        when v_reader_limit > 0 and mine.posted >= v_reader_limit then 'rate_reader'
      end as reader_refusal,
      case
        when a.closed or (p.auto_close_days > 0 and a.first_comment_at is not null
               and v_now >= a.first_comment_at + make_interval(days => p.auto_close_days)) then 'closed'
        when p.parent_id is not null
             and (par.id is null or par.article_id <> p.article_id or par.status <> 'published')
          then 'parent_invalid'
      end as place_refusal,
      (not p.by_staff and p.address_hash is not null and v_address_limit > 0) as counts_address
    from post p
    join lateral (select * from comments.article a where a.article_id = p.article_id limit 1) a on true
    left join lateral (select * from comments.comment c where c.id = p.parent_id limit 1) par on true
    left join lateral (
      select true as found from comments.reader_ban rb
       where rb.reader_id = p.reader_id and (rb.until is null or rb.until > v_now) limit 1) ban on true
    left join lateral (
      select true as found from comments.comment c
       where v_duplicates_since is not null and c.reader_id = p.reader_id and c.body_hash = p.body_hash
         and c.created_at > v_duplicates_since limit 1) duplicate on true
    left join lateral (
      select count(*) as posted from (
        select 1 from comments.comment c
         where c.reader_id = p.reader_id and c.created_at >= v_window and not c.author_is_staff
         limit greatest(v_reader_limit, 0)) window_posts) mine on true
  ),
  hit as (
    insert into comments.rate_counter as rc (key, window_start, hits)
      select 'address:' || j.address_hash, v_window, 1 from judged j
       where j.counts_address and j.reader_refusal is null and j.place_refusal is null
      on conflict (key, window_start) do update set hits = rc.hits + 1 where rc.hits < v_address_limit
      returning rc.key
  ),
  decided as (
    select j.*, coalesce(
        j.reader_refusal,
        case when j.counts_address and (
               case when j.place_refusal is null
                 then not exists (select 1 from hit h where h.key = 'address:' || j.address_hash)
                 else coalesce((select rc.hits from comments.rate_counter rc
                                 where rc.key = 'address:' || j.address_hash and rc.window_start = v_window),
                               0) >= v_address_limit
               end)
             then 'rate_address' end,
        j.place_refusal) as refusal
    from judged j
  ),
  placed as (
    select d.*,
      case when d.parent_id is null then d.id else d.par_thread end as new_thread,
      case when d.parent_id is null then null::uuid
           when d.par_depth < v_max_depth then d.par_id
           else coalesce(d.par_parent, d.par_id) end as new_parent,
      case when d.parent_id is null then null::uuid else d.par_id end as new_reply_to,
      case when d.parent_id is null then 1::smallint
           when d.par_depth < v_max_depth then (d.par_depth + 1)::smallint
           else v_max_depth end as new_depth,
      case when d.by_staff then '{}'::text[]
           when coalesce(d.article_mode, d.site_mode) = 'pre' then array['pre_moderation'] || d.reasons
           else d.reasons end as new_reasons
    from decided d where d.refusal is null
  ),
  judged_status as (
    select pl.*, case when cardinality(pl.new_reasons) = 0 then 'published' else 'pending' end as new_status,
      case when cardinality(pl.new_reasons) = 0 then v_published else v_held end as event_name
    from placed pl
  ),
  -- The post's event: comment.published, telling the answered comment's author only if they asked and
  -- it is not their own reply (as publishedEvent() does for an approval), or comment.held with the reasons.
  evented as (
    select s.*,
      jsonb_build_object('id', s.event_id,
          'type', s.event_name->>'type',
          'version', (s.event_name->>'version')::integer,
          'occurredAt', p_rules->>'now',
          'data', case when s.new_status = 'published' then
              jsonb_build_object('commentId', s.id, 'articleId', s.article_id, 'parentId', s.new_parent,
                  'replyToId', s.new_reply_to, 'authorName', s.author_name)
              || case when coalesce(s.article_title, '') <> ''
                   then jsonb_build_object('articleTitle', s.article_title) else '{}'::jsonb end
              || case when coalesce(s.article_url, '') <> ''
                   then jsonb_build_object('articleUrl', s.article_url) else '{}'::jsonb end
              || case when s.parent_id is not null and s.par_notify and coalesce(s.par_email, '') <> ''
                        and not coalesce(s.par_reader = s.reader_id, false)
                        and not coalesce(s.par_staff = s.staff_id, false)
                   then jsonb_build_object('notify', jsonb_build_object('email', s.par_email,
                          'name', s.par_name, 'locale', case when s.par_locale = 'en' then 'en' else 'ru' end))
                   else '{}'::jsonb end
            else jsonb_build_object('commentId', s.id, 'articleId', s.article_id, 'reasons', to_jsonb(s.new_reasons))
          end)
        || case when s.request_id is not null then jsonb_build_object('requestId', s.request_id)
                else '{}'::jsonb end as event_envelope
    from judged_status s
  ),
  written as (
    insert into comments.comment (id, article_id, thread_id, parent_id, reply_to_id, depth, reader_id, staff_id,
        address_hash, author_name, author_verified, author_is_staff, author_email, notify_on_reply, locale,
        body, body_hash, status, hold_reasons, article_title, article_url, created_at, published_at)
      select e.id, e.article_id, e.new_thread, e.new_parent, e.new_reply_to, e.new_depth, e.reader_id, e.staff_id,
        e.address_hash, e.author_name, e.author_verified, e.by_staff, e.author_email, e.notify_on_reply, e.locale,
        e.body, e.body_hash, e.new_status, e.new_reasons, e.article_title, e.article_url, v_now,
        case when e.new_status = 'published' then v_now end
      from evented e
  ),
  counted as (
    update comments.article a
       set total = a.total + (select count(*) from evented e
                               where e.article_id = a.article_id and e.new_status = 'published'),
           first_comment_at = coalesce(a.first_comment_at, v_now), updated_at = v_now
     where a.article_id = any(array(select e.article_id from evented e))
  ),
  replied as (
    update comments.comment c
       set replies_count = c.replies_count + (select count(*) from evented e
                                               where e.new_parent = c.id and e.new_status = 'published')
     where c.id = any(array(select e.new_parent from evented e
                             where e.new_status = 'published' and e.new_parent is not null))
  ),
  recorded as (
    insert into comments.outbox_event (id, type, subject, payload, request_id, created_at)
      select e.event_id, e.event_name->>'type', e.event_name->>'subject', e.event_envelope, e.request_id, v_now
        from evented e
  )
  select d.ordinal, coalesce(d.refusal, 'ok'), e.new_status, e.new_thread, e.new_parent, e.new_reply_to,
         e.new_depth, e.new_reasons, case when e.new_status = 'published' then v_now end,
         e.par_reader, e.par_staff, e.par_notify, e.par_email, e.par_name, e.par_locale,
         e.event_id, e.event_name->>'subject', e.event_envelope
    from decided d left join evented e on e.ordinal = d.ordinal
   order by d.ordinal;
end
$fn$`;
