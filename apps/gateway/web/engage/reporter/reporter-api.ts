import type {
  SubmissionMessageView,
  SubmissionReceiptView,
  TrackingView,
} from '@app/contracts/reporter/submission.model';
import { request, type Answer } from '../api/request';
import { API } from '../api/script-context';

/** The text fields of a submission, in API.md's names; empty optional ones are left out. */
export interface SubmissionFields {
  title: string;
  body: string;
  category: string;
  location: string;
  name: string;
  email: string;
  phone: string;
  /** The honeypot: people never see it, so anything in it came from a form-filling robot. */
  website: string;
}

export interface Upload {
  /** Settles with the answer, status 0 when the network failed, and never throws. */
  readonly answer: Promise<Answer<SubmissionReceiptView>>;
  cancel(): void;
}

const code = encodeURIComponent;

function headerValue(xhr: XMLHttpRequest, name: string): string | null {
  try {
    return xhr.getResponseHeader(name);
  } catch {
    return null;
  }
}

/**
 * The reporter API as a submitter calls it. Submissions go through XMLHttpRequest, not fetch: only it
 * reports upload progress, which a reader on a slow connection sending a video needs to see.
 */
export class ReporterApi {
  constructor(private readonly language: string) {}

  submit(
    fields: SubmissionFields,
    files: readonly File[],
    idempotencyKey: string,
    onProgress: (sent: number, total: number) => void,
  ): Upload {
    const form = new FormData();
    // The text fields first: the gateway checks them before it starts streaming any file.
    for (const name of Object.keys(fields) as (keyof SubmissionFields)[]) {
      if (fields[name] !== '' || name === 'website') form.append(name, fields[name]);
    }
    form.append('consent', 'true');
    for (const file of files) form.append('files', file, file.name);

    const xhr = new XMLHttpRequest();
    const answer = new Promise<Answer<SubmissionReceiptView>>((resolve) => {
      const failed = () => resolve({ status: 0, body: null, retryAfter: null });
      xhr.addEventListener('error', failed);
      xhr.addEventListener('abort', failed);
      xhr.addEventListener('timeout', failed);
      xhr.addEventListener('load', () => {
        let body: SubmissionReceiptView | null = null;
        try {
          body = JSON.parse(String(xhr.responseText)) as SubmissionReceiptView;
        } catch {
          // not JSON (a proxy's error page): the status says enough
        }
        resolve({ status: xhr.status, body, retryAfter: headerValue(xhr, 'Retry-After') });
      });
    });
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    xhr.open('POST', API + '/api/v1/submissions');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', this.language);
    xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    xhr.send(form);
    return { answer, cancel: () => xhr.abort() };
  }

  track(trackingCode: string): Promise<Answer<TrackingView>> {
    return request<TrackingView>(`/api/v1/submissions/track/${code(trackingCode)}`, {
      language: this.language,
    });
  }

  reply(trackingCode: string, text: string): Promise<Answer<SubmissionMessageView>> {
    return request<SubmissionMessageView>(`/api/v1/submissions/track/${code(trackingCode)}/messages`, {
      method: 'POST',
      body: { text },
      language: this.language,
    });
  }
}
