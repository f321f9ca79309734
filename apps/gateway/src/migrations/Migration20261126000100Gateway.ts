import { Migration } from '@mikro-orm/migrations';

/** Staff accounts and the shared rate-limit counters. */
export class Migration20261126000100Gateway extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists gateway`);
    this.addSql(`create table gateway.staff_account (
      id uuid primary key,
      email text not null unique,
      password_hash text not null,
      roles text[] not null,
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create table gateway.rate_counter (
      key text not null,
      window_start timestamptz not null,
      hits integer not null,
      primary key (key, window_start)
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists gateway.rate_counter');
    this.addSql('drop table if exists gateway.staff_account');
  }
}
