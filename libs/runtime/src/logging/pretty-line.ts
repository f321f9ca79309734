/** The fields every line has; the rest of a record is shown as `key=value`. */
const FRAME_FIELDS = new Set(['level', 'time', 'service', 'context', 'msg', 'requestId', 'err', 'stack']);

const LEVEL_WIDTH = 5;

function clock(time: unknown): string {
  const date = typeof time === 'string' || typeof time === 'number' ? new Date(time) : new Date();
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) || value === '' ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

/**
 * One log record as a person reads it in a terminal: local time, app, level, message, the other fields
 * as key=value, the request id last; a stack, when there is one, on the lines below.
 */
export function formatPrettyLine(record: Record<string, unknown>): string {
  const level = typeof record.level === 'string' ? record.level : 'info';
  const extra = Object.entries(record)
    .filter(([key, value]) => !FRAME_FIELDS.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${shown(value)}`);
  const parts = [
    clock(record.time),
    typeof record.service === 'string' ? record.service : '',
    level.toUpperCase().padEnd(LEVEL_WIDTH),
    [record.msg, ...extra].filter((part) => part !== undefined && part !== '').join(' '),
  ];
  if (typeof record.requestId === 'string') parts.push(`[${record.requestId}]`);
  const err = record.err as { stack?: unknown } | undefined;
  const stack =
    typeof err?.stack === 'string' ? err.stack : typeof record.stack === 'string' ? record.stack : '';
  const trace = stack
    ? `\n${stack
        .split('\n')
        .map((line) => `    ${line.trim()}`)
        .join('\n')}`
    : '';
  return `${parts.join(' ')}${trace}\n`;
}
