import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role, StaffAccountChangedV1, StaffLocale, StaffNoticeType } from '@app/contracts';
import { sqlIn } from '@app/persistence';
import { ChannelChoice } from '../domain/audience';

/** A staff member who may be told something, with their choice for the kind of notice at hand. */
export interface StaffRecipient {
  staffId: string;
  email: string;
  roles: Role[];
  locale: StaffLocale;
  telegramChatId: string | null;
  choice?: ChannelChoice;
}

interface RecipientRow {
  staff_id: string;
  email: string;
  roles: Role[];
  locale: StaffLocale;
  telegram_chat_id: string | null;
  in_app: boolean | null;
  email_on: boolean | null;
  telegram: boolean | null;
}

function recipientOf(row: RecipientRow): StaffRecipient {
  return {
    staffId: row.staff_id,
    email: row.email,
    roles: row.roles,
    locale: row.locale,
    telegramChatId: row.telegram_chat_id,
    ...(row.in_app === null
      ? {}
      : { choice: { inApp: row.in_app, email: Boolean(row.email_on), telegram: Boolean(row.telegram) } }),
  };
}

const SELECT_RECIPIENTS = `select r.staff_id, r.email, r.roles, r.locale, r.telegram_chat_id,
         p.in_app, p.email as email_on, p.telegram
    from notifications.recipient r
    left join notifications.preference p on p.staff_id = r.staff_id and p.type = ?
   where not r.deleted`;

/** The staff directory the gateway's staff.account_changed events keep; the only code that reads it. */
export const StaffDirectory = {
  /**
   * Applies an announcement unless a later one was applied already (events of one account may arrive
   * out of order). A deletion keeps the row, marked, so a late "created" cannot bring it back.
   */
  async apply(em: EntityManager, event: StaffAccountChangedV1, occurredAt: Date): Promise<void> {
    await sqlIn(em)(
      `insert into notifications.recipient (staff_id, email, roles, locale, deleted, changed_at)
       values (?, ?, ?, ?, ?, ?)
       on conflict (staff_id) do update
          set email = excluded.email, roles = excluded.roles, locale = excluded.locale,
              deleted = excluded.deleted, changed_at = excluded.changed_at,
              telegram_chat_id = case when excluded.deleted then null else recipient.telegram_chat_id end
        where recipient.changed_at <= excluded.changed_at`,
      [event.staffId, event.email, `{${event.roles.join(',')}}`, event.locale, event.deleted, occurredAt],
    );
  },

  /** Everyone in the directory with their choice for `type` (the caller filters by role). */
  async everyone(em: EntityManager, type: StaffNoticeType): Promise<StaffRecipient[]> {
    const rows = await sqlIn(em)<RecipientRow[]>(SELECT_RECIPIENTS, [type]);
    return rows.map(recipientOf);
  },

  /** The admins in the directory, for what they must be told whatever they chose. */
  async admins(em: EntityManager): Promise<{ staffId: string; locale: StaffLocale }[]> {
    const rows = await sqlIn(em)<{ staff_id: string; locale: StaffLocale }[]>(
      `select staff_id, locale from notifications.recipient where not deleted and 'admin' = any(roles)`,
    );
    return rows.map((row) => ({ staffId: row.staff_id, locale: row.locale }));
  },

  async one(em: EntityManager, staffId: string, type: StaffNoticeType): Promise<StaffRecipient | undefined> {
    const rows = await sqlIn(em)<RecipientRow[]>(`${SELECT_RECIPIENTS} and r.staff_id = ?`, [type, staffId]);
    return rows.length > 0 ? recipientOf(rows[0]) : undefined;
  },
};
