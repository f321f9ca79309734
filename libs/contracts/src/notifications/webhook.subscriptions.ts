import {
  CommentDecidedV1,
  CommentFlaggedV1,
  CommentHeldV1,
  CommentPublishedV1,
} from '../comments/comment.events';
import { eventSubscription } from '../events/event-subscription';
import { PollClosedV1 } from '../polls/poll.subjects';
import {
  SubmissionMessageReceivedV1,
  SubmissionReceivedV1,
  SubmissionStatusChangedV1,
} from '../reporter/submission.events';

/** The notifications service's consumer that turns every subscribable event into webhook deliveries. */
export const WebhookSubscription = eventSubscription('notifications', 'notifications-webhooks', [
  CommentPublishedV1,
  CommentHeldV1,
  CommentFlaggedV1,
  CommentDecidedV1,
  PollClosedV1,
  SubmissionReceivedV1,
  SubmissionStatusChangedV1,
  SubmissionMessageReceivedV1,
]);
