import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useTexts } from '@web/console/console-context';
import { COMMENTS_MESSAGES } from './comments-messages';

/**
 * Asks why a comment is rejected (the reason goes into the audit trail). It takes the focus, Enter
 * rejects, Escape goes back to the queue.
 */
export function RejectForm({
  busy,
  onReject,
  onCancel,
}: {
  busy: boolean;
  onReject(reason: string): void;
  onCancel(): void;
}) {
  const t = useTexts(COMMENTS_MESSAGES);
  const [reason, setReason] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Before the form is painted: a key typed as soon as it shows goes into the field, not to the queue.
  useLayoutEffect(() => input.current?.focus(), []);
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim()) onReject(reason.trim());
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <label>
        {t('rejectReason')}
        <input
          ref={input}
          name="reason"
          required
          maxLength={500}
          value={reason}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
      </label>
      <div class="row">
        <button type="submit" class="danger" disabled={busy || !reason.trim()}>
          {t('rejectConfirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
