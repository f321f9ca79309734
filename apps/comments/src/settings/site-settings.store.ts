import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommentSettingsChange, CommentSettingsView } from '@app/contracts';
import { CommentsEnv } from '../comments.config';
import { SiteSettings } from '../entities';
import { compileWordFilter, WordFilter } from '../domain/word-filter';

const SITE = 1;

export interface CurrentSettings {
  settings: CommentSettingsView;
  filter: WordFilter;
}

const viewOf = (row: SiteSettings): CommentSettingsView => ({
  mode: row.mode,
  bannedWords: [...row.bannedWords],
  suspectWords: [...row.suspectWords],
  maxLinks: row.maxLinks,
  editWindowMinutes: row.editWindowMinutes,
  autoCloseDays: row.autoCloseDays,
  flagThreshold: row.flagThreshold,
});

/**
 * The site's moderation settings with their word filter compiled once. Every post needs them, so a
 * copy is reused for COMMENT_SETTINGS_TTL_MS; this process sees its own changes at once.
 */
@Injectable()
export class SiteSettingsStore {
  private cached?: { value: CurrentSettings; readAt: number };

  constructor(
    private readonly em: EntityManager,
    private readonly config: CommentsEnv,
  ) {}

  async current(): Promise<CurrentSettings> {
    const now = Date.now();
    if (this.cached && now - this.cached.readAt < this.config.COMMENT_SETTINGS_TTL_MS)
      return this.cached.value;
    const row = await this.em.fork().findOneOrFail(SiteSettings, { id: SITE });
    return this.remember(row, now);
  }

  async update(change: CommentSettingsChange): Promise<CommentSettingsView> {
    const row = await this.em.fork().transactional(async (em) => {
      const settings = await em.findOneOrFail(SiteSettings, { id: SITE });
      em.assign(settings, { ...definedOnly(change), updatedAt: new Date() });
      return settings;
    });
    return this.remember(row, Date.now()).settings;
  }

  private remember(row: SiteSettings, readAt: number): CurrentSettings {
    const settings = viewOf(row);
    const value = {
      settings,
      filter: compileWordFilter({ banned: settings.bannedWords, suspect: settings.suspectWords }),
    };
    this.cached = { value, readAt };
    return value;
  }
}

function definedOnly<T extends object>(change: T): Partial<T> {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<T>;
}
