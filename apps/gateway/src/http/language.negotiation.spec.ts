import { negotiateLanguage } from './language.negotiation';

describe('Accept-Language negotiation', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ru', 'ru'],
    ['ru-RU', 'ru'],
    ['RU-ru', 'ru'],
    ['ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', 'ru'],
    ['en-GB,en;q=0.9,ru;q=0.8', 'en'],
    ['en;q=0.5, ru;q=0.8', 'ru'],
    ['de-DE, ru;q=0.3', 'ru'],
    ['de, fr', 'en'],
    ['*', 'en'],
    ['de, *;q=0.5', 'en'],
    ['en;q=0, *', 'ru'],
    ['ru;q=0, *', 'en'],
    ['ru;q=0', 'en'],
    ['ru;q=0.5, en;q=0.5', 'ru'],
    ['en;q=0.5, ru;q=0.5', 'en'],
    ['ru;q=abc', 'ru'],
    [';;;,,,', 'en'],
  ])('answers %j in %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });

  it('reads a header sent twice as one list', () => {
    expect(negotiateLanguage(['de', 'ru;q=0.5'])).toBe('ru');
  });
});
