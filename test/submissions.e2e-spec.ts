import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import SwaggerParser from '@apidevtools/swagger-parser';
import exifr from 'exifr';
import { Client } from 'pg';
import { HttpAnswer, HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';
import { CAMERA_SERIAL, OWNER, phoneJpeg } from '../apps/reporter/src/testing/sample-images';
import { sampleGif } from '../apps/reporter/src/testing/sample-files';

interface Receipt {
  trackingCode: string;
  status: string;
  receivedAt: string;
}
interface DeskItem {
  id: string;
  title: string;
  status: string;
  assigneeId: string | null;
  version: number;
  attachmentCount: number;
}
interface DeskDetail extends DeskItem {
  contact: { name: string; email: string | null; phone: string | null; location: string | null };
  attachments: { id: string; kind: string; fileName: string; sizeBytes: number; warning?: string }[];
  messages: { at: string; from: string; text: string }[];
  notes: { id: string; staffId: string; text: string }[];
  history: { at: string; staffId: string; from: string; to: string }[];
}
interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** Small limits, so that "one byte over" needs no 50 MB upload; the gateway learns them from the service. */
const LIMITS = { maxFileBytes: 64 * 1024, maxTotalBytes: 160 * 1024, maxFiles: 3 };
const PER_ADDRESS_PER_HOUR = 60;

const DESK = '/api/v1/moderation/submissions';

/** A file of the form: its bytes, the name the sender gave it, the type the browser declared. */
interface FormFile {
  bytes: Buffer;
  name: string;
  type?: string;
}

function formOf(fields: Record<string, string>, files: FormFile[] = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) {
    form.append(
      'files',
      new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  }
  return form;
}

const validFields = (overrides: Record<string, string> = {}): Record<string, string> => ({
  title: 'Во дворе на Садовой прорвало трубу',
  body: 'Вода заливает подвал дома 12 с утра; аварийная служба не отвечает.',
  category: 'city',
  location: 'Садовая, 12',
  name: 'Мария Источникова',
  email: 'maria.source@example.test',
  phone: '+7 900 123-45-67',
  consent: 'true',
  website: '',
  ...overrides,
});

/** A JPEG of exactly `size` bytes: a real photo, then bytes after its end (which the cleaning drops). */
function jpegOfSize(size: number): Buffer {
  const photo = phoneJpeg();
  return Buffer.concat([photo, Buffer.alloc(size - photo.length, 0x20)]);
}

describe('reader-reporter submissions through the gateway', () => {
  let suite: Suite;
  let http: HttpClient;
  let moderator: string;
  let secondModerator: string;
  let moderatorId: string;
  let db: Client;
  let addresses = 0;

  beforeAll(async () => {
    suite = await Suite.start({
      services: ['reporter'],
      // Every test posts from an address of its own, given as a trusted proxy would.
      gatewayEnv: { TRUST_PROXY: '127.0.0.1' },
      serviceEnv: {
        SUBMISSIONS_PER_ADDRESS_PER_HOUR: String(PER_ADDRESS_PER_HOUR),
        SUBMISSION_MAX_FILE_BYTES: String(LIMITS.maxFileBytes),
        SUBMISSION_MAX_TOTAL_BYTES: String(LIMITS.maxTotalBytes),
        SUBMISSION_MAX_FILES: String(LIMITS.maxFiles),
      },
    });
    http = new HttpClient(suite.baseUrl);
    const admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    for (const email of ['desk@reporter.test', 'desk2@reporter.test']) {
      const created = await http.post(
        '/api/v1/admin/staff',
        { email, password: 'moderator-password-123', roles: ['moderator'] },
        { token: admin },
      );
      expect(created.status).toBe(201);
    }
    moderator = await http.login('desk@reporter.test', 'moderator-password-123');
    secondModerator = await http.login('desk2@reporter.test', 'moderator-password-123');
    moderatorId = (await http.get<{ id: string }>('/api/v1/auth/me', { token: moderator })).body.id;
    db = new Client({ connectionString: suite.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await suite?.stop();
  });

  /** A client address no other test posts from. */
  const newAddress = (): string => {
    addresses += 1;
    return `10.77.${addresses >> 8}.${addresses & 255}`;
  };

  async function submit(
    form: FormData,
    options: { address?: string; key?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = {
      'x-forwarded-for': options.address ?? newAddress(),
      ...options.headers,
    };
    if (options.key !== undefined) headers['idempotency-key'] = options.key;
    const response = await fetch(`${suite.baseUrl}/api/v1/submissions`, {
      method: 'POST',
      body: form,
      headers,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the failure message
    }
    return { status: response.status, headers: response.headers, body, text };
  }

  async function deskItems(query = ''): Promise<DeskItem[]> {
    const items: DeskItem[] = [];
    let cursor: string | null = null;
    do {
      const page: HttpAnswer<{ items: DeskItem[]; nextCursor: string | null }> = await http.get(
        `${DESK}?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: moderator },
      );
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  }

  async function detail(id: string, token = moderator): Promise<HttpAnswer<DeskDetail>> {
    return http.get<DeskDetail>(`${DESK}/${id}`, { token });
  }

  /** A submission posted and found on the desk by its (unique) title. */
  async function submitted(fields: Record<string, string> = {}, files: FormFile[] = []) {
    const title = `${fields.title ?? 'Новость'} ${randomUUID().slice(0, 8)}`;
    const answer = await submit(formOf(validFields({ ...fields, title }), files));
    expect(answer.status).toBe(201);
    const item = (await deskItems()).find((candidate) => candidate.title === title);
    if (!item) throw new Error(`submission "${title}" is not on the desk`);
    return { receipt: answer.body as Receipt, id: item.id };
  }

  /** Rows of an intake still staged at the service: nothing may stay behind a refused upload. */
  async function stagedRows(): Promise<number> {
    const { rows } = await db.query<{ staged: string }>(
      `select (select count(*) from reporter.intake)
            + (select count(*) from reporter.attachment where submission_id is null)
            + (select count(*) from reporter.attachment_chunk c
                where not exists (select 1 from reporter.attachment a
                                   where a.id = c.attachment_id and a.submission_id is not null)) as staged`,
    );
    return Number(rows[0].staged);
  }

  async function transition(id: string, to: string, options: { message?: string; ifMatch?: string } = {}) {
    return http.post<DeskDetail>(
      `${DESK}/${id}/transition`,
      { to, ...(options.message ? { messageToSubmitter: options.message } : {}) },
      { token: moderator, headers: options.ifMatch ? { 'if-match': options.ifMatch } : {} },
    );
  }

  it('takes text and two phone photos; the moderator downloads them without GPS or EXIF, as attachments', async () => {
    const photos = [
      { bytes: phoneJpeg(6), name: 'IMG_0001.jpg', type: 'image/jpeg' },
      { bytes: phoneJpeg(1, 48, 24), name: 'Фото «двор».jpeg', type: 'image/jpeg' },
    ];
    const title = `Пожар на складе ${randomUUID().slice(0, 8)}`;
    const answer = await submit(formOf(validFields({ title }), photos));
    expect(answer.status).toBe(201);
    const receipt = answer.body as Receipt;
    expect(receipt.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(receipt.status).toBe('received');
    expect(Date.parse(receipt.receivedAt)).toBeGreaterThan(Date.now() - 60000);

    const item = (await deskItems()).find((candidate) => candidate.title === title)!;
    expect(item).toMatchObject({ status: 'received', attachmentCount: 2 });
    const submission = (await detail(item.id)).body;
    expect(submission.contact).toEqual({
      name: 'Мария Источникова',
      email: 'maria.source@example.test',
      phone: '+7 900 123-45-67',
      location: 'Садовая, 12',
    });
    expect(submission.attachments.map((file) => [file.kind, file.fileName])).toEqual([
      ['jpeg', 'IMG_0001.jpg'],
      ['jpeg', 'Фото «двор».jpeg'],
    ]);

    for (const attachment of submission.attachments) {
      const response = await fetch(`${suite.baseUrl}${DESK}/${item.id}/attachments/${attachment.id}`, {
        headers: { authorization: `Bearer ${moderator}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      const disposition = response.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.jpg"; filename\*=UTF-8''/);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.length).toBe(attachment.sizeBytes);
      expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      expect(await exifr.gps(bytes)).toBeUndefined();
      const found = ((await exifr.parse(bytes, {
        tiff: true,
        exif: true,
        gps: true,
        xmp: true,
        iptc: true,
      })) ?? {}) as Record<string, unknown>;
      // Only the orientation stays, so that the photo is shown upright.
      expect(Object.keys(found).filter((key) => key !== 'Orientation')).toEqual([]);
      const text = bytes.toString('latin1');
      for (const trace of [OWNER, CAMERA_SERIAL, 'PhoneMaker']) expect(text).not.toContain(trace);
    }
    const second = submission.attachments[1];
    const saved = await fetch(`${suite.baseUrl}${DESK}/${item.id}/attachments/${second.id}`, {
      headers: { authorization: `Bearer ${moderator}` },
    });
    expect(saved.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Фото «двор».jpg')}`,
    );
    await saved.arrayBuffer();
  });

  it('takes every field and file at exactly its limit', async () => {
    const { id } = await submitted(
      {
        title: 'Т'.repeat(191),
        body: 'Ж'.repeat(20000),
        name: 'И'.repeat(200),
        location: 'М'.repeat(500),
        email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.ru`,
        phone: `+7${'9'.repeat(38)}`,
      },
      [
        { bytes: jpegOfSize(LIMITS.maxFileBytes), name: 'a.jpg' },
        { bytes: jpegOfSize(LIMITS.maxFileBytes), name: 'b.jpg' },
        { bytes: jpegOfSize(LIMITS.maxTotalBytes - 2 * LIMITS.maxFileBytes), name: 'c.jpg' },
      ],
    );
    const stored = (await detail(id)).body;
    expect(stored.attachments).toHaveLength(3);
    expect(stored.contact.email).toHaveLength(254);
    expect(stored.contact.phone).toHaveLength(40);
  });

  describe('refuses each limit one byte or character over, naming the field or file, and keeps nothing', () => {
    const fileOf = (size: number, name: string): FormFile => ({ bytes: jpegOfSize(size), name });
    const cases: [string, Record<string, string>, FormFile[], number, string, string][] = [
      ['a title', { title: 'Т'.repeat(201) }, [], 413, 'field_too_large', 'title'],
      ['a body', { body: 'Ж'.repeat(20001) }, [], 413, 'field_too_large', 'body'],
      ['a name', { name: 'И'.repeat(201) }, [], 413, 'field_too_large', 'name'],
      ['a location', { location: 'М'.repeat(501) }, [], 413, 'field_too_large', 'location'],
      ['an email', { email: `${'e'.repeat(242)}@example.test` }, [], 413, 'field_too_large', 'email'],
      ['a phone', { phone: `+7${'9'.repeat(39)}` }, [], 413, 'field_too_large', 'phone'],
      [
        'a file',
        {},
        [fileOf(4000, 'small.jpg'), fileOf(LIMITS.maxFileBytes + 1, 'too-big.jpg')],
        413,
        'file_too_large',
        'too-big.jpg',
      ],
      [
        'the files together',
        {},
        [
          fileOf(LIMITS.maxFileBytes, 'one.jpg'),
          fileOf(LIMITS.maxFileBytes, 'two.jpg'),
          fileOf(LIMITS.maxTotalBytes - 2 * LIMITS.maxFileBytes + 1, 'three.jpg'),
        ],
        413,
        'submission_too_large',
        'three.jpg',
      ],
      [
        'the number of files',
        {},
        [fileOf(4000, '1.jpg'), fileOf(4000, '2.jpg'), fileOf(4000, '3.jpg'), fileOf(4000, 'fourth.jpg')],
        413,
        'too_many_files',
        'fourth.jpg',
      ],
    ];

    it.each(cases)('%s', async (_what, fields, files, status, code, named) => {
      const before = (await deskItems()).length;
      const answer = await submit(formOf(validFields(fields), files));
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      const problem = answer.body as Problem;
      expect(problem.code).toBe(code);
      expect(JSON.stringify(problem.errors)).toContain(named);
      expect((await deskItems()).length).toBe(before);
      await waitFor(async () => (await stagedRows()) === 0, 5000, 'the refused upload to be gone');
    });
  });

  it('recognises files by their bytes: a GIF named .pdf is taken as a GIF, a text named .jpg is refused (415)', async () => {
    const { id } = await submitted({}, [{ bytes: sampleGif(), name: 'scan.pdf', type: 'application/pdf' }]);
    const attachments = (await detail(id)).body.attachments;
    expect(attachments.map((file) => file.kind)).toEqual(['gif']);
    const download = await fetch(`${suite.baseUrl}${DESK}/${id}/attachments/${attachments[0].id}`, {
      headers: { authorization: `Bearer ${moderator}` },
    });
    expect(download.headers.get('content-type')).toBe('image/gif');
    expect(download.headers.get('content-disposition')).toContain('filename="scan.gif"');
    await download.arrayBuffer();

    const before = (await deskItems()).length;
    const text = {
      bytes: Buffer.from('not a photo at all, just words\n'.repeat(20)),
      name: 'photo.jpg',
      type: 'image/jpeg',
    };
    const refused = await submit(formOf(validFields(), [text]));
    expect(refused.status).toBe(415);
    expect((refused.body as Problem).code).toBe('file_kind_not_allowed');
    expect(JSON.stringify((refused.body as Problem).errors)).toContain('photo.jpg');
    expect((await deskItems()).length).toBe(before);
    await waitFor(async () => (await stagedRows()) === 0, 5000, 'the refused upload to be gone');
  });

  it('refuses a filled honeypot (422), consent not given and neither email nor phone (400), naming the field', async () => {
    const before = (await deskItems()).length;
    const honeypot = await submit(formOf(validFields({ website: 'http://spam.example' })));
    expect(honeypot.status).toBe(422);
    expect((honeypot.body as Problem).errors).toEqual([expect.objectContaining({ field: 'website' })]);

    for (const consent of ['false', 'on', '']) {
      const answer = await submit(formOf(validFields({ consent })));
      expect(answer.status).toBe(400);
      expect((answer.body as Problem).errors?.map((error) => error.field)).toContain('consent');
    }
    const noContact = await submit(formOf(validFields({ email: '', phone: '' })));
    expect(noContact.status).toBe(400);
    expect((noContact.body as Problem).errors?.map((error) => error.field)).toContain('email');
    const phoneOnly = await submit(formOf(validFields({ email: '' })));
    expect(phoneOnly.status).toBe(201);

    expect((await deskItems()).length).toBe(before + 1);
  });

  it('takes a form whose file input was left empty, as browsers send it, as one without files', async () => {
    // A browser sends an empty file input as a part with filename="" and no bytes.
    const boundary = '----browserBoundary7MA4YWxk';
    const part = (headers: string, value: string | Buffer): Buffer =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`),
        Buffer.from(value),
        Buffer.from('\r\n'),
      ]);
    const browserForm = (file: Buffer): Buffer =>
      Buffer.concat([
        ...Object.entries(validFields()).map(([name, value]) =>
          part(`Content-Disposition: form-data; name="${name}"`, value),
        ),
        part(
          'Content-Disposition: form-data; name="files"; filename=""\r\nContent-Type: application/octet-stream',
          file,
        ),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
    const send = (body: Buffer) =>
      fetch(`${suite.baseUrl}/api/v1/submissions`, {
        method: 'POST',
        body,
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'x-forwarded-for': newAddress(),
        },
      });
    expect((await send(browserForm(Buffer.alloc(0)))).status).toBe(201);
    // undici's FormData sends the same as a text part named "files".
    const empty = formOf(validFields());
    empty.append('files', new Blob([]), '');
    expect((await submit(empty)).status).toBe(201);
    const nameless = await send(browserForm(phoneJpeg()));
    expect(nameless.status).toBe(400);
    expect(((await nameless.json()) as Problem).errors).toEqual([
      expect.objectContaining({ field: 'files' }),
    ]);
  });

  it('refuses a body that is not a multipart form (415) and a malformed Idempotency-Key (400)', async () => {
    const json = await http.post('/api/v1/submissions', validFields());
    expect(json.status).toBe(415);
    const badKey = await submit(formOf(validFields()), { key: 'has spaces in it' });
    expect(badKey.status).toBe(400);
    expect((badKey.body as Problem).errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
  });

  it('limits submissions per client address, with Retry-After', async () => {
    const address = newAddress();
    // Refused posts count too: the service counts every upload it opens.
    const answers = await Promise.all(
      Array.from({ length: PER_ADDRESS_PER_HOUR }, () =>
        submit(formOf(validFields({ consent: 'false' })), { address }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 400));
    const limited = await submit(formOf(validFields()), { address });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await submit(formOf(validFields()))).status).toBe(201);
  });

  it('keeps nothing of an upload whose client went away in the middle of a file', async () => {
    const before = (await deskItems()).length;
    const files = [
      { bytes: phoneJpeg(), name: 'whole.jpg' },
      { bytes: jpegOfSize(LIMITS.maxFileBytes), name: 'half.jpg' },
    ];
    const form = new Response(formOf(validFields(), files));
    const contentType = form.headers.get('content-type')!;
    const body = Buffer.from(await form.arrayBuffer());
    const url = new URL(suite.baseUrl);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/v1/submissions HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: ${contentType}\r\n` +
        `Content-Length: ${body.length}\r\nX-Forwarded-For: ${newAddress()}\r\n\r\n`,
    );
    socket.write(body.subarray(0, body.length - 20 * 1024));
    // The first file is stored (staged) before the client goes in the middle of the second.
    await waitFor(
      async () =>
        (await db.query('select 1 from reporter.attachment where intake_id is not null')).rowCount! > 0,
      10000,
      'the first file to be staged',
    );
    socket.destroy();
    await waitFor(async () => (await stagedRows()) === 0, 10000, 'the abandoned upload to be gone');
    expect((await deskItems()).length).toBe(before);
  });

  it('describes every submission route in the OpenAPI document, the desk ones for moderators', async () => {
    const document = (await http.get('/api/docs-json')).body as {
      paths: Record<
        string,
        Record<string, { 'x-required-role'?: string; requestBody?: { content: object } }>
      >;
    };
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    const post = document.paths['/api/v1/submissions'].post;
    expect(Object.keys(post.requestBody!.content)).toEqual(['multipart/form-data']);
    const desk = Object.entries(document.paths).filter(([path]) => path.startsWith(DESK));
    expect(desk.map(([path]) => path).sort()).toEqual([
      DESK,
      `${DESK}/{id}`,
      `${DESK}/{id}/assign`,
      `${DESK}/{id}/attachments/{attachmentId}`,
      `${DESK}/{id}/notes`,
      `${DESK}/{id}/transition`,
    ]);
    for (const [, operations] of desk) {
      for (const operation of Object.values(operations))
        expect(operation['x-required-role']).toBe('moderator');
    }
    expect(document.paths['/api/v1/submissions/track/{trackingCode}'].get['x-required-role']).toBeUndefined();
  });

  it('makes one submission of 50 concurrent posts with one Idempotency-Key, and refuses the key for another body', async () => {
    const key = `retry-${randomUUID()}`;
    const address = newAddress();
    const title = `Один раз ${randomUUID().slice(0, 8)}`;
    const photo = { bytes: phoneJpeg(), name: 'once.jpg' };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => submit(formOf(validFields({ title }), [photo]), { key, address })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    const codes = new Set(answers.map((answer) => (answer.body as Receipt).trackingCode));
    expect(codes.size).toBe(1);
    expect((await deskItems()).filter((item) => item.title === title)).toHaveLength(1);

    const again = await submit(formOf(validFields({ title }), [photo]), { key, address });
    expect(again.status).toBe(201);
    expect((again.body as Receipt).trackingCode).toBe([...codes][0]);
    const other = await submit(formOf(validFields({ title: `${title} (другой текст)` }), [photo]), {
      key,
      address,
    });
    expect(other.status).toBe(422);
    expect((other.body as Problem).code).toBe('idempotency_key_reused');
    await waitFor(async () => (await stagedRows()) === 0, 5000, 'the duplicate uploads to be gone');
  });

  it('shows the submitter status and messages by tracking code, never contact data, notes or assignee', async () => {
    const { receipt, id } = await submitted();
    const note = `Внутренняя заметка ${randomUUID()}`;
    expect((await http.post(`${DESK}/${id}/notes`, { text: note }, { token: moderator })).status).toBe(201);
    expect(
      (await http.post(`${DESK}/${id}/assign`, { staffId: moderatorId }, { token: moderator })).status,
    ).toBe(200);
    const tracked = await http.get(`/api/v1/submissions/track/${receipt.trackingCode}`);
    expect(tracked.status).toBe(200);
    expect(Object.keys(tracked.body).sort()).toEqual(['messages', 'status', 'updatedAt']);
    for (const secret of ['Мария', 'maria.source', '123-45-67', 'Садовая', note, moderatorId]) {
      expect(tracked.text).not.toContain(secret);
    }
    const lower = await http.get(`/api/v1/submissions/track/${receipt.trackingCode.toLowerCase()}`);
    expect(lower.status).toBe(200);
    expect((await http.get('/api/v1/submissions/track/AAAA-BBBB-CCCC-DDDD')).status).toBe(404);
  });

  it('keeps every desk route from anonymous callers (401) and readers (401)', async () => {
    const { id } = await submitted();
    const attachmentId = randomUUID();
    const reader = await http.readerToken();
    const routes: [string, string, unknown?][] = [
      ['GET', DESK],
      ['GET', `${DESK}/${id}`],
      ['POST', `${DESK}/${id}/transition`, { to: 'in_review' }],
      ['POST', `${DESK}/${id}/assign`, { staffId: null }],
      ['POST', `${DESK}/${id}/notes`, { text: 'x' }],
      ['GET', `${DESK}/${id}/attachments/${attachmentId}`],
    ];
    for (const [method, path, body] of routes) {
      for (const credentials of [{}, { readerToken: reader }]) {
        const answer = await http.call(path, { method, body, ...credentials });
        expect([method, path, answer.status]).toEqual([method, path, 401]);
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
      }
    }
    expect((await detail(id)).body.status).toBe('received');
  });

  it('follows a submission from received to published, with a question answered through tracking and the history', async () => {
    const { receipt, id } = await submitted();
    const steps: [string, string?][] = [['in_review'], ['needs_info', 'Пришлите, пожалуйста, фото подвала.']];
    for (const [to, message] of steps) expect((await transition(id, to, { message })).status).toBe(200);

    const asked = await http.get(`/api/v1/submissions/track/${receipt.trackingCode}`);
    expect(asked.body).toMatchObject({
      status: 'needs_info',
      messages: [{ from: 'newsroom', text: 'Пришлите, пожалуйста, фото подвала.' }],
    });
    const answered = await http.post(`/api/v1/submissions/track/${receipt.trackingCode}/messages`, {
      text: 'Фото пришлю вечером, подвал затоплен по колено.',
    });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ from: 'submitter' });

    for (const to of ['in_review', 'accepted', 'published'])
      expect((await transition(id, to)).status).toBe(200);
    const final = (await detail(id)).body;
    expect(final.status).toBe('published');
    expect(final.history.map((step) => [step.from, step.to, step.staffId])).toEqual([
      ['received', 'in_review', moderatorId],
      ['in_review', 'needs_info', moderatorId],
      ['needs_info', 'in_review', moderatorId],
      ['in_review', 'accepted', moderatorId],
      ['accepted', 'published', moderatorId],
    ]);
    expect(final.messages.map((message) => message.from)).toEqual(['newsroom', 'submitter']);
    const closed = await http.post(`/api/v1/submissions/track/${receipt.trackingCode}/messages`, {
      text: 'Ещё',
    });
    expect(closed.status).toBe(422);
    expect((await transition(id, 'in_review')).status).toBe(409);
  });

  it('lets one of two moderators win a change made with the same If-Match; the other gets 412', async () => {
    const { id } = await submitted();
    const first = await detail(id);
    const etag = first.headers.get('etag')!;
    expect(etag).toBe(`"${first.body.version}"`);
    const [one, two] = await Promise.all([
      http.post(
        `${DESK}/${id}/transition`,
        { to: 'in_review' },
        { token: moderator, headers: { 'if-match': etag } },
      ),
      http.post(
        `${DESK}/${id}/transition`,
        { to: 'spam' },
        { token: secondModerator, headers: { 'if-match': etag } },
      ),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 412]);
    const winner = one.status === 200 ? one : two;
    expect(winner.headers.get('etag')).toBe(`"${(winner.body as DeskDetail).version}"`);
    expect((await detail(id)).body.status).toBe((winner.body as DeskDetail).status);
    const malformed = await transition(id, 'accepted', { ifMatch: 'W/"1"' });
    expect(malformed.status).toBe(400);
  });

  it('filters the desk list by status, assignee, category and words', async () => {
    const word = `уникальноеслово${randomUUID()
      .slice(0, 6)
      .replace(/[^a-f]/g, 'x')}`;
    const { id } = await submitted({ category: 'transport', body: `Автобус 47 не пришёл: ${word}` });
    await http.post(`${DESK}/${id}/assign`, { staffId: moderatorId }, { token: moderator });
    expect((await deskItems(`&q=${encodeURIComponent(word)}`)).map((item) => item.id)).toEqual([id]);
    expect((await deskItems('&assignee=me&category=transport')).map((item) => item.id)).toContain(id);
    expect((await deskItems('&status=published')).map((item) => item.id)).not.toContain(id);
    expect((await deskItems('&assignee=none')).map((item) => item.id)).not.toContain(id);
    const bad = await http.get(`${DESK}?status=lost`, { token: moderator });
    expect(bad.status).toBe(400);
  });
});
