import { isWithinEditWindow } from './edit-window';

describe('isWithinEditWindow', () => {
  const created = new Date('2026-05-01T10:00:00.000Z');

  it('allows an edit up to the last millisecond of the window, and not one after', () => {
    expect(isWithinEditWindow(created, new Date('2026-05-01T10:15:00.000Z'), 15)).toBe(true);
    expect(isWithinEditWindow(created, new Date('2026-05-01T10:15:00.001Z'), 15)).toBe(false);
  });

  it('allows no edit at all with a window of 0 minutes once any time has passed', () => {
    expect(isWithinEditWindow(created, new Date('2026-05-01T10:00:00.001Z'), 0)).toBe(false);
  });
});
