import { useState } from 'preact/hooks';
import { useConsole } from '../console-context';

/**
 * Runs a person's action (approve, save, delete): busy while it runs (buttons disable on it), a
 * success notice with `done`'s text, or the failure's own message. Resolves to whether it succeeded.
 */
export function useAction(): {
  busy: boolean;
  run(action: () => Promise<unknown>, done: string): Promise<boolean>;
} {
  const { notices } = useConsole();
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<unknown>, done: string): Promise<boolean> {
    setBusy(true);
    try {
      await action();
      notices.success(done);
      return true;
    } catch (error) {
      notices.failure(error);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}
