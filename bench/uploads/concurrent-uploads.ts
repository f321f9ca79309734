import { randomUUID } from 'node:crypto';
import { RssMeter } from '../report/rss-meter';

export interface UploadFigures {
  uploads: number;
  fileBytes: number;
  /** Wall time from the first byte sent to the last 201. */
  elapsedMs: number;
  /** Bytes the service stored (after cleaning) per second, end to end. */
  storedBytesPerSecond: number;
  receivedBytesPerSecond: number;
  statuses: Record<string, number>;
  firstError?: string;
  /** Peak resident memory over idle during the run, by process. */
  rss: Record<string, { idleBytes: number; peakBytes: number; growthBytes: number }>;
}

interface DeskPage {
  items: { id: string; title: string }[];
  nextCursor: string | null;
}

/**
 * Scenario (j): `count` readers each send the same large photo at the same moment, each from an address
 * of their own; the resident memory of the gateway and of the reporter is sampled throughout. What the
 * service stored is read back from the desk afterwards (the cleaned sizes), so the rate counts bytes
 * that reached the database, not bytes sent.
 */
export async function runConcurrentUploads(options: {
  baseUrl: string;
  moderatorToken: string;
  photo: Buffer;
  count: number;
  pids: Record<string, number>;
}): Promise<UploadFigures> {
  const { baseUrl, photo, count } = options;
  const run = randomUUID().slice(0, 8);
  const meter = new RssMeter(options.pids);
  const statuses: Record<string, number> = {};
  let firstError: string | undefined;
  meter.start();
  const began = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const form = new FormData();
      form.append('title', `Bench upload ${run} ${index}`);
      form.append('body', 'A large photo from the scene.');
      form.append('name', 'Bench Reader');
      form.append('email', 'reader@bench.test');
      form.append('consent', 'true');
      form.append('files', new Blob([photo], { type: 'image/jpeg' }), `photo-${index}.jpg`);
      const response = await fetch(`${baseUrl}/api/v1/submissions`, {
        method: 'POST',
        body: form,
        headers: { 'x-forwarded-for': `10.250.${run.charCodeAt(0)}.${index + 1}` },
      });
      const text = await response.text();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status !== 201) firstError ??= `${response.status} ${text.slice(0, 300)}`;
    }),
  );
  const elapsedMs = performance.now() - began;
  const rss = meter.stop();
  const stored = await storedBytes(baseUrl, options.moderatorToken, `Bench upload ${run} `);
  return {
    uploads: count,
    fileBytes: photo.length,
    elapsedMs,
    storedBytesPerSecond: stored / (elapsedMs / 1000),
    receivedBytesPerSecond: (count * photo.length) / (elapsedMs / 1000),
    statuses,
    ...(firstError ? { firstError } : {}),
    rss,
  };
}

/** The cleaned bytes of every attachment of the submissions whose title starts with `prefix`. */
async function storedBytes(baseUrl: string, token: string, prefix: string): Promise<number> {
  const headers = { authorization: `Bearer ${token}` };
  const page = (await (
    await fetch(`${baseUrl}/api/v1/moderation/submissions?limit=100`, { headers })
  ).json()) as DeskPage;
  let total = 0;
  for (const item of page.items.filter((candidate) => candidate.title.startsWith(prefix))) {
    const detail = (await (
      await fetch(`${baseUrl}/api/v1/moderation/submissions/${item.id}`, { headers })
    ).json()) as {
      attachments: { sizeBytes: number }[];
    };
    total += detail.attachments.reduce((sum, attachment) => sum + attachment.sizeBytes, 0);
  }
  return total;
}
