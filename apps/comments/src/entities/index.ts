import { Article } from './article.entity';
import { Comment } from './comment.entity';
import { Decision } from './decision.entity';
import { Flag } from './flag.entity';
import { RateCounter } from './rate-counter.entity';
import { Reaction } from './reaction.entity';
import { ReaderBan } from './reader-ban.entity';
import { SiteSettings } from './site-settings.entity';

export { Article, Comment, Decision, Flag, RateCounter, Reaction, ReaderBan, SiteSettings };

export const COMMENTS_ENTITIES = [
  Article,
  Comment,
  Decision,
  Flag,
  RateCounter,
  Reaction,
  ReaderBan,
  SiteSettings,
];
