import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEnvelope, HoldReason, ModerationMode } from '@app/contracts';
import type { CommittedOutboxRow } from '@app/messaging';
import { sqlIn } from '@app/persistence';

/** A new comment as the service decided it so far: what only the database can decide is left to it. */
export interface NewPost {
  id: string;
  articleId: string;
  /** The comment answered, as the reader named it; the database places the reply. */
  parentId: string | null;
  readerId: string | null;
  staffId: string | null;
  byStaff: boolean;
  addressHash: string | null;
  authorName: string;
  authorVerified: boolean;
  authorEmail: string | null;
  notifyOnReply: boolean;
  locale: 'ru' | 'en';
  body: string;
  bodyHash: string;
  articleTitle: string | null;
  articleUrl: string | null;
  /** Reasons found in the text (suspect word, links); pre-moderation is added by the article's mode. */
  reasons: HoldReason[];
  siteMode: ModerationMode;
  autoCloseDays: number;
  /** The id of the event the post becomes (published or held), also its `Nats-Msg-Id`. */
  eventId: string;
  requestId: string | null;
}

/** How an event of the contracts is named on the wire (its class's declaration). */
export interface EventName {
  type: string;
  version: number;
  subject: string;
}

/** What holds for every post of one batch. */
export interface BatchRules {
  now: Date;
  maxDepth: number;
  windowStart: Date;
  /** Null: duplicates are not looked for. */
  duplicatesSince: Date | null;
  /** Comments a reader, and an address, may post in one window; 0: that limit is off. */
  readerLimit: number;
  addressLimit: number;
  /** comment.published and comment.held, which the statement records in the outbox. */
  publishedEvent: EventName;
  heldEvent: EventName;
}

export type PostRefusal =
  'banned' | 'duplicate' | 'rate_reader' | 'rate_address' | 'closed' | 'parent_invalid';

/** The author of the comment a reply answers, as the rule of who hears of it needs them. */
export interface AnsweredAuthor {
  readerId: string | null;
  staffId: string | null;
  notifyOnReply: boolean;
  authorEmail: string | null;
  authorName: string;
  locale: string;
}

export type PostOutcome =
  | { kind: 'refused'; refusal: PostRefusal }
  | {
      kind: 'written';
      status: 'published' | 'pending';
      threadId: string;
      parentId: string | null;
      replyToId: string | null;
      depth: number;
      holdReasons: HoldReason[];
      publishedAt: Date | null;
      answered: AnsweredAuthor | null;
      /** The outbox row recorded with the comment, committed with it. */
      event: CommittedOutboxRow;
    };

interface PostCommentsRow {
  ordinal: number;
  outcome: string;
  status: string | null;
  thread_id: string | null;
  parent_id: string | null;
  reply_to_id: string | null;
  depth: number | null;
  hold_reasons: HoldReason[] | null;
  published_at: Date | string | null;
  answered_reader_id: string | null;
  answered_staff_id: string | null;
  answered_notify: boolean | null;
  answered_email: string | null;
  answered_name: string | null;
  answered_locale: string | null;
  event_id: string | null;
  event_subject: string | null;
  event_payload: EventEnvelope | null;
}

/**
 * What a batch may hold once: the statement judges a batch as one set, so a reader's (or an address's)
 * second post must come in a later batch, to see the first. An address is a key only while the address
 * limit is on (`addressLimited`): with it off nothing is counted per address, and the statement takes
 * many posts from one. The newsroom's posts pass no such check.
 */
export function postingKeysOf(post: NewPost, addressLimited: boolean): string[] {
  if (post.byStaff) return [];
  const keys = post.readerId === null ? [] : [`reader:${post.readerId}`];
  if (addressLimited && post.addressHash !== null) keys.push(`address:${post.addressHash}`);
  return keys;
}

const REFUSALS: readonly string[] = [
  'banned',
  'duplicate',
  'rate_reader',
  'rate_address',
  'closed',
  'parent_invalid',
] satisfies PostRefusal[];

/**
 * Writes a batch of posts with comments.post_comments (see its migrations): one statement, and so one
 * transaction of its own unless `em` is in one, for the checks, inserts, counters and outbox events of
 * every post. A batch holds at most one post per reader and one per address (see `postingKeysOf`).
 * The events it recorded come back with the outcomes, for the relay to publish at once.
 */
export async function writePosts(
  em: EntityManager,
  posts: readonly NewPost[],
  rules: BatchRules,
): Promise<PostOutcome[]> {
  const payload = JSON.stringify(
    posts.map((post, index) => ({
      ordinal: index + 1,
      id: post.id,
      article_id: post.articleId,
      parent_id: post.parentId,
      reader_id: post.readerId,
      staff_id: post.staffId,
      by_staff: post.byStaff,
      address_hash: post.addressHash,
      author_name: post.authorName,
      author_verified: post.authorVerified,
      author_email: post.authorEmail,
      notify_on_reply: post.notifyOnReply,
      locale: post.locale,
      body: post.body,
      body_hash: post.bodyHash,
      article_title: post.articleTitle,
      article_url: post.articleUrl,
      reasons: post.reasons,
      site_mode: post.siteMode,
      auto_close_days: post.autoCloseDays,
      event_id: post.eventId,
      request_id: post.requestId,
    })),
  );
  const rows = await sqlIn(em)<PostCommentsRow[]>(
    `select * from comments.post_comments(?::jsonb, ?::jsonb)`,
    [
      payload,
      JSON.stringify({
        now: rules.now.toISOString(),
        maxDepth: rules.maxDepth,
        windowStart: rules.windowStart.toISOString(),
        duplicatesSince: rules.duplicatesSince?.toISOString() ?? null,
        readerLimit: rules.readerLimit,
        addressLimit: rules.addressLimit,
        publishedEvent: rules.publishedEvent,
        heldEvent: rules.heldEvent,
      }),
    ],
  );
  const outcomes = new Array<PostOutcome | undefined>(posts.length);
  for (const row of rows) outcomes[row.ordinal - 1] = outcomeOf(row);
  return outcomes.map((outcome, index) => {
    if (!outcome) throw new Error(`post_comments gave no outcome for post ${index + 1}`);
    return outcome;
  });
}

function outcomeOf(row: PostCommentsRow): PostOutcome {
  if (REFUSALS.includes(row.outcome)) return { kind: 'refused', refusal: row.outcome as PostRefusal };
  if (
    row.outcome !== 'ok' ||
    (row.status !== 'published' && row.status !== 'pending') ||
    !row.event_id ||
    !row.event_subject ||
    !row.event_payload
  ) {
    throw new Error(`post_comments answered an unknown outcome: ${row.outcome}/${row.status}`);
  }
  return {
    kind: 'written',
    status: row.status,
    threadId: row.thread_id!,
    parentId: row.parent_id,
    replyToId: row.reply_to_id,
    depth: Number(row.depth),
    holdReasons: row.hold_reasons ?? [],
    publishedAt: row.published_at === null ? null : new Date(row.published_at),
    answered:
      row.answered_name === null
        ? null
        : {
            readerId: row.answered_reader_id,
            staffId: row.answered_staff_id,
            notifyOnReply: row.answered_notify === true,
            authorEmail: row.answered_email,
            authorName: row.answered_name,
            locale: row.answered_locale ?? 'ru',
          },
    event: { id: row.event_id, subject: row.event_subject, payload: row.event_payload },
  };
}
