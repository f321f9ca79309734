import { formatPrettyLine } from './pretty-line';

describe('formatPrettyLine', () => {
  const time = '2026-11-30T10:41:51.954Z';
  const local = new Date(time);
  const clock = [local.getHours(), local.getMinutes(), local.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');

  it('shows time, app, level and message on one line', () => {
    expect(
      formatPrettyLine({ level: 'info', time, service: 'polls', context: 'Host', msg: 'polls is answering' }),
    ).toBe(`${clock}.954 polls INFO  polls is answering\n`);
  });

  it('adds the other fields as key=value and the request id last', () => {
    const line = formatPrettyLine({
      level: 'debug',
      time,
      service: 'gateway',
      msg: 'request',
      method: 'GET',
      route: '/api/v1/polls/:id',
      status: 404,
      requestId: 'req-1',
    });
    expect(line).toBe(
      `${clock}.954 gateway DEBUG request method=GET route=/api/v1/polls/:id status=404 [req-1]\n`,
    );
  });

  it('puts a stack on the lines below', () => {
    const line = formatPrettyLine({
      level: 'error',
      time,
      service: 'polls',
      msg: 'boom',
      err: { message: 'boom', stack: 'Error: boom\n    at f (a.js:1:1)' },
    });
    expect(line.split('\n')).toEqual([
      `${clock}.954 polls ERROR boom`,
      '    Error: boom',
      '    at f (a.js:1:1)',
      '',
    ]);
  });
});
