import { findUnsafeText, UNSAFE_TEXT_ERRORS_MAX } from './unsafe-text.walk';

describe('unsafe text walk', () => {
  it('reports the path of every unsafe string, nested in objects and arrays', () => {
    const errors = findUnsafeText({
      question: 'a\u0000b',
      options: ['fine', 'x\u0007'],
      changes: { options: [{ id: 'ok', text: '\uD800' }] },
      count: 3,
      flag: true,
      nothing: null,
    });
    expect(errors.map((error) => error.field)).toEqual(['question', 'options.1', 'changes.options.0.text']);
    expect(errors[0].message).toContain('U+0000');
  });

  it('names a top-level value by the parameter it came in', () => {
    expect(findUnsafeText('x\u0000', 'placement')).toEqual([
      { field: 'placement', message: expect.stringContaining('U+0000') as string },
    ]);
    expect(findUnsafeText('fine', 'placement')).toEqual([]);
  });

  it('refuses an unsafe key without echoing it', () => {
    const [error] = findUnsafeText({ 'a\u0000': 'fine' });
    expect(error.field).toBe('a\\u0000');
    expect(error.message).not.toContain('\u0000');
  });

  it(`lists at most ${UNSAFE_TEXT_ERRORS_MAX} unsafe strings`, () => {
    const atLimit = Array.from({ length: UNSAFE_TEXT_ERRORS_MAX }, () => '\u0000');
    expect(findUnsafeText(atLimit)).toHaveLength(UNSAFE_TEXT_ERRORS_MAX);
    expect(findUnsafeText([...atLimit, '\u0000'])).toHaveLength(UNSAFE_TEXT_ERRORS_MAX);
  });

  it('walks a nesting far deeper than the call stack allows', () => {
    let nested: unknown = 'deep\u0000';
    for (let depth = 0; depth < 100000; depth += 1) nested = [nested];
    expect(findUnsafeText(nested)).toHaveLength(1);
  });
});
