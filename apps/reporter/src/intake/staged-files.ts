import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { sqlIn } from '@app/persistence';
import { ATTACHMENT_STORAGE, AttachmentStorage } from '../storage/attachment-storage';

/**
 * Deletes uploads with everything staged for them, in one transaction: the intake row, its attachment
 * rows, then their bytes. A chunk being written holds a key-share lock on its attachment row, so it is
 * either stored before the row goes (and its bytes are seen and deleted by the later statement) or
 * refused because the row is gone.
 */
@Injectable()
export class StagedFiles {
  constructor(
    private readonly em: EntityManager,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
  ) {}

  /** Returns how many files were deleted. */
  discardIntakes(intakeIds: readonly string[]): Promise<number> {
    if (intakeIds.length === 0) return Promise.resolve(0);
    return this.em.fork().transactional((em) => this.discardIn(em, intakeIds));
  }

  async discardIn(em: EntityManager, intakeIds: readonly string[]): Promise<number> {
    const ids = `{${intakeIds.join(',')}}`;
    const run = sqlIn(em);
    await run(`delete from reporter.intake where id = any(?::uuid[])`, [ids]);
    const gone = await run<{ id: string }[]>(
      `delete from reporter.attachment where intake_id = any(?::uuid[]) returning id`,
      [ids],
    );
    await this.storage.delete(
      gone.map((row) => row.id),
      em,
    );
    return gone.length;
  }
}
