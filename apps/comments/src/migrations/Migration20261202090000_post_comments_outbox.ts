import { Migration } from '@mikro-orm/migrations';
import { POST_COMMENTS_FUNCTION_READER_COUNT } from './Migration20261201090000_reader_rate_from_comments';

/**
 * comments.post_comments records each written post's event in the outbox itself and returns it, so a
 * batch of posts is one statement in its own transaction: no BEGIN, no outbox insert through the unit
 * of work, no COMMIT, one round trip to PostgreSQL instead of four. The event's type, version and
 * subject come from the contracts (the caller passes them in the rules); the rule of who hears of a
 * reply is publishedEvent()'s, which an integration test holds the two to.
 */
export class Migration20261202090000_post_comments_outbox extends Migration {
  override up(): void {
    // The returned columns change: the function is replaced, not redefined.
    this.addSql(`drop function comments.post_comments(jsonb, jsonb)`);
    this.addSql(POST_COMMENTS_FUNCTION_WITH_EVENTS);
  }

  override down(): void {
    this.addSql(`drop function comments.post_comments(jsonb, jsonb)`);
    this.addSql(POST_COMMENTS_FUNCTION_READER_COUNT.replace('create or replace function', 'create function'));
  }
}

/** The function's signature and the row it answers per post, kept by the versions that follow. */
export const POST_COMMENTS_SIGNATURE = `create function comments.post_comments(p_posts jsonb, p_rules jsonb)
returns table (
  ordinal integer, outcome text, status text, thread_id uuid, parent_id uuid, reply_to_id uuid,
  depth smallint, hold_reasons text[], published_at timestamptz,
  answered_reader_id text, answered_staff_id text, answered_notify boolean, answered_email text,
  answered_name text, answered_locale text, event_id uuid, event_subject text, event_payload jsonb
)`;

export const POST_COMMENTS_FUNCTION_WITH_EVENTS = `
${POST_COMMENTS_SIGNATURE}
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
  v_data jsonb;
  v_event jsonb;
  v_published jsonb := p_rules->'publishedEvent';
  v_held jsonb := p_rules->'heldEvent';
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
      site_mode text, auto_close_days integer, event_id uuid, request_id text)
    order by b.ordinal
  loop
    ordinal := p.ordinal; outcome := null;
    status := null; thread_id := null; parent_id := null; reply_to_id := null; depth := null;
    hold_reasons := null; published_at := null;
    answered_reader_id := null; answered_staff_id := null; answered_notify := null; answered_email := null;
    answered_name := null; answered_locale := null;
    event_id := null; event_subject := null; event_payload := null;

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
    if p.parent_id is not null then
      answered_reader_id := v_parent.reader_id; answered_staff_id := v_parent.staff_id;
      answered_notify := v_parent.notify_on_reply; answered_email := v_parent.author_email;
      answered_name := v_parent.author_name; answered_locale := v_parent.locale;
    end if;

    -- The post's event, in this statement's transaction: comment.published, telling the answered
    -- comment's author only if they asked and it is not their own reply (as publishedEvent() does for
    -- an approval), or comment.held with the reasons.
    if v_status = 'published' then
      v_event := v_published;
      v_data := jsonb_build_object('commentId', p.id, 'articleId', p.article_id, 'parentId', v_parent_id,
          'replyToId', v_reply_to, 'authorName', p.author_name)
        || case when coalesce(p.article_title, '') <> ''
             then jsonb_build_object('articleTitle', p.article_title) else '{}'::jsonb end
        || case when coalesce(p.article_url, '') <> ''
             then jsonb_build_object('articleUrl', p.article_url) else '{}'::jsonb end;
      -- v_parent is unassigned for a top-level comment: it is read only under this test.
      if p.parent_id is not null then
        if v_parent.notify_on_reply and coalesce(v_parent.author_email, '') <> ''
            and not coalesce(v_parent.reader_id = p.reader_id, false)
            and not coalesce(v_parent.staff_id = p.staff_id, false) then
          v_data := v_data || jsonb_build_object('notify', jsonb_build_object('email', v_parent.author_email,
            'name', v_parent.author_name, 'locale', case when v_parent.locale = 'en' then 'en' else 'ru' end));
        end if;
      end if;
    else
      v_event := v_held;
      v_data := jsonb_build_object('commentId', p.id, 'articleId', p.article_id, 'reasons', to_jsonb(v_reasons));
    end if;
    event_id := p.event_id; event_subject := v_event->>'subject';
    event_payload := jsonb_build_object('id', p.event_id, 'type', v_event->>'type',
        'version', (v_event->>'version')::integer, 'occurredAt', p_rules->>'now', 'data', v_data)
      || case when p.request_id is not null then jsonb_build_object('requestId', p.request_id) else '{}'::jsonb end;
    insert into comments.outbox_event (id, type, subject, payload, request_id, created_at)
      values (p.event_id, v_event->>'type', event_subject, event_payload, p.request_id, v_now);
    return next;
  end loop;
end
$fn$`;
