import { ValidationFailedError } from '@app/contracts';
import { expectedVersionOf, versionTag } from './if-match';

describe('expectedVersionOf', () => {
  it('reads the version of an ETag the detail gave', () => {
    expect(expectedVersionOf(versionTag(7))).toBe(7);
    expect(expectedVersionOf(' "12" ')).toBe(12);
  });

  it('sets no condition without a header or with *', () => {
    expect(expectedVersionOf(undefined)).toBeUndefined();
    expect(expectedVersionOf('*')).toBeUndefined();
  });

  it.each(['7', 'W/"7"', '"0"', '"abc"', '"1", "2"', '""'])('refuses %s naming If-Match', (header) => {
    expect(() => expectedVersionOf(header)).toThrow(ValidationFailedError);
  });

  it('refuses the header sent twice', () => {
    expect(() => expectedVersionOf(['"1"', '"2"'])).toThrow(ValidationFailedError);
  });
});
