import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, PROBLEM_MESSAGES, problemMessage, STATUS_MESSAGES } from './problem.messages';

const ROOT = join(__dirname, '../../../..');
/** Where the codes the gateway answers with are raised: the shared errors, the gateway, the services. */
const SOURCES = [
  'libs/contracts/src/errors',
  'libs/contracts/src/comments',
  'libs/contracts/src/reporter',
  'libs/contracts/src/notifications',
  'libs/messaging/src/events',
  'apps/gateway/src',
  'apps/polls/src',
  'apps/notifications/src/admin',
];
const CODE_PATTERNS = [
  /super\(\s*'([a-z_]+)'/g,
  /(?:ConflictError|RuleViolationError|DomainError)\(\s*'([a-z_]+)'/g,
  /\bcode:\s*'([a-z_]+)'/g,
];

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return path.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => sourceFiles(join(path, name)));
}

function raisedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of SOURCES.flatMap((source) => sourceFiles(join(ROOT, source)))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of CODE_PATTERNS) for (const match of text.matchAll(pattern)) codes.add(match[1]);
  }
  return codes;
}

describe('the problem message catalog', () => {
  it('has English and Russian text for every code the gateway, polls, notifications and dead letters raise', () => {
    const codes = raisedCodes();
    expect(codes.size).toBeGreaterThan(15);
    expect([...codes].filter((code) => !PROBLEM_MESSAGES[code])).toEqual([]);
  });

  it('has no empty or untranslated text', () => {
    for (const texts of [...Object.values(PROBLEM_MESSAGES), ...Object.values(STATUS_MESSAGES)]) {
      for (const language of LANGUAGES) expect(texts[language].trim()).not.toBe('');
      expect(texts.ru).not.toBe(texts.en);
      expect(texts.ru).toMatch(/[а-яё]/i);
    }
  });

  it('falls back to the status, then to the class of the status, for a code it does not know', () => {
    expect(problemMessage('poll_not_open', 422, 'ru')).toBe('Голосование в этом опросе сейчас не идёт.');
    expect(problemMessage('brand_new_code', 409, 'ru')).toBe('Это противоречит текущему состоянию.');
    expect(problemMessage('brand_new_code', 418, 'en')).toBe('The request is malformed.');
    expect(problemMessage('brand_new_code', 502, 'ru')).toBe('Ошибка на сервере.');
  });
});
