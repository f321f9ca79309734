import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Caller,
  NotificationPreferencesBody,
  NotificationPreferencesReply,
  STAFF_NOTICE_TYPES,
  StaffNoticeType,
} from '@app/contracts';
import { requireStaffMember } from '../access/caller-access';
import { DEFAULT_CHOICE } from '../domain/audience';

interface PreferenceRow {
  type: StaffNoticeType;
  in_app: boolean;
  email: boolean;
  telegram: boolean;
}

/** Which channels each kind of notice uses, per staff member; every channel until they choose. */
@Injectable()
export class PreferencesService {
  constructor(private readonly em: EntityManager) {}

  async get(caller: Caller): Promise<NotificationPreferencesReply> {
    const staffId = requireStaffMember(caller);
    const rows = await this.em
      .getConnection()
      .execute<PreferenceRow[]>(
        'select type, in_app, email, telegram from notifications.preference where staff_id = ?',
        [staffId],
      );
    const chosen = new Map(rows.map((row) => [row.type, row]));
    return {
      items: STAFF_NOTICE_TYPES.map((type) => {
        const row = chosen.get(type);
        return row
          ? { type, inApp: row.in_app, email: row.email, telegram: row.telegram }
          : { type, ...DEFAULT_CHOICE };
      }),
    };
  }

  async update(caller: Caller, body: NotificationPreferencesBody): Promise<NotificationPreferencesReply> {
    const staffId = requireStaffMember(caller);
    await this.em.fork().transactional(async (em) => {
      for (const item of body.items) {
        await em.getConnection().execute(
          `insert into notifications.preference (staff_id, type, in_app, email, telegram) values (?, ?, ?, ?, ?)
           on conflict (staff_id, type) do update
              set in_app = excluded.in_app, email = excluded.email, telegram = excluded.telegram`,
          [staffId, item.type, item.inApp, item.email, item.telegram],
          'run',
          em.getTransactionContext(),
        );
      }
    });
    return this.get(caller);
  }
}
