import { LineSplitter, prefixFor, redactUrl } from './log';

describe('prefixed logs', () => {
  it('aligns every app name to the same width', () => {
    expect(prefixFor('polls')).toBe('polls         | ');
    expect(prefixFor('notifications')).toBe('notifications | ');
    expect(prefixFor('polls').length).toBe(prefixFor('notifications').length);
  });

  it('gives back only whole lines and keeps a partial one for later', () => {
    const lines = new LineSplitter();
    expect(lines.push('one\ntw')).toEqual(['one']);
    expect(lines.push('o\r\nthree')).toEqual(['two']);
    expect(lines.flush()).toEqual(['three']);
    expect(lines.flush()).toEqual([]);
  });

  it('hides the password of a URL it shows', () => {
    expect(redactUrl('postgres://app:secret@db:5432/engage')).toBe('postgres://app:***@db:5432/engage');
    expect(redactUrl('postgres://postgres@127.0.0.1:5432/postgres')).toBe(
      'postgres://postgres@127.0.0.1:5432/postgres',
    );
  });
});
