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

  /**
   * Posts written together in one statement and transaction at most (group commit, as votes are): a
   * burst of posts shares one round trip, one transaction and one WAL flush. As many as a gateway sends
   * in one message by default (COMMENT_POST_FORWARD_BATCH_MAX), so a message is one transaction.
   */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  COMMENT_POST_BATCH_MAX = 32;

  /** How long a post waits for others to share its write; 0 writes each post on its own. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(1000)
  COMMENT_POST_BATCH_DELAY_MS = 2;

  /** Post batches written at once (each holds one database connection while it runs). */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100)
  COMMENT_POST_BATCHES_IN_FLIGHT = 4;
}
