import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Caller,
  COMMENT_LIMITS,
  CommentAuthorBannedError,
  CommentAuthorNameRequiredError,
  CommentBannedWordError,
  CommentHeldV1,
  CommentParentInvalidError,
  CommentPublishedV1,
  CommentsClosedError,
  CommentView,
  DuplicateCommentError,
  eventOf,
  eventSubject,
  eventTypeOf,
  NewComment,
  PostCommentReply,
  PostCommentRequest,
  PostCommentsReply,
  PostCommentsRequest,
  RateLimitedError,
  ReaderRequiredError,
} from '@app/contracts';
import { answerEach, OutboxRelay } from '@app/messaging';
import { batchFailureOf, errorSummary, GroupCommit } from '@app/persistence';
import { requestContext } from '@app/runtime';
import { isModerator } from '../access/caller-access';
import { CommentsEnv } from '../comments.config';
import { CommentSignals } from '../comment.signals';
import { holdReasonsFor } from '../domain/hold-reasons';
import { countLinks } from '../domain/link-count';
import { roundsOf } from '../domain/post-rounds';
import { rateWindowStart, retryAfterSeconds } from '../domain/rate-window';
import { RateCounter } from '../entities';
import {
  AnsweredAuthor,
  EventName,
  NewPost,
  PostOutcome,
  postingKeysOf,
  writePosts,
} from '../repositories/posting.repository';
import { SiteSettingsStore } from '../settings/site-settings.store';

export const STAFF_DEFAULT_NAME = 'Редакция';

/** Runs of a batch that a deadlock or serialization failure rolled back, before its posts fail. */
const BATCH_ATTEMPTS = 3;

export function bodyHashOf(body: string): string {
  return createHash('sha256').update(body).digest('base64url');
}

/** The events the posting statement records, named as their contract classes declare them. */
const eventNameOf = (eventClass: typeof CommentPublishedV1 | typeof CommentHeldV1): EventName => {
  const { type, version } = eventTypeOf(eventClass);
  return { type, version, subject: eventSubject(type) };
};
const PUBLISHED_EVENT = eventNameOf(CommentPublishedV1);
const HELD_EVENT = eventNameOf(CommentHeldV1);

interface WrittenPost {
  post: NewPost;
  outcome: PostOutcome;
  at: Date;
}

/**
 * A reader's (or the newsroom's) new comment, with every rule a post must pass. What needs no database
 * (author, words, links) is decided here; bans, duplicates, rate limits, closing, the answered comment
 * and the article's mode are decided by the database for a whole batch of concurrent posts in one
 * statement (group commit, as votes are), which also records each post's event in the outbox: the
 * statement is the transaction, and its events go to the relay as soon as it returns.
 */
@Injectable()
export class CommentPostingService {
  private readonly logger = new Logger('CommentPostingService');
  private readonly batches: GroupCommit<NewPost, WrittenPost>;
  private purgedBefore?: Date;

  constructor(
    private readonly em: EntityManager,
    private readonly config: CommentsEnv,
    private readonly settingsStore: SiteSettingsStore,
    private readonly signals: CommentSignals,
    private readonly relay: OutboxRelay,
  ) {
    this.batches = new GroupCommit(
      {
        maxSize: config.COMMENT_POST_BATCH_MAX,
        maxDelayMs: config.COMMENT_POST_BATCH_DELAY_MS,
        maxInFlight: config.COMMENT_POST_BATCHES_IN_FLIGHT,
      },
      (posts) => this.writeBatch(posts),
    );
  }

