import 'reflect-metadata';
import { IsString } from 'class-validator';
import { PollClosedV1 } from '../polls/poll.subjects';
import { eventCatalogue, eventOf, EventType, eventTypeOf } from './event-type';

describe('event declarations', () => {
  it('lists every declared event with its type, version, class and publisher', () => {
    expect(eventCatalogue()).toContainEqual({
      type: 'poll.closed',
      version: 1,
      className: 'PollClosedV1',
      publisher: 'polls',
    });
  });

  it('gives the declaration of a class and of its instances', () => {
    const event = eventOf(PollClosedV1, {
      pollId: '3f1c2a7e-1b2c-4d5e-8f90-1234567890ab',
      question: 'Q',
      closedAt: '2030-01-01T00:00:00.000Z',
      totalVotes: 0,
      totalVoters: 0,
      options: [],
    });
    expect(event).toBeInstanceOf(PollClosedV1);
    expect(eventTypeOf(event)).toBe(eventTypeOf(PollClosedV1));
  });

  it('refuses a class never declared', () => {
    class LooseV1 {}
    expect(() => eventTypeOf(new LooseV1())).toThrow('LooseV1 is not declared with @EventType');
  });

  it('refuses a second class for one type and version', () => {
    expect(() => {
      @EventType('poll.closed', 1, { publisher: 'polls' })
      class PollShutV1 {
        @IsString() pollId: string;
      }
      return PollShutV1;
    }).toThrow('event poll.closed v1 is declared twice (PollClosedV1, PollShutV1)');
  });

  it('refuses a class whose name does not say its version, and a type that is not <noun>.<verb>', () => {
    expect(() => EventType('note.added', 2, { publisher: 'comments' })(class NoteAddedV1 {})).toThrow(
      'name it ...V2',
    );
    expect(() => EventType('NoteAdded', 1, { publisher: 'comments' })(class NoteAddedV1 {})).toThrow(
      'is not <noun>.<verb>',
    );
  });
});
