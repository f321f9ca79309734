import { subjectMatches, supportsMultipleFilters, toEventSubjects } from './subject-filter';

describe('event subject filters', () => {
  it('turns event types into subjects and keeps subjects as they are', () => {
    expect(toEventSubjects(['comment.published', 'events.poll.closed'])).toEqual([
      'events.comment.published',
      'events.poll.closed',
    ]);
  });

  it('matches subjects the way NATS does', () => {
    expect(subjectMatches('events.comment.published', 'events.comment.published')).toBe(true);
    expect(subjectMatches('events.comment.*', 'events.comment.flagged')).toBe(true);
    expect(subjectMatches('events.comment.*', 'events.comment.flagged.twice')).toBe(false);
    expect(subjectMatches('events.>', 'events.poll.closed')).toBe(true);
    expect(subjectMatches('events.poll.>', 'events.poll')).toBe(false);
    expect(subjectMatches('events.poll.closed', 'events.poll')).toBe(false);
    expect(subjectMatches('events.poll', 'events.poll.closed')).toBe(false);
  });

  it('uses several server-side filters only from NATS 2.10 on', () => {
    expect(supportsMultipleFilters('2.9.10')).toBe(false);
    expect(supportsMultipleFilters('2.10.0')).toBe(true);
    expect(supportsMultipleFilters('3.0.1')).toBe(true);
    expect(supportsMultipleFilters(undefined)).toBe(false);
  });
});
