import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { UnsubscribeReply, ValidationFailedError } from '@app/contracts';
import { sqlIn } from '@app/persistence';
import { UnsubscribeTokens } from '../domain/unsubscribe-token';

/**
 * RFC 8058 one-click unsubscribe: the signed token is the whole authority. It takes effect at once:
 * what is still waiting to be sent to that reader is cancelled in the same transaction.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly em: EntityManager,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  async unsubscribe(token: string): Promise<UnsubscribeReply> {
    const emailHash = this.tokens.verify(token);
    if (!emailHash) {
      throw new ValidationFailedError(
        [{ field: 'token', message: 'token is not a valid unsubscribe token' }],
        'The unsubscribe link is not valid.',
      );
    }
    await this.em.fork().transactional(async (em) => {
      const run = sqlIn(em);
      await run(
        `insert into notifications.unsubscribed (email_hash, created_at) values (?, now())
         on conflict (email_hash) do nothing`,
        [emailHash],
      );
      await run(
        `update notifications.delivery
            set status = 'cancelled', address = null, params = '{}'::jsonb, last_detail = 'the reader unsubscribed'
          where recipient_key = ? and status = 'pending'`,
        [`reader:${emailHash}`],
      );
    });
    return { unsubscribed: true };
  }
}
