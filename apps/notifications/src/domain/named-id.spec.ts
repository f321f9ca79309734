import { isUuid } from '@app/contracts';
import { namedId } from './named-id';

describe('namedId', () => {
  it('gives the same UUID for the same name and another for another name', () => {
    expect(namedId('digest:a:2026-11-30T10:00:00.000Z')).toBe(namedId('digest:a:2026-11-30T10:00:00.000Z'));
    expect(namedId('digest:a:1')).not.toBe(namedId('digest:a:2'));
    expect(isUuid(namedId('x'))).toBe(true);
  });
});
