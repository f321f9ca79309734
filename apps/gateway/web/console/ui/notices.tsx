import { useEffect, useState } from 'preact/hooks';
import { useConsole, useTexts } from '../console-context';
import { SHELL_MESSAGES } from '../i18n/shell-messages';

/**
 * Where the console says what became of each action. Two live regions that exist from the start (a
 * region added together with its text is often not announced): polite for successes, assertive for
 * failures.
 */
export function Notices() {
  const { notices } = useConsole();
  const t = useTexts(SHELL_MESSAGES);
  const [current, setCurrent] = useState(notices.current);
  useEffect(() => notices.subscribe(() => setCurrent(notices.current)), [notices]);
  const render = (kind: 'success' | 'failure') =>
    current
      .filter((notice) => notice.kind === kind)
      .map((notice) => (
        <div key={notice.id} class={`notice notice-${kind}`}>
          <span>{notice.text}</span>
          <button
            type="button"
            class="notice-close"
            aria-label={t('dismiss')}
            onClick={() => notices.dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ));
  return (
    <div class="notices">
      <div role="status" aria-live="polite" class="notice-list">
        {render('success')}
      </div>
      <div role="alert" aria-live="assertive" class="notice-list">
        {render('failure')}
      </div>
    </div>
  );
}
