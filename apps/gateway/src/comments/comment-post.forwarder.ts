import { CommentsRpc, PostCommentReply, PostCommentRequest } from '@app/contracts';
import { NatsRpcClient, RemoteError } from '@app/messaging';
import { GroupCommit, GroupCommitOptions } from '@app/persistence';

/**
 * Sends posts to the comments service in batches: the posts that arrive within `maxDelayMs` of each
 * other (at most `maxSize`) go as one message, so a burst pays for one round trip, one decoding and
 * one validation instead of one each, and lands in the service's group commit together. Every post is
 * answered with its own reply or its own error; a batch the service did not answer fails each of its
 * posts with that failure. A batch of one goes as a plain post.
 */
export class CommentPostForwarder {
  private readonly batches: GroupCommit<PostCommentRequest, PostCommentReply>;

  constructor(
    private readonly rpc: NatsRpcClient,
    options: GroupCommitOptions,
  ) {
    this.batches = new GroupCommit(options, (posts) => this.send(posts));
  }

  post(request: PostCommentRequest): Promise<PostCommentReply> {
    return this.batches.submit(request);
  }

  private async send(posts: PostCommentRequest[]): Promise<PromiseSettledResult<PostCommentReply>[]> {
    if (posts.length === 1) {
      return Promise.allSettled([this.rpc.call(CommentsRpc.post, posts[0])]);
    }
    const { outcomes } = await this.rpc.call(CommentsRpc.postMany, { posts });
    return outcomes.map((outcome) =>
      'reply' in outcome
        ? { status: 'fulfilled', value: outcome.reply }
        : { status: 'rejected', reason: new RemoteError(outcome.error) },
    );
  }
}
