import { eventSubscription } from '../events/event-subscription';
import { CommentFlaggedV1, CommentHeldV1, CommentPublishedV1 } from '../comments/comment.events';
import { PollClosedV1 } from '../polls/poll.subjects';
import {
  SubmissionMessageReceivedV1,
  SubmissionReceivedV1,
  SubmissionStatusChangedV1,
} from '../reporter/submission.events';
import { StaffAccountChangedV1 } from '../staff/staff.events';

/** The notifications service's consumers, one per family of events. */
export const NotificationSubscriptions = {
  staff: eventSubscription('notifications', 'notifications-staff', [StaffAccountChangedV1]),
  comments: eventSubscription('notifications', 'notifications-comments', [
    CommentPublishedV1,
    CommentHeldV1,
    CommentFlaggedV1,
  ]),
  polls: eventSubscription('notifications', 'notifications-polls', [PollClosedV1]),
  submissions: eventSubscription('notifications', 'notifications-submissions', [
    SubmissionReceivedV1,
    SubmissionStatusChangedV1,
    SubmissionMessageReceivedV1,
  ]),
} as const;
