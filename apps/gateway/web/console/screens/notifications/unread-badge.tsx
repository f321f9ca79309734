import { useEffect } from 'preact/hooks';
import { useConsole, useSession, useTexts } from '@web/console/console-context';
import { NOTIFICATION_MESSAGES } from './notifications-messages';
import { useLiveUnread } from './use-live-unread';

/**
 * The unread count beside the Notifications link in the header. It keeps the notification stream open
 * while someone is signed in (a new token, a new stream) and shows what it says; nothing at zero.
 */
export function UnreadBadge() {
  const { api } = useConsole();
  const session = useSession();
  const t = useTexts(NOTIFICATION_MESSAGES);
  const { live, unread, streaming } = useLiveUnread();
  const token = session?.token;
  useEffect(() => {
    if (!token) return;
    const stop = new AbortController();
    void live.follow(api, stop.signal);
    return () => stop.abort();
  }, [api, live, token]);
  // The region exists from the start, so a screen reader announces the count when it appears.
  return (
    <span
      class="unread-slot"
      role="status"
      data-unread={unread ?? undefined}
      data-live={streaming ? 'true' : undefined}
    >
      {unread ? (
        <span class="badge unread-badge">
          <span aria-hidden="true">{t.number(unread)}</span>
          <span class="visually-hidden">{t('unreadCount', { count: unread })}</span>
        </span>
      ) : null}
    </span>
  );
}
