import { IsInt, Max, Min } from 'class-validator';
import { ServiceEnv, ToInt } from '@app/runtime';

export class CommentsEnv extends ServiceEnv {
  /** Comments one reader may post per rate window; 0 turns the limit off. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(1000000)
  COMMENTS_PER_READER_PER_WINDOW = 5;

  /** Comments one client address may post per rate window (readers behind one NAT share it); 0: off. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(1000000)
  COMMENTS_PER_ADDRESS_PER_WINDOW = 20;

  /** Length of the fixed window both posting limits count in. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(86400)
  COMMENT_RATE_WINDOW_SECONDS = 60;

  /** The same body from the same reader within this many minutes is refused as a duplicate. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(1440)
  COMMENT_DUPLICATE_WINDOW_MINUTES = 10;

  /** How long one copy of the service uses the site settings it read before reading them again. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(60000)
  COMMENT_SETTINGS_TTL_MS = 1000;

  /** Replies shown per thread on a page of comments (repliesCount still counts them all). */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  COMMENT_REPLIES_PER_THREAD = 100;
}