  async post({ caller, articleId, comment: input }: PostCommentRequest): Promise<PostCommentReply> {
    const byStaff = isModerator(caller);
    if (!caller.readerId && !byStaff) throw new ReaderRequiredError();
    const authorName = this.authorNameOf(caller, input, byStaff);
    const { settings, filter } = await this.settingsStore.current();
    const words = filter.check(`${authorName}\n${input.body}`);
    if (words.banned) throw new CommentBannedWordError();
    const post: NewPost = {
      id: randomUUID(),
      articleId,
      parentId: input.parentId ?? null,
      readerId: caller.readerId ?? null,
      staffId: byStaff ? (caller.staffId ?? null) : null,
      byStaff,
      addressHash: caller.addressHash ?? null,
      authorName,
      authorVerified: !byStaff && Boolean(caller.portalName),
      authorEmail: input.authorEmail ?? null,
      notifyOnReply: Boolean(input.notifyOnReply && input.authorEmail),
      locale: input.locale ?? 'ru',
      body: input.body,
      bodyHash: bodyHashOf(input.body),
      articleTitle: input.articleTitle ?? null,
      articleUrl: input.articleUrl ?? null,
      // Pre-moderation is the article's to say, under its lock: only the text's reasons are known here.
      reasons: holdReasonsFor({
        mode: 'post',
        suspectWord: words.suspect,
        links: countLinks(input.body),
        maxLinks: settings.maxLinks,
        byStaff,
      }),
      siteMode: settings.mode,
      autoCloseDays: settings.autoCloseDays,
      eventId: randomUUID(),
      requestId: requestContext.requestId() ?? null,
    };
    const { outcome, at } = await this.batches.submit(post);
    if (outcome.kind === 'refused') this.refuse(outcome.refusal, at);
    if (outcome.status === 'published') this.signals.changed(articleId);
    else this.signals.queuesChanged();
    await this.forgetPastWindows(at);
    return { comment: viewOf(post, outcome, at), status: outcome.status };
  }

  /**
   * The posts of one message, each judged as if it came alone; they reach the group commit together.
   * A post's failure is its own answer, as a plain post's would be.
   */
  async postMany({ posts }: PostCommentsRequest): Promise<PostCommentsReply> {
    return { outcomes: await answerEach(posts, (request) => this.post(request), this.logger) };
  }

  private refuse(refusal: Extract<PostOutcome, { kind: 'refused' }>['refusal'], at: Date): never {
    switch (refusal) {
      case 'banned':
        throw new CommentAuthorBannedError();
      case 'duplicate':
        throw new DuplicateCommentError();
      case 'rate_reader':
      case 'rate_address':
        throw new RateLimitedError(
          'Too many comments. Try again later.',
          retryAfterSeconds(at, this.config.COMMENT_RATE_WINDOW_SECONDS),
        );
      case 'closed':
        throw new CommentsClosedError();
      case 'parent_invalid':
        throw new CommentParentInvalidError();
    }
  }

  /**
   * Writes a batch round by round (a reader's or an address's second post in a later round than its
   * first, see `postingKeysOf`), each round with its events in one transaction. A round that fails
   * fails its own posts only.
   */
  private async writeBatch(posts: NewPost[]): Promise<PromiseSettledResult<WrittenPost>[]> {
    const settled = new Map<NewPost, PromiseSettledResult<WrittenPost>>();
    const addressLimited = this.config.COMMENTS_PER_ADDRESS_PER_WINDOW > 0;
    for (const round of roundsOf(posts, (post) => postingKeysOf(post, addressLimited))) {
      const results = await this.writeRound(round).catch((reason: unknown) =>
        round.map((): PromiseRejectedResult => ({ status: 'rejected', reason })),
      );
      round.forEach((post, index) => settled.set(post, results[index]));
    }
    return posts.map((post) => settled.get(post)!);
  }

