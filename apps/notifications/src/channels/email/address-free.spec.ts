import { withoutAddresses } from './address-free';

describe('withoutAddresses', () => {
  it('hides every email address in a server answer and keeps the rest', () => {
    expect(withoutAddresses('550 5.1.1 <ann@example.org>: Recipient address rejected')).toBe(
      '550 5.1.1 <<address>>: Recipient address rejected',
    );
  });

  it('bounds what it keeps', () => {
    expect(withoutAddresses('x'.repeat(2000))).toHaveLength(500);
  });
});
