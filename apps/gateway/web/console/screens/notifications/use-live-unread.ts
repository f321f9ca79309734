import { useEffect, useState } from 'preact/hooks';
import { useConsole } from '@web/console/console-context';
import { liveUnreadOf, type LiveUnread } from './live-unread';

/** The live unread count and arrivals; re-renders when either changes. */
export function useLiveUnread(): {
  live: LiveUnread;
  unread: number | null;
  arrivals: number;
  streaming: boolean;
} {
  const { api } = useConsole();
  const live = liveUnreadOf(api);
  const [, setVersion] = useState(0);
  useEffect(() => live.subscribe(() => setVersion((n) => n + 1)), [live]);
  return { live, unread: live.unread, arrivals: live.arrivals, streaming: live.live };
}
