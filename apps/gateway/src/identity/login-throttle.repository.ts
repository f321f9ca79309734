import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { sqlIn } from '@app/persistence';
import { EmailGateTurn, LoginPolicy, takeEmailTurn } from './login.policy';

interface GateRow {
  failures: number;
  last_attempt_at: Date;
  next_attempt_at: Date;
}

/** The only code that touches the login gate tables (per-email gate, known addresses). */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly em: EntityManager) {}

  /** Takes the email's turn under a row lock, so parallel attempts are decided one after another. */
  takeEmailTurn(emailHash: string, now: Date, policy: LoginPolicy): Promise<EmailGateTurn> {
    return this.em.fork().transactional(async (em) => {
      // On the transaction's connection: the row lock must last until the commit.
      const run = sqlIn(em);
      await run(
        `insert into gateway.login_email_gate (email_hash, failures, last_attempt_at, next_attempt_at)
         values (?, 0, to_timestamp(0), to_timestamp(0)) on conflict (email_hash) do nothing`,
        [emailHash],
      );
      const [row] = await run<GateRow[]>(
        `select failures, last_attempt_at, next_attempt_at from gateway.login_email_gate
         where email_hash = ? for update`,
        [emailHash],
      );
      const turn = takeEmailTurn(
        row.failures === 0
          ? null
          : {
              failures: row.failures,
              lastAttemptAt: new Date(row.last_attempt_at),
              nextAttemptAt: new Date(row.next_attempt_at),
            },
        now,
        policy,
      );
      if (turn.allowed) {
        await run(
          `update gateway.login_email_gate set failures = ?, last_attempt_at = ?, next_attempt_at = ?
           where email_hash = ?`,
          [turn.next.failures, turn.next.lastAttemptAt, turn.next.nextAttemptAt, emailHash],
        );
      }
      return turn;
    });
  }

  /** Gives back the failure a successful attempt was counted as. */
  async giveBackEmailTurn(emailHash: string): Promise<void> {
    await this.em
      .getConnection()
      .execute(
        'update gateway.login_email_gate set failures = greatest(failures - 1, 0) where email_hash = ?',
        [emailHash],
      );
  }

  async isKnown(pairHash: string, since: Date): Promise<boolean> {
    const rows = await this.em
      .getConnection()
      .execute<unknown[]>(
        'select 1 from gateway.login_known_address where pair_hash = ? and last_success_at >= ?',
        [pairHash, since],
      );
    return rows.length > 0;
  }

  async remember(pairHash: string, now: Date): Promise<void> {
    await this.em.getConnection().execute(
      `insert into gateway.login_known_address (pair_hash, last_success_at) values (?, ?)
       on conflict (pair_hash) do update set last_success_at = excluded.last_success_at`,
      [pairHash, now],
    );
  }

  async purge(gateCutoff: Date, knownCutoff: Date): Promise<void> {
    const connection = this.em.getConnection();
    await connection.execute('delete from gateway.login_email_gate where last_attempt_at < ?', [gateCutoff]);
    await connection.execute('delete from gateway.login_known_address where last_success_at < ?', [
      knownCutoff,
    ]);
  }
}
