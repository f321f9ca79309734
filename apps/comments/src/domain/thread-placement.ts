import { COMMENT_LIMITS } from '@app/contracts';

export interface ThreadPosition {
  id: string;
  depth: number;
  threadId: string;
  parentId: string | null;
}

export interface ReplyPlacement {
  /** The comment it is stored under. */
  parentId: string;
  /** The comment actually answered (its author is the one told of the reply). */
  replyToId: string;
  depth: number;
  threadId: string;
}

/**
 * Where a reply to `answered` goes. Threads stop at depth 3: a reply to a depth-3 comment is stored
 * under that comment's parent, so it shows as a depth-3 reply right after it, and still remembers
 * which comment it answers.
 */
export function placeReply(answered: ThreadPosition): ReplyPlacement {
  if (answered.depth < COMMENT_LIMITS.maxDepth) {
    return {
      parentId: answered.id,
      replyToId: answered.id,
      depth: answered.depth + 1,
      threadId: answered.threadId,
    };
  }
  return {
    parentId: answered.parentId ?? answered.id,
    replyToId: answered.id,
    depth: COMMENT_LIMITS.maxDepth,
    threadId: answered.threadId,
  };
}
