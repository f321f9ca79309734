import { ArrayType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { ModerationMode } from '@app/contracts';

/** The site's moderation settings: one row (id 1), created by the migration with the defaults. */
@Entity({ tableName: 'site_settings' })
export class SiteSettings {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'text' })
  mode!: ModerationMode;

  @Property({ type: ArrayType, columnType: 'text[]' })
  bannedWords!: string[];

  @Property({ type: ArrayType, columnType: 'text[]' })
  suspectWords!: string[];

  @Property({ type: 'integer' })
  maxLinks!: number;

  @Property({ type: 'integer' })
  editWindowMinutes!: number;

  @Property({ type: 'integer' })
  autoCloseDays!: number;

  @Property({ type: 'integer' })
  flagThreshold!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt!: Date;
}
