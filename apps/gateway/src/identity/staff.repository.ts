import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { eventOf, Role, StaffAccountChangedV1, StaffLocale } from '@app/contracts';
import { recordEvent } from '@app/messaging';
import { sqlIn } from '@app/persistence';
import { StaffAccount } from './entities/staff-account.entity';

interface AnnouncedAccount {
  id: string;
  email: string;
  roles: Role[];
  locale: StaffLocale;
}

/** Every change to an account is announced in the same transaction (the notifications' staff directory). */
function announce(em: EntityManager, account: AnnouncedAccount, deleted: boolean): void {
  recordEvent(
    em,
    eventOf(StaffAccountChangedV1, {
      staffId: account.id,
      email: account.email,
      roles: account.roles,
      locale: account.locale,
      deleted,
    }),
  );
}

export class StaffEmailTakenError extends Error {}

/** The only code that touches staff accounts in the database. */
@Injectable()
export class StaffRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<StaffAccount | null> {
    return this.em.fork().findOne(StaffAccount, { id });
  }

  findByEmailWithPassword(email: string): Promise<StaffAccount | null> {
    return this.em.fork().findOne(StaffAccount, { email }, { populate: ['passwordHash'] });
  }

  list(): Promise<StaffAccount[]> {
    return this.em.fork().find(StaffAccount, {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 1000 });
  }

  async create(
    email: string,
    passwordHash: string,
    roles: Role[],
    locale: StaffLocale,
  ): Promise<StaffAccount> {
    const em = this.em.fork();
    const account = em.create(StaffAccount, { email, passwordHash, roles, locale, createdAt: new Date() });
    try {
      await em.transactional(async (tx) => {
        tx.persist(account);
        announce(tx, account, false);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new StaffEmailTakenError(email);
      throw error;
    }
    return account;
  }

  /** Creates the account unless one with this email exists; true when it was created. */
  async createIfAbsent(email: string, passwordHash: string, roles: Role[]): Promise<boolean> {
    return this.em.fork().transactional(async (em) => {
      const rows = await sqlIn(em)<{ id: string; locale: StaffLocale }[]>(
        `insert into gateway.staff_account (id, email, password_hash, roles) values (gen_random_uuid(), ?, ?, ?)
         on conflict (email) do nothing returning id, locale`,
        [email, passwordHash, `{${roles.join(',')}}`],
      );
      if (rows.length === 0) return false;
      announce(em, { id: rows[0].id, email, roles, locale: rows[0].locale }, false);
      return true;
    });
  }

  /**
   * Gives an account new roles, unless that takes the admin role from the last admin; under the same
   * lock as deleting, so two admins demoting each other at once cannot leave the suite without one.
   */
  async updateRolesUnlessLastAdmin(
    id: string,
    roles: Role[],
  ): Promise<StaffAccount | 'missing' | 'last_admin'> {
    return this.em.fork().transactional(async (em) => {
      const run = sqlIn(em);
      await run(`select pg_advisory_xact_lock(hashtext('gateway:staff-admins'))`);
      const account = await em.findOne(StaffAccount, { id });
      if (!account) return 'missing';
      if (account.roles.includes('admin') && !roles.includes('admin')) {
        const admins = await run<{ count: string }[]>(
          `select count(*) as count from gateway.staff_account where 'admin' = any(roles)`,
        );
        if (Number(admins[0].count) <= 1) return 'last_admin';
      }
      account.roles = roles;
      announce(em, account, false);
      return account;
    });
  }

  /**
   * Deletes an account unless it is the last admin; in one statement, so two admins deleting each other
   * at once cannot leave the suite without one. Returns 'deleted', 'missing' or 'last_admin'.
   */
  async deleteUnlessLastAdmin(id: string): Promise<'deleted' | 'missing' | 'last_admin'> {
    return this.em.fork().transactional(async (em) => {
      // On the transaction's connection: the advisory lock must last until the commit.
      const run = sqlIn(em);
      await run(`select pg_advisory_xact_lock(hashtext('gateway:staff-admins'))`);
      const target = await run<{ email: string; roles: Role[]; locale: StaffLocale }[]>(
        'select email, roles, locale from gateway.staff_account where id = ?',
        [id],
      );
      if (target.length === 0) return 'missing';
      if (target[0].roles.includes('admin')) {
        const admins = await run<{ count: string }[]>(
          `select count(*) as count from gateway.staff_account where 'admin' = any(roles)`,
        );
        if (Number(admins[0].count) <= 1) return 'last_admin';
      }
      await run('delete from gateway.staff_account where id = ?', [id]);
      announce(em, { id, ...target[0] }, true);
      return 'deleted';
    });
  }
}
