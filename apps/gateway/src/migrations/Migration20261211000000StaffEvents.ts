import { Migration } from '@mikro-orm/migrations';

/**
 * Staff accounts get a notification language, and every account that exists now is announced once
 * through the outbox (the messaging migrations created it), so the notifications service's staff
 * directory starts complete. From here on every create and delete records its own event.
 */
export class Migration20261211000000StaffEvents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table gateway.staff_account add column locale text not null default 'ru'`);
    this.addSql(`insert into gateway.outbox_event (id, type, subject, payload, created_at)
      select announced.id, 'staff.account_changed', 'events.staff.account_changed',
             jsonb_build_object(
               'id', announced.id,
               'type', 'staff.account_changed',
               'version', 1,
               'occurredAt', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'data', jsonb_build_object(
                 'staffId', announced.staff_id,
                 'email', announced.email,
                 'roles', to_jsonb(announced.roles),
                 'locale', announced.locale,
                 'deleted', false)),
             now()
        from (select gen_random_uuid() as id, id as staff_id, email, roles, locale
                from gateway.staff_account) as announced`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from gateway.outbox_event where type = 'staff.account_changed'`);
    this.addSql('alter table gateway.staff_account drop column locale');
  }
}
