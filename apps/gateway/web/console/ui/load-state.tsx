import type { ComponentChildren } from 'preact';
import { ApiFailure } from '../api/staff-api';
import { useTexts, type Loaded } from '../console-context';
import { SHELL_MESSAGES } from '../i18n/shell-messages';

/**
 * What a screen shows around its data: "loading" the first time, the failure (the server's own words)
 * with a retry, else the content, which stays on screen while a reload runs.
 */
export function LoadState<T>({
  loaded,
  children,
}: {
  loaded: Loaded<T>;
  children: (data: T) => ComponentChildren;
}) {
  const t = useTexts(SHELL_MESSAGES);
  if (loaded.data === null && loaded.loading) {
    return (
      <p class="muted" role="status">
        {t('loading')}
      </p>
    );
  }
  if (loaded.data === null || (loaded.error && !loaded.loading)) {
    const message = loaded.error instanceof ApiFailure ? loaded.error.message : t('unexpected');
    return (
      <div class="refusal" role="alert">
        <p>{message}</p>
        <button type="button" onClick={() => loaded.reload()}>
          {t('retry')}
        </button>
      </div>
    );
  }
  return <>{children(loaded.data)}</>;
}
