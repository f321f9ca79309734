import { CommentsRpc, PostCommentReply, PostCommentRequest } from '@app/contracts';
import { BatchForwarder, NatsRpcClient } from '@app/messaging';
import { GroupCommitOptions } from '@app/persistence';

/**
 * Sends posts to the comments service in batches (see BatchForwarder): a burst lands in the service's
 * group commit together, each post answered with its own reply or its own error.
 */
export class CommentPostForwarder {
  private readonly forwarder: BatchForwarder<PostCommentRequest, PostCommentReply>;

  constructor(rpc: NatsRpcClient, options: GroupCommitOptions) {
    this.forwarder = new BatchForwarder(options, {
      one: (post) => rpc.call(CommentsRpc.post, post),
      many: async (posts) => (await rpc.call(CommentsRpc.postMany, { posts })).outcomes,
    });
  }

  post(request: PostCommentRequest): Promise<PostCommentReply> {
    return this.forwarder.send(request);
  }
}
