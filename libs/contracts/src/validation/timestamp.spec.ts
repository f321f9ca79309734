import { parseTimestamp, TIMESTAMP_RANGE } from './timestamp';

describe('timestamp', () => {
  it.each([
    ['UTC with milliseconds', '2030-01-31T18:00:00.000Z', '2030-01-31T18:00:00.000Z'],
    ['an offset', '2030-01-31T21:00:00+03:00', '2030-01-31T18:00:00.000Z'],
    ['lower-case separators', '2030-01-31t18:00:00z', '2030-01-31T18:00:00.000Z'],
    ['nanoseconds', '2030-01-31T18:00:00.123456789Z', '2030-01-31T18:00:00.123Z'],
    ['a leap day', '2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['the first instant of the range', '1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z'],
    ['the last instant of the range', '9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s', (_name, text, iso) => {
    expect(parseTimestamp(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['a date without a time', '2030-01-31'],
    ['a time without an offset (local to whom?)', '2030-01-31T18:00:00'],
    ['a week date', '2030-W05-4'],
    ['an ordinal date', '2030-031'],
    ['the basic format', '20300131T180000Z'],
    ['a comma before the fraction', '2030-01-31T18:00:00,5Z'],
    ['hour 24', '2030-01-31T24:00:00Z'],
    ['a leap second', '2030-06-30T23:59:60Z'],
    ['February 30th', '2030-02-30T00:00:00Z'],
    ['February 29th of a common year', '2030-02-29T00:00:00Z'],
    ['month 13', '2030-13-01T00:00:00Z'],
    ['an offset of 24 hours', '2030-01-31T18:00:00+24:00'],
    ['one millisecond before 1970', '1969-12-31T23:59:59.999Z'],
    ['year 0', '0000-01-01T00:00:00Z'],
    ['a signed year', '+2030-01-31T18:00:00Z'],
    ['a year of six digits', '+275760-09-13T00:00:00Z'],
    ['an offset that carries 9999 into 10000', '9999-12-31T23:00:00-05:00'],
    ['a NUL at the end', '2030-01-31T18:00:00Z\u0000'],
  ])('refuses %s', (_name, text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });

  it('spans 1970 to the end of 9999', () => {
    expect(new Date(TIMESTAMP_RANGE.min).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(new Date(TIMESTAMP_RANGE.max).toISOString()).toBe('9999-12-31T23:59:59.999Z');
  });
});
