import { Migration } from '@mikro-orm/migrations';

/** The per-email login gate (failures and the earliest next attempt) and the addresses staff log in from. */
export class Migration20261201000100LoginThrottle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table gateway.login_email_gate (
      email_hash text primary key,
      failures integer not null,
      last_attempt_at timestamptz not null,
      next_attempt_at timestamptz not null
    )`);
    this.addSql(`create table gateway.login_known_address (
      pair_hash text primary key,
      last_success_at timestamptz not null
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists gateway.login_known_address');
    this.addSql('drop table if exists gateway.login_email_gate');
  }
}
