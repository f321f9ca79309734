import { ChangeGenerations } from './change-generations';

describe('change generations of a gateway cache', () => {
  it('tells a load that started before a change of its key from one that did not', () => {
    const changes = new ChangeGenerations(10);
    const before = changes.mark('a');
    const other = changes.mark('b');
    changes.changed('a');
    expect(changes.unchangedSince('a', before)).toBe(false);
    expect(changes.unchangedSince('b', other)).toBe(true);
    expect(changes.unchangedSince('a', changes.mark('a'))).toBe(true);
  });

  it('still refuses an old load once the counters were forgotten for their number', () => {
    const changes = new ChangeGenerations(2);
    const before = changes.mark('a');
    // Four keys reach the bound (2 × 2); the fifth change forgets every counter.
    for (const key of ['a', 'b', 'c', 'd', 'e']) changes.changed(key);
    expect(changes.unchangedSince('a', before)).toBe(false);
    expect(changes.unchangedSince('a', changes.mark('a'))).toBe(true);
  });

  it('refuses every earlier load after everything changed', () => {
    const changes = new ChangeGenerations(10);
    const before = changes.mark('a');
    changes.everythingChanged();
    expect(changes.unchangedSince('a', before)).toBe(false);
  });
});
