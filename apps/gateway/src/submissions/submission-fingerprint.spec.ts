import { submissionFingerprint } from './submission-fingerprint';

describe('submissionFingerprint', () => {
  const fields = { title: 'Пожар', body: 'Горит склад', name: 'Анна', consent: true };

  it('is a sha256 in hex, the same whatever order the fields came in', () => {
    const one = submissionFingerprint(fields, ['aa', 'bb']);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(
      submissionFingerprint({ consent: true, name: 'Анна', body: 'Горит склад', title: 'Пожар' }, [
        'aa',
        'bb',
      ]),
    ).toBe(one);
  });

  it('changes with any field, any file, or the files order', () => {
    const one = submissionFingerprint(fields, ['aa', 'bb']);
    expect(submissionFingerprint({ ...fields, title: 'Пожар!' }, ['aa', 'bb'])).not.toBe(one);
    expect(submissionFingerprint(fields, ['aa'])).not.toBe(one);
    expect(submissionFingerprint(fields, ['bb', 'aa'])).not.toBe(one);
    expect(submissionFingerprint({ ...fields, phone: '+7 900' }, ['aa', 'bb'])).not.toBe(one);
  });

  it('does not count a field left undefined', () => {
    expect(submissionFingerprint({ ...fields, email: undefined }, [])).toBe(
      submissionFingerprint(fields, []),
    );
  });
});
