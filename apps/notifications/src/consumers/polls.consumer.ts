import { Injectable } from '@nestjs/common';
import { NotificationSubscriptions } from '@app/contracts';
import { EventConsumers } from '@app/messaging';
import { StaffDirectory } from '../directory/staff-directory';
import { NoticeRecorder } from '../fan-out/notice-recorder';

/** A closed poll tells the editors, with its final results. */
@Injectable()
export class PollsConsumer {
  constructor(consumers: EventConsumers, recorder: NoticeRecorder) {
    consumers.register({
      ...NotificationSubscriptions.polls,
      handle: async (event, em, meta) => {
        recorder.staffNotice(
          em,
          { eventId: meta.id, eventType: meta.type },
          {
            type: 'poll.closed',
            template: 'poll-closed',
            params: {
              question: event.question,
              totalVotes: event.totalVotes,
              totalVoters: event.totalVoters,
              options: event.options.map((option) => ({ ...option })),
            },
            link: `polls/${event.pollId}`,
          },
          await StaffDirectory.everyone(em, 'poll.closed'),
        );
      },
    });
  }
}
