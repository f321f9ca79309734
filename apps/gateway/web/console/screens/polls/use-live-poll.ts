import { useEffect, useState } from 'preact/hooks';
import type { PollView } from '@app/contracts/polls/poll.model';
import { POLL_ROUTES } from '@web/console/api/routes';
import { useConsole } from '@web/console/console-context';

/**
 * The poll as the server last described it: `initial`, then every `results` event of its live stream
 * (read with the staff token, so the results are whole), and whatever an action on this screen returned
 * (`replace`). The stream stops when the screen goes away, and once the poll is closed: its results
 * no longer change.
 */
export function useLivePoll(initial: PollView): { poll: PollView; replace(poll: PollView): void } {
  const { api } = useConsole();
  const [poll, setPoll] = useState(initial);
  useEffect(() => setPoll(initial), [initial]);
  const closed = poll.status === 'closed';
  useEffect(() => {
    if (closed) return;
    const stop = new AbortController();
    void api.stream(
      POLL_ROUTES.live,
      (event, data) => {
        const live = data as PollView | null;
        if (event === 'results' && live && live.id === initial.id) setPoll(live);
      },
      stop.signal,
      { id: initial.id },
    );
    return () => stop.abort();
  }, [api, initial.id, closed]);
  return { poll, replace: setPoll };
}
