import type { PollExportReply } from '@app/contracts';

/**
 * Spreadsheets run cells that start with these as formulas (CSV injection); such cells get a leading
 * apostrophe. See OWASP "CSV Injection".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(values: (string | number)[]): string {
  return values.map(cell).join(',');
}

/**
 * The results export: one row per option (option, votes, percent), a blank line, then one row per hour
 * and option with votes in that hour (UTC). A byte-order mark lets spreadsheet programs read Cyrillic.
 */
export function resultsCsv(exported: PollExportReply): string {
  const texts = new Map(exported.poll.options.map((option) => [option.id, option.text]));
  const lines = [
    row(['option', 'votes', 'percent']),
    ...exported.poll.options.map((option) => row([option.text, option.votes, option.percent])),
    '',
    row(['hour', 'option', 'votes']),
    ...exported.hourly.map((entry) =>
      row([entry.hour, texts.get(entry.optionId) ?? entry.optionId, entry.votes]),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
