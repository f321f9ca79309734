import { ROLES, SERVICES as CONTRACT_SERVICES, WEBHOOK_EVENT_TYPES } from '@app/contracts';
import { ROLE_CHOICES, SERVICES, WEBHOOK_EVENTS } from '../apps/gateway/web/console/screens/admin/admin-api';
import { consolePathOf } from '../apps/gateway/web/console/screens/notifications/notice-link';
import {
  changedPreferences,
  withChannel,
} from '../apps/gateway/web/console/screens/notifications/preferences';

/** The console's own copies of the contracts' lists, and the small rules its screens follow. */
describe('the console: notifications and administration rules', () => {
  it('offers exactly the webhook events, services and roles the API accepts', () => {
    expect([...WEBHOOK_EVENTS].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    expect([...SERVICES].sort()).toEqual([...CONTRACT_SERVICES].sort());
    expect([...ROLE_CHOICES].sort()).toEqual([...ROLES].sort());
  });

  it("opens an entry's link inside the console, and never another origin", () => {
    expect(consolePathOf('comments?queue=pending')).toBe('/comments?queue=pending');
    expect(consolePathOf('polls/42')).toBe('/polls/42');
    expect(consolePathOf('settings/notifications')).toBe('/notifications/settings');
    expect(consolePathOf('settings/webhooks')).toBe('/admin/webhooks');
    expect(consolePathOf(null)).toBeNull();
    expect(consolePathOf('javascript:alert(1)')).toBeNull();
    expect(consolePathOf('https://elsewhere.test/')).toBeNull();
    expect(consolePathOf('//elsewhere.test/')).toBe('/elsewhere.test/');
  });

  it('saves only the preference rows that changed', () => {
    const loaded = [
      { type: 'comment.held' as const, inApp: true, email: true, telegram: true },
      { type: 'poll.closed' as const, inApp: true, email: true, telegram: true },
    ];
    expect(changedPreferences(loaded, loaded)).toEqual([]);
    const edited = withChannel(loaded, 'poll.closed', 'email', false);
    expect(changedPreferences(loaded, edited)).toEqual([
      { type: 'poll.closed', inApp: true, email: false, telegram: true },
    ]);
    expect(changedPreferences(loaded, withChannel(edited, 'poll.closed', 'email', true))).toEqual([]);
  });
});
