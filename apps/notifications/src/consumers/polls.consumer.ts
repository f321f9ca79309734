import { Injectable } from '@nestjs/common';
import { NotificationSubscriptions } from '@app/contracts';
import { FanOutConsumers } from '../fan-out/fan-out.consumers';
import { NoticeRecorder } from '../fan-out/notice-recorder';

/** A closed poll tells the editors, with its final results. */
@Injectable()
export class PollsConsumer {
  constructor(fanOut: FanOutConsumers, recorder: NoticeRecorder) {
    fanOut.register(NotificationSubscriptions.polls, async (event, batch, meta) => {
      recorder.staffNotice(
        batch,
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
        await batch.everyone('poll.closed'),
      );
    });
  }
}
