import { webhookPayload } from './webhook-payload';

describe('webhookPayload', () => {
  it('posts type, version, event id, time and data', () => {
    expect(
      webhookPayload({
        id: 'e-1',
        type: 'poll.closed',
        version: 1,
        occurredAt: '2026-11-30T12:00:00.000Z',
        data: { pollId: 'p-1' },
      }),
    ).toEqual({
      type: 'poll.closed',
      version: 1,
      eventId: 'e-1',
      timestamp: '2026-11-30T12:00:00.000Z',
      data: { pollId: 'p-1' },
    });
  });

  it("leaves out a reply notice's email and name", () => {
    const payload = webhookPayload({
      id: 'e-2',
      type: 'comment.published',
      version: 1,
      occurredAt: '2026-11-30T12:00:00.000Z',
      data: { commentId: 'c-1', notify: { email: 'reader@example.com', name: 'Анна', locale: 'ru' } },
    });
    expect(payload).toMatchObject({ data: { commentId: 'c-1' } });
    expect(JSON.stringify(payload)).not.toContain('reader@example.com');
  });
});
