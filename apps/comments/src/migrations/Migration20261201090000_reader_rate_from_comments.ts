import { Migration } from '@mikro-orm/migrations';
import { POST_COMMENTS_FUNCTION } from './Migration20261130150000_post_comments';

/**
 * comments.post_comments counts a reader's posts of the current window from their comments instead of
 * a counter row: the reader's advisory lock, taken first, already makes that count exact at the edge,
 * and a reader's comments of a window are found through comment_reader_idx, which the duplicate check
 * reads anyway. A post no longer inserts (and the purge no longer deletes) a counter row per distinct
 * reader; the per-address limit keeps its counter rows, as nothing else serialises one address's posts.
 * Readers' counter rows of the window in progress when this applies are left to the purge.
 */
export class Migration20261201090000_reader_rate_from_comments extends Migration {
  override up(): void {
    this.addSql(POST_COMMENTS_FUNCTION_READER_COUNT);
  }

  override down(): void {
    this.addSql(POST_COMMENTS_FUNCTION.replace('create function', 'create or replace function'));
  }
}

export const POST_COMMENTS_FUNCTION_READER_COUNT = `
create or replace function comments.post_comments(p_posts jsonb, p_rules jsonb)
returns table (
  ordinal integer, outcome text, status text, thread_id uuid, parent_id uuid, reply_to_id uuid,
  depth smallint, hold_reasons text[], published_at timestamptz,
  answered_reader_id text, answered_staff_id text, answered_notify boolean, answered_email text,
  answered_name text, answered_locale text
)
language plpgsql
as $fn$
declare
  v_now timestamptz := (p_rules->>'now')::timestamptz;
  v_max_depth integer := (p_rules->>'maxDepth')::integer;
  v_window timestamptz := (p_rules->>'windowStart')::timestamptz;
  v_duplicates_since timestamptz := (p_rules->>'duplicatesSince')::timestamptz;
  v_reader text;
  p record;
  v_article record;
  v_parent record;
  v_taken integer;
  v_reasons text[];
  v_status text;
  v_thread uuid;
  v_parent_id uuid;
  v_reply_to uuid;
  v_depth smallint;
begin
  for v_reader in
    select distinct b.value->>'reader_id' from jsonb_array_elements(p_posts) b
     where b.value->>'reader_id' is not null and not (b.value->>'by_staff')::boolean order by 1
  loop
    perform pg_advisory_xact_lock(hashtextextended('comments.reader:' || v_reader, 0));
  end loop;

  -- A reply below the deepest level is stored under the answered comment's parent: both are locked.
  perform 1 from comments.comment c
    where c.id in (select (b.value->>'parent_id')::uuid from jsonb_array_elements(p_posts) b)
       or c.id in (select a.parent_id from comments.comment a
                    where a.id in (select (b.value->>'parent_id')::uuid from jsonb_array_elements(p_posts) b))
    order by c.id for update;

  insert into comments.article as a (article_id, updated_at)
    select distinct b.value->>'article_id', v_now from jsonb_array_elements(p_posts) b order by 1
    on conflict (article_id) do nothing;
  perform 1 from comments.article a
    where a.article_id in (select b.value->>'article_id' from jsonb_array_elements(p_posts) b)
    order by a.article_id for update;

  for p in
    select * from jsonb_to_recordset(p_posts) as b(
      ordinal integer, id uuid, article_id text, parent_id uuid, reader_id text, staff_id text,
      by_staff boolean, address_hash text, author_name text, author_verified boolean,
      author_email text, notify_on_reply boolean, locale text, body text, body_hash text,
      article_title text, article_url text, reasons text[], reader_limit integer, address_limit integer,
      site_mode text, auto_close_days integer)
    order by b.ordinal
  loop
    ordinal := p.ordinal; outcome := null;
    status := null; thread_id := null; parent_id := null; reply_to_id := null; depth := null;
    hold_reasons := null; published_at := null;
    answered_reader_id := null; answered_staff_id := null; answered_notify := null; answered_email := null;
    answered_name := null; answered_locale := null;

    if not p.by_staff and p.reader_id is not null and exists (
         select 1 from comments.reader_ban rb
          where rb.reader_id = p.reader_id and (rb.until is null or rb.until > v_now)) then
      outcome := 'banned'; return next; continue;
    end if;

    if not p.by_staff and p.reader_id is not null and v_duplicates_since is not null and exists (
         select 1 from comments.comment c
          where c.reader_id = p.reader_id and c.body_hash = p.body_hash and c.created_at > v_duplicates_since) then
      outcome := 'duplicate'; return next; continue;
    end if;

    -- The reader's comments of this window are their count: exact under the reader's lock taken above.
    if not p.by_staff and p.reader_id is not null and p.reader_limit > 0 and (
         select count(*) from (
           select 1 from comments.comment c
            where c.reader_id = p.reader_id and c.created_at >= v_window and not c.author_is_staff
            limit p.reader_limit) mine) >= p.reader_limit then
      outcome := 'rate_reader'; return next; continue;
    end if;
    if not p.by_staff and p.address_hash is not null and p.address_limit > 0 then
      insert into comments.rate_counter as rc (key, window_start, hits)
        values ('address:' || p.address_hash, v_window, 1)
        on conflict (key, window_start) do update set hits = rc.hits + 1 where rc.hits < p.address_limit
        returning rc.hits into v_taken;
      if not found then outcome := 'rate_address'; return next; continue; end if;
    end if;

    select a.closed, a.mode, a.first_comment_at into v_article
      from comments.article a where a.article_id = p.article_id;
    if v_article.closed or (p.auto_close_days > 0 and v_article.first_comment_at is not null
        and v_now >= v_article.first_comment_at + make_interval(days => p.auto_close_days)) then
      outcome := 'closed';
    end if;

    if outcome is distinct from 'closed' and p.parent_id is not null then
      select c.id, c.article_id, c.status, c.depth, c.thread_id, c.parent_id, c.reader_id, c.staff_id,
             c.notify_on_reply, c.author_email, c.author_name, c.locale
        into v_parent from comments.comment c where c.id = p.parent_id;
      if not found or v_parent.article_id <> p.article_id or v_parent.status <> 'published' then
        outcome := 'parent_invalid';
      end if;
    end if;

    if outcome in ('closed', 'parent_invalid') then
      -- The address hit taken for a post that is not written is given back.
      if not p.by_staff and p.address_hash is not null and p.address_limit > 0 then
        perform comments.give_back_hit('address:' || p.address_hash, v_window);
      end if;
      return next; outcome := null; continue;
    end if;

    if p.parent_id is null then
      v_thread := p.id; v_parent_id := null; v_reply_to := null; v_depth := 1;
    elsif v_parent.depth < v_max_depth then
      v_thread := v_parent.thread_id; v_parent_id := v_parent.id; v_reply_to := v_parent.id;
      v_depth := v_parent.depth + 1;
    else
      v_thread := v_parent.thread_id; v_parent_id := coalesce(v_parent.parent_id, v_parent.id);
      v_reply_to := v_parent.id; v_depth := v_max_depth;
    end if;

    v_reasons := case when p.by_staff then '{}'::text[]
                      when coalesce(v_article.mode, p.site_mode) = 'pre' then array['pre_moderation'] || p.reasons
                      else p.reasons end;
    v_status := case when cardinality(v_reasons) = 0 then 'published' else 'pending' end;

    insert into comments.comment (id, article_id, thread_id, parent_id, reply_to_id, depth, reader_id, staff_id,
        address_hash, author_name, author_verified, author_is_staff, author_email, notify_on_reply, locale,
        body, body_hash, status, hold_reasons, article_title, article_url, created_at, published_at)
      values (p.id, p.article_id, v_thread, v_parent_id, v_reply_to, v_depth, p.reader_id, p.staff_id,
        p.address_hash, p.author_name, p.author_verified, p.by_staff, p.author_email, p.notify_on_reply, p.locale,
        p.body, p.body_hash, v_status, v_reasons, p.article_title, p.article_url, v_now,
        case when v_status = 'published' then v_now end);

    update comments.article a
       set total = a.total + (case when v_status = 'published' then 1 else 0 end),
           first_comment_at = coalesce(a.first_comment_at, v_now), updated_at = v_now
     where a.article_id = p.article_id;
    if v_status = 'published' and v_parent_id is not null then
      update comments.comment c set replies_count = c.replies_count + 1 where c.id = v_parent_id;
    end if;

    outcome := 'ok'; status := v_status; thread_id := v_thread; parent_id := v_parent_id;
    reply_to_id := v_reply_to; depth := v_depth; hold_reasons := v_reasons;
    published_at := case when v_status = 'published' then v_now end;
    -- Who wrote the answered comment and whether they asked to hear of replies: the caller decides.
    if p.parent_id is not null then
      answered_reader_id := v_parent.reader_id; answered_staff_id := v_parent.staff_id;
      answered_notify := v_parent.notify_on_reply; answered_email := v_parent.author_email;
      answered_name := v_parent.author_name; answered_locale := v_parent.locale;
    end if;
    return next;
  end loop;
end
$fn$`;
