import { Migration } from '@mikro-orm/migrations';

/** Comments, their reactions, flags and decisions, bans, settings, per-article state and rate counters. */
export class Migration20261130120000_comments_schema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists comments`);
    this.addSql(`create table comments.comment (
      id uuid primary key,
      article_id text not null,
      thread_id uuid not null,
      parent_id uuid null,
      reply_to_id uuid null,
      depth smallint not null,
      reader_id text null,
      staff_id text null,
      address_hash text null,
      author_name text not null,
      author_verified boolean not null default false,
      author_is_staff boolean not null default false,
      author_email text null,
      notify_on_reply boolean not null default false,
      locale text not null default 'ru',
      body text not null,
      body_hash text not null,
      status text not null,
      hold_reasons text[] not null default '{}',
      featured boolean not null default false,
      likes integer not null default 0,
      flags_count integer not null default 0,
      replies_count integer not null default 0,
      article_title text null,
      article_url text null,
      created_at timestamptz not null,
      edited_at timestamptz null,
      published_at timestamptz null
    )`);
    // One index per list query: the public pages (newest/oldest, top), replies of a page's threads,
    // the moderation queues, and a reader's own comments (duplicates, erasure).
    this.addSql(`create index comment_top_level_recent_idx on comments.comment (article_id, created_at, id)
      where parent_id is null and status in ('published', 'deleted')`);
    this
      .addSql(`create index comment_top_level_liked_idx on comments.comment (article_id, likes, created_at, id)
      where parent_id is null and status in ('published', 'deleted')`);
    this.addSql(`create index comment_thread_idx on comments.comment (thread_id, created_at, id)
      where parent_id is not null`);
    this.addSql(`create index comment_status_idx on comments.comment (status, created_at, id)`);
    this.addSql(
      `create index comment_flagged_idx on comments.comment (created_at, id) where flags_count > 0`,
    );
    this.addSql(`create index comment_created_idx on comments.comment (created_at, id)`);
    this.addSql(`create index comment_reader_idx on comments.comment (reader_id, created_at)`);

    this.addSql(`create table comments.reaction (
      comment_id uuid not null,
      reader_id text not null,
      type text not null,
      created_at timestamptz not null,
      primary key (comment_id, reader_id)
    )`);
    this.addSql(`create table comments.flag (
      comment_id uuid not null,
      reader_id text not null,
      reason text not null,
      note text null,
      created_at timestamptz not null,
      primary key (comment_id, reader_id)
    )`);
    this.addSql(`create table comments.decision (
      id uuid primary key,
      comment_id uuid not null,
      action text not null,
      reason text null,
      moderator_id text not null,
      decided_at timestamptz not null
    )`);
    this.addSql(`create index decision_comment_idx on comments.decision (comment_id, decided_at)`);
    this.addSql(`create table comments.reader_ban (
      reader_id text primary key,
      until timestamptz null,
      reason text not null,
      banned_by text not null,
      banned_at timestamptz not null
    )`);
    this.addSql(`create table comments.site_settings (
      id integer primary key,
      mode text not null,
      banned_words text[] not null,
      suspect_words text[] not null,
      max_links integer not null,
      edit_window_minutes integer not null,
      auto_close_days integer not null,
      flag_threshold integer not null,
      updated_at timestamptz not null
    )`);
    this.addSql(`insert into comments.site_settings
      (id, mode, banned_words, suspect_words, max_links, edit_window_minutes, auto_close_days, flag_threshold, updated_at)
      values (1, 'post', '{}', '{}', 2, 15, 30, 3, now())`);
    this.addSql(`create table comments.article (
      article_id text primary key,
      closed boolean not null default false,
      mode text null,
      total integer not null default 0,
      first_comment_at timestamptz null,
      updated_at timestamptz not null
    )`);
    this.addSql(`create table comments.rate_counter (
      key text not null,
      window_start timestamptz not null,
      hits integer not null,
      primary key (key, window_start)
    )`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'rate_counter',
      'article',
      'site_settings',
      'reader_ban',
      'decision',
      'flag',
      'reaction',
      'comment',
    ]) {
      this.addSql(`drop table if exists comments.${table}`);
    }
  }
}
