import { useEffect, useRef } from 'preact/hooks';
import { useTexts } from '@web/console/console-context';
import { ADMIN_MESSAGES } from './admin-messages';

/**
 * The second click a deletion asks for. The confirming button takes the focus (the one clicked to
 * get here is gone), so the keyboard stays on the row.
 */
export function ConfirmDelete({
  what,
  busy,
  onConfirm,
  onCancel,
}: {
  what: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const t = useTexts(ADMIN_MESSAGES);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <>
      <button
        ref={confirm}
        type="button"
        class="danger"
        disabled={busy}
        aria-label={`${t('confirmDelete')}: ${what}`}
        onClick={onConfirm}
      >
        {t('confirmDelete')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </>
  );
}
