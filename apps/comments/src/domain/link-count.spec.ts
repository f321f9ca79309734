import { countLinks } from './link-count';

describe('countLinks', () => {
  it.each([
    ['Читайте https://example.org/a и http://x.y/b', 2],
    ['зайдите на www.spam-shop.net', 1],
    ['bare domains count too: cheap-pills.ru/buy and casino.com', 2],
    ['Обычный комментарий без ссылок. Т.е. ничего.', 0],
    ['Numbers 3.14 and version 1.2.3 are not links', 0],
    ['', 0],
  ])('counts the links in %j as %i', (text, links) => {
    expect(countLinks(text)).toBe(links);
  });
});
