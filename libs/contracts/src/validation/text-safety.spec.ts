import { cleanText, escapeHtml, hasLineBreak, unsafeCharacterIn } from './text-safety';

describe('text safety', () => {
  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['a bell', '\u0007', 'U+0007'],
    ['a vertical tab', 'a\u000Bb', 'U+000B'],
    ['an escape', '\u001B[31mred', 'U+001B'],
    ['DEL', 'a\u007F', 'U+007F'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
    ['the last C1 control', '\u009F', 'U+009F'],
    ['a lone high surrogate', 'a\uD83Db', 'U+D83D'],
    ['a lone low surrogate at the start', '\uDE00b', 'U+DE00'],
    ['a high surrogate at the end', 'ab\uD83D', 'U+D83D'],
  ])('refuses %s', (_name, text, code) => {
    expect(unsafeCharacterIn(text)).toContain(code);
  });

  it.each([
    ['plain Russian', 'Какой транспорт вам удобнее?'],
    ['tab and line breaks', 'a\tb\nc\r\nd'],
    ['an emoji (a surrogate pair)', 'голос 👍'],
    ['the first character after C1', '\u00A0non-breaking'],
    ['a bidi override (cleaned, not refused)', 'a\u202Eb'],
    ['an empty string', ''],
  ])('accepts %s', (_name, text) => {
    expect(unsafeCharacterIn(text)).toBeUndefined();
  });

  it('finds every kind of line break', () => {
    for (const text of ['a\nb', 'a\rb', 'a\u2028b', 'a\u2029b', 'a\u0085b'])
      expect(hasLineBreak(text)).toBe(true);
    expect(hasLineBreak('a\tb c')).toBe(false);
  });

  it('cleans controls, lone surrogates and bidi overrides, and keeps tabs, line breaks and emoji', () => {
    expect(cleanText('a\u0000b\u007Fc\u0085d\uD83De\u202Ef\u2066g\u2069\t\n\r👍')).toBe('abcdefg\t\n\r👍');
  });
});

describe('escapeHtml', () => {
  it('escapes every character that could open markup or end an attribute, and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>Том & Джерри</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Том &amp; Джерри&lt;/a&gt;',
    );
  });
});
