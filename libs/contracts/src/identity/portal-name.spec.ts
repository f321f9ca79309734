import { portalDisplayName } from './portal-name';

describe('portalDisplayName', () => {
  it('takes the name claim, else preferred_username', () => {
    expect(portalDisplayName({ name: 'Анна Петрова', preferred_username: 'anna' })).toBe('Анна Петрова');
    expect(portalDisplayName({ preferred_username: 'anna' })).toBe('anna');
    expect(portalDisplayName({ name: '   ', preferred_username: 'anna' })).toBe('anna');
  });

  it('has no name for a token without one', () => {
    expect(portalDisplayName({ sub: '42' })).toBeNull();
    expect(portalDisplayName({ name: 42 })).toBeNull();
    expect(portalDisplayName({ name: '\u202E\u0007' })).toBeNull();
  });

  it('cleans a name into one line without control or bidi characters, cut to 80 characters', () => {
    expect(portalDisplayName({ name: 'Анна\nПетрова\u202E\u0000' })).toBe('Анна Петрова');
    expect(portalDisplayName({ name: 'я'.repeat(200) })).toHaveLength(80);
  });
});
