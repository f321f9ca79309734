import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  AttachmentKind,
  DeskSubmissionView,
  SubmissionAttachmentView,
} from '@app/contracts/reporter/submission.model';
import { useTexts } from '@web/console/console-context';
import { saveDownload } from '@web/console/ui/download';
import { useAction } from '@web/console/ui/use-action';
import { SUBMISSION_MESSAGES } from './submissions-messages';
import { useDeskApi } from './use-desk';

/** Kinds the browser shows as an <img>; videos and PDFs are only downloaded. */
const IMAGE_KINDS: readonly AttachmentKind[] = ['jpeg', 'png', 'webp', 'gif'];

/**
 * The submission's files. The API serves them only as downloads with the staff token, so a preview is
 * fetched as a blob and shown from a blob: URL (the console's CSP allows blob: images), never by
 * pointing an <img> at the API.
 */
export function AttachmentsPanel({ submission }: { submission: DeskSubmissionView }) {
  const t = useTexts(SUBMISSION_MESSAGES);
  const [previews, setPreviews] = useState<Record<string, string>>({});
  const urls = useRef(previews);
  urls.current = previews;
  useEffect(
    () => () => {
      for (const url of Object.values(urls.current)) URL.revokeObjectURL(url);
    },
    [],
  );
  return (
    <section class="card" aria-labelledby="desk-files">
      <h2 id="desk-files">{t('attachments')}</h2>
      {submission.attachments.length === 0 ? (
        <p class="muted">{t('noAttachments')}</p>
      ) : (
        <ul class="desk-files">
          {submission.attachments.map((file) => (
            <Attachment
              key={file.id}
              submissionId={submission.id}
              file={file}
              preview={previews[file.id] ?? null}
              setPreview={(url) =>
                setPreviews((current) => {
                  const next = { ...current };
                  if (next[file.id]) URL.revokeObjectURL(next[file.id]);
                  if (url) next[file.id] = url;
                  else delete next[file.id];
                  return next;
                })
              }
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function Attachment({
  submissionId,
  file,
  preview,
  setPreview,
}: {
  submissionId: string;
  file: SubmissionAttachmentView;
  preview: string | null;
  setPreview(url: string | null): void;
}) {
  const t = useTexts(SUBMISSION_MESSAGES);
  const desk = useDeskApi();
  const { busy, run } = useAction();
  const image = IMAGE_KINDS.includes(file.kind);
  const kilobytes = t.number(Math.max(1, Math.round(file.sizeBytes / 1024)));
  return (
    <li class="desk-file">
      <div class="desk-file-head">
        <span class="desk-file-name">{file.fileName}</span>
        <span class="muted">
          {file.kind.toUpperCase()}, {t('fileSize', { size: kilobytes })}
        </span>
      </div>
      {file.warning === 'metadata_not_removed' ? <p class="desk-warning">{t('metadataKept')}</p> : null}
      <div class="row">
        {image ? (
          <button
            type="button"
            aria-expanded={preview ? 'true' : 'false'}
            disabled={busy}
            onClick={() => {
              if (preview) {
                setPreview(null);
                return;
              }
              void run(
                async () => {
                  const { blob } = await desk.attachment(submissionId, file.id);
                  setPreview(URL.createObjectURL(blob));
                },
                t('previewShown', { name: file.fileName }),
              );
            }}
          >
            {preview ? t('hidePreview') : t('preview')}
          </button>
        ) : null}
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(
              async () => saveDownload(await desk.attachment(submissionId, file.id)),
              t('downloaded', { name: file.fileName }),
            )
          }
        >
          {t('download')}
        </button>
      </div>
      {preview ? (
        <img class="desk-preview" src={preview} alt={t('previewOf', { name: file.fileName })} />
      ) : null}
    </li>
  );
}