  /**
   * Only a round the database rolled back is run again: as a whole after a deadlock or serialization
   * failure, post by post after any other refusal, so one bad post does not fail the others. A lost
   * answer fails every post of the round: it may have been written, so it is never reported as
   * written, nor written twice.
   */
  private async writeRound(posts: NewPost[]): Promise<PromiseSettledResult<WrittenPost>[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const written = await this.writeStatement(posts);
        return written.map((value) => ({ status: 'fulfilled', value }));
      } catch (error) {
        const failure = batchFailureOf(error);
        if (failure === 'conflict' && attempt < BATCH_ATTEMPTS) continue;
        if (failure === 'refused' && posts.length > 1) {
          this.logger.warn(
            `a round of ${posts.length} comments was refused, writing them one by one: ${errorSummary(error)}`,
          );
          return Promise.allSettled(posts.map((post) => this.writeStatement([post]).then(([one]) => one)));
        }
        throw error;
      }
    }
  }

  private async writeStatement(posts: NewPost[]): Promise<WrittenPost[]> {
    const now = new Date();
    const duplicateMinutes = this.config.COMMENT_DUPLICATE_WINDOW_MINUTES;
    // One statement outside any transaction of ours: it commits on its own, events included.
    const outcomes = await writePosts(this.em.fork(), posts, {
      now,
      maxDepth: COMMENT_LIMITS.maxDepth,
      windowStart: rateWindowStart(now, this.config.COMMENT_RATE_WINDOW_SECONDS),
      duplicatesSince: duplicateMinutes === 0 ? null : new Date(now.getTime() - duplicateMinutes * 60_000),
      readerLimit: this.config.COMMENTS_PER_READER_PER_WINDOW,
      addressLimit: this.config.COMMENTS_PER_ADDRESS_PER_WINDOW,
      publishedEvent: PUBLISHED_EVENT,
      heldEvent: HELD_EVENT,
    });
    this.relay.handOff(outcomes.flatMap((outcome) => (outcome.kind === 'written' ? [outcome.event] : [])));
    return posts.map((post, index) => ({ post, outcome: outcomes[index], at: now }));
  }

  /** Counters of windows that ended are dropped, at most once per window by each copy. */
  private async forgetPastWindows(now: Date): Promise<void> {
    const current = rateWindowStart(now, this.config.COMMENT_RATE_WINDOW_SECONDS);
    if (this.purgedBefore !== undefined && this.purgedBefore.getTime() >= current.getTime()) return;
    this.purgedBefore = current;
    await this.em.fork().nativeDelete(RateCounter, { windowStart: { $lt: current } });
  }

  private authorNameOf(caller: Caller, input: NewComment, byStaff: boolean): string {
    if (!byStaff && caller.portalName) return caller.portalName;
    const name = input.authorName ?? (byStaff ? STAFF_DEFAULT_NAME : undefined);
    if (!name) throw new CommentAuthorNameRequiredError();
    return name;
  }
}

/** The new comment as its author sees it in the answer to the post. */
function viewOf(post: NewPost, outcome: Extract<PostOutcome, { kind: 'written' }>, at: Date): CommentView {
  return {
    id: post.id,
    articleId: post.articleId,
    parentId: outcome.parentId,
    replyToId: outcome.replyToId,
    depth: outcome.depth,
    author: { name: post.authorName, isStaff: post.byStaff, verified: post.authorVerified },
    body: post.body,
    createdAt: at.toISOString(),
    editedAt: null,
    status: outcome.status,
    reactions: { like: 0 },
    myReaction: null,
    mine: true,
    featured: false,
    replies: [],
    repliesCount: 0,
  };
}

/** The comment a published event speaks of. */
export interface PublishedComment {
  id: string;
  articleId: string;
  articleTitle: string | null;
  articleUrl: string | null;
  parentId: string | null;
  replyToId: string | null;
  authorName: string;
  readerId: string | null;
  staffId: string | null;
}

/** comment.published, telling the answered comment's author only if they asked and it is not their own reply. */
export function publishedEvent(
  comment: PublishedComment,
  answered: AnsweredAuthor | null,
): CommentPublishedV1 {
  const ownReply =
    answered !== null &&
    ((answered.readerId !== null && answered.readerId === comment.readerId) ||
      (answered.staffId !== null && answered.staffId === comment.staffId));
  const notify =
    answered && answered.notifyOnReply && answered.authorEmail && !ownReply
      ? {
          email: answered.authorEmail,
          name: answered.authorName,
          locale: answered.locale === 'en' ? 'en' : 'ru',
        }
      : undefined;
  return eventOf(CommentPublishedV1, {
    commentId: comment.id,
    articleId: comment.articleId,
    ...(comment.articleTitle ? { articleTitle: comment.articleTitle } : {}),
    ...(comment.articleUrl ? { articleUrl: comment.articleUrl } : {}),
    parentId: comment.parentId,
    replyToId: comment.replyToId,
    authorName: comment.authorName,
    ...(notify ? { notify: notify as CommentPublishedV1['notify'] } : {}),
  });
}
