import { Migration } from '@mikro-orm/migrations';

/**
 * Submissions with their contact data encrypted (never in clear, never the tracking code), uploads in
 * progress, files stored as chunks, the conversation, notes, history, idempotency records and the
 * per-address counters.
 */
export class Migration20261130140000_reporter_schema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists reporter`);
    this.addSql(`create table reporter.submission (
      id uuid primary key,
      tracking_code_hash text not null,
      status text not null,
      locale text not null,
      category text null,
      title text not null,
      body text not null,
      contact_key_id text not null,
      contact_name text not null,
      contact_email text null,
      contact_phone text null,
      contact_location text null,
      confirmation_code text null,
      assignee_id text null,
      version integer not null default 1,
      received_at timestamptz not null,
      updated_at timestamptz not null,
      decided_at timestamptz null,
      constraint submission_tracking_code_hash_unique unique (tracking_code_hash)
    )`);
    // One index per desk filter (newest first by received_at, id), the retention sweep, and the
    // words searched in title and body.
    this.addSql(`create index submission_received_idx on reporter.submission (received_at, id)`);
    this.addSql(`create index submission_status_idx on reporter.submission (status, received_at, id)`);
    this.addSql(`create index submission_assignee_idx on reporter.submission (assignee_id, received_at, id)`);
    this.addSql(`create index submission_category_idx on reporter.submission (category, received_at, id)`);
    this.addSql(`create index submission_decided_idx on reporter.submission (decided_at)
      where status in ('rejected', 'spam')`);
    this.addSql(`create index submission_confirmation_idx on reporter.submission (received_at)
      where confirmation_code is not null`);
    this.addSql(`create index submission_search_idx on reporter.submission
      using gin (to_tsvector('simple', title || ' ' || body))`);

    this.addSql(`create table reporter.intake (
      id uuid primary key,
      owner_instance text not null,
      address_hash text not null,
      created_at timestamptz not null
    )`);
    this.addSql(`create index intake_created_idx on reporter.intake (created_at)`);
    this.addSql(`create index intake_owner_idx on reporter.intake (owner_instance)`);

    // Staged (intake_id set) while its upload goes on, linked (submission_id set) once completed.
    this.addSql(`create table reporter.attachment (
      id uuid primary key,
      intake_id uuid null,
      submission_id uuid null,
      file_index integer not null,
      file_name text not null,
      kind text null,
      size_bytes bigint not null default 0,
      sha256 text null,
      warning text null,
      complete boolean not null default false,
      created_at timestamptz not null
    )`);
    this.addSql(`create index attachment_intake_idx on reporter.attachment (intake_id)`);
    this.addSql(`create index attachment_submission_idx on reporter.attachment (submission_id, file_index)`);

    this.addSql(`create table reporter.attachment_chunk (
      attachment_id uuid not null,
      seq integer not null,
      offset_bytes bigint not null,
      data bytea not null,
      primary key (attachment_id, seq)
    )`);

    this.addSql(`create table reporter.message (
      id uuid primary key,
      submission_id uuid not null,
      author text not null,
      text text not null,
      created_at timestamptz not null
    )`);
    this.addSql(`create index message_submission_idx on reporter.message (submission_id, created_at)`);

    this.addSql(`create table reporter.note (
      id uuid primary key,
      submission_id uuid not null,
      staff_id text not null,
      text text not null,
      created_at timestamptz not null
    )`);
    this.addSql(`create index note_submission_idx on reporter.note (submission_id, created_at)`);

    this.addSql(`create table reporter.transition (
      id uuid primary key,
      submission_id uuid not null,
      staff_id text not null,
      from_status text not null,
      to_status text not null,
      message_id uuid null,
      created_at timestamptz not null
    )`);
    this.addSql(`create index transition_submission_idx on reporter.transition (submission_id, created_at)`);

    this.addSql(`create table reporter.idempotency_record (
      key_hash text primary key,
      fingerprint text not null,
      submission_id uuid not null,
      receipt_code text not null,
      received_at timestamptz not null,
      expires_at timestamptz not null
    )`);
    this.addSql(`create index idempotency_record_expires_idx on reporter.idempotency_record (expires_at)`);

    this.addSql(`create table reporter.rate_counter (
      key text not null,
      window_start timestamptz not null,
      hits integer not null,
      primary key (key, window_start)
    )`);
  }
}
