import { loadConfig } from '@app/runtime';
import { NotificationsEnv } from './notifications.config';

/** The throughput limits added with batched fan-out, at and past their edges. */
describe('NotificationsEnv', () => {
  it.each([
    ['EVENT_BATCH_MAX', '1', '1000', ['0', '1001']],
    ['SMTP_MAX_CONNECTIONS', '1', '256', ['0', '257']],
  ] as const)(
    'takes %s from %s to %s and refuses what lies past either edge',
    (name, lowest, highest, outside) => {
      for (const value of [lowest, highest]) {
        expect(loadConfig(NotificationsEnv, { [name]: value })[name]).toBe(Number(value));
      }
      for (const value of outside) {
        expect(() => loadConfig(NotificationsEnv, { [name]: value })).toThrow(name);
      }
    },
  );

  it('keeps its defaults when nothing is set', () => {
    const env = loadConfig(NotificationsEnv, {});
    expect([env.EVENT_BATCH_MAX, env.SMTP_MAX_CONNECTIONS]).toEqual([100, 8]);
  });
});
