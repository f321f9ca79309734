import { isEmbeddedUrl, parseEmbeddedUrl } from './embedded-url';

describe('embedded database URLs', () => {
  it('reads embedded:memory as a throwaway database and embedded:<folder> as a kept one', () => {
    expect(parseEmbeddedUrl('embedded:memory')).toEqual({ kind: 'memory' });
    expect(parseEmbeddedUrl('embedded:.data/postgres')).toEqual({ kind: 'folder', folder: '.data/postgres' });
    expect(parseEmbeddedUrl('embedded:/var/lib/engage')).toEqual({
      kind: 'folder',
      folder: '/var/lib/engage',
    });
  });

  it('tells a server URL from an embedded one', () => {
    expect(isEmbeddedUrl('postgres://postgres@127.0.0.1:5432/postgres')).toBe(false);
    expect(isEmbeddedUrl('embedded:memory')).toBe(true);
  });

  it('refuses a pglite: URL, saying to use embedded: instead', () => {
    expect(isEmbeddedUrl('pglite:memory')).toBe(true);
    expect(() => parseEmbeddedUrl('pglite:memory')).toThrow(/use embedded:memory/);
    expect(() => parseEmbeddedUrl('pglite:.data/pglite')).toThrow(/use embedded:\.data\/pglite/);
  });

  it('refuses an embedded: URL that names no folder', () => {
    expect(() => parseEmbeddedUrl('embedded:')).toThrow(/names no folder/);
  });
});
