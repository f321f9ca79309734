/**
 * The instants the suite stores. PostgreSQL's timestamptz reaches further (4713 BC to 294276 AD), but
 * JavaScript writes a year past 9999 as `+010000`, which PostgreSQL does not read, and nothing the
 * suite records happened before 1970.
 */
export const TIMESTAMP_RANGE = {
  min: Date.UTC(1970, 0, 1),
  max: Date.UTC(10000, 0, 1) - 1,
} as const;

/** RFC 3339's date-time (OpenAPI's `format: date-time`): a full date, a time and an offset. */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The instant `text` names when it is an RFC 3339 date-time with real calendar fields within
 * TIMESTAMP_RANGE; undefined otherwise. ISO 8601's other forms (week dates, ordinal dates, the basic
 * format) are refused: `Date` cannot read most of them, and a value the service cannot read is a 500.
 */
export function parseTimestamp(text: string): Date | undefined {
  const parts = DATE_TIME.exec(text);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number);
  const offsetHours = parts[7] === undefined ? 0 : Number(parts[7]);
  const offsetMinutes = parts[8] === undefined ? 0 : Number(parts[8]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const time = Date.parse(text);
  if (!Number.isFinite(time) || time < TIMESTAMP_RANGE.min || time > TIMESTAMP_RANGE.max) return undefined;
  return new Date(time);
}
