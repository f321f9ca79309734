import { ODD_TEXT } from './body-mutations';
import type { HostileRequest } from './hostile-request';
import { Operation, operationName } from './openapi-operations';
import { stringOfLength, validValue } from './schema-values';

const BOUNDARY = 'hostile-boundary';
const CRLF = '\r\n';

type Part = { name?: string; filename?: string; type?: string; value: string | Buffer; header?: string };

/** A multipart body from parts, exactly as written (no escaping, so names can be hostile too). */
export function multipartBody(parts: Part[], boundary = BOUNDARY, closed = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.header ??
      `Content-Disposition: form-data${part.name !== undefined ? `; name="${part.name}"` : ''}${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const type = part.type ? `${CRLF}Content-Type: ${part.type}` : '';
    chunks.push(
      Buffer.from(`--${boundary}${CRLF}${disposition}${type}${CRLF}${CRLF}`),
      Buffer.from(part.value),
      Buffer.from(CRLF),
    );
  }
  if (closed) chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return Buffer.concat(chunks);
}

/** The form fields of a valid submission (no file), one part each. */
function validParts(operation: Operation): Part[] {
  const schema = operation.body ?? {};
  return (schema.required ?? [])
    .map((name) => ({ name, value: String(validValue(schema.properties?.[name] ?? {})) }))
    .concat([{ name: 'email', value: 'reader@example.test' }]);
}

/** Broken multipart structure and invalid fields for a multipart route. */
export function multipartCases(operation: Operation): HostileRequest[] {
  if (operation.bodyType !== 'multipart') return [];
  const schema = operation.body ?? {};
  // Consent refused in every structural case: a lenient parser that reads the form still stores nothing.
  const good = validParts(operation).map((part) =>
    part.name === 'consent' ? { ...part, value: 'false' } : part,
  );
  const typed = `multipart/form-data; boundary=${BOUNDARY}`;
  const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
  const cases: [string, Buffer, string][] = [
    ['missing boundary', multipartBody(good), 'multipart/form-data'],
    ['empty boundary', multipartBody(good), 'multipart/form-data; boundary='],
    ['boundary that differs', multipartBody(good, 'other-boundary'), typed],
    [
      'boundary over 70 characters',
      multipartBody(good, 'b'.repeat(200)),
      `multipart/form-data; boundary=${'b'.repeat(200)}`,
    ],
    ['no closing boundary', multipartBody(good, BOUNDARY, false), typed],
    ['truncated inside a part', multipartBody(good).subarray(0, 60), typed],
    [
      'part header without end',
      Buffer.from(
        `--${BOUNDARY}${CRLF}Content-Disposition: form-data; name="title"${CRLF}Content-Type: text/plain`,
      ),
      typed,
    ],
    [
      'part header without end, then more',
      Buffer.from(
        `--${BOUNDARY}${CRLF}Content-Disposition: form-data; name="title"${CRLF}X: ${'y'.repeat(20000)}`,
      ),
      typed,
    ],
    [
      'part without disposition',
      multipartBody([...good, { header: 'Content-Type: text/plain', value: 'x' }]),
      typed,
    ],
    [
      'file part without name',
      multipartBody([...good, { filename: 'photo.jpg', type: 'image/jpeg', value: jpegStart }]),
      typed,
    ],
    [
      'file part with traversal filename',
      multipartBody([
        ...good,
        { name: 'files', filename: '../../etc/passwd', type: 'image/jpeg', value: jpegStart },
      ]),
      typed,
    ],
    [
      'file part with NUL filename',
      multipartBody([
        ...good,
        { name: 'files', filename: 'a\u0000.jpg', type: 'image/jpeg', value: jpegStart },
      ]),
      typed,
    ],
    [
      'file that is no image',
      multipartBody([
        ...good,
        { name: 'files', filename: 'a.jpg', type: 'image/jpeg', value: 'not an image at all' },
      ]),
      typed,
    ],
    [
      'truncated JPEG',
      multipartBody([...good, { name: 'files', filename: 'a.jpg', type: 'image/jpeg', value: jpegStart }]),
      typed,
    ],
    [
      'file in a text field',
      multipartBody([
        ...good.filter((part) => part.name !== 'title'),
        { name: 'title', filename: 't.txt', value: 'x' },
      ]),
      typed,
    ],
    ['duplicate field', multipartBody([...good, { name: 'title', value: 'second' }]), typed],
    ['unknown field', multipartBody([...good, { name: 'isAdmin', value: 'true' }]), typed],
    [
      'field name with quotes',
      multipartBody([...good, { header: 'Content-Disposition: form-data; name="a"b"c"', value: 'x' }]),
      typed,
    ],
    [
      'thousand fields',
      multipartBody([
        ...good,
        ...Array.from({ length: 1000 }, (_, index) => ({ name: `f${index}`, value: 'x' })),
      ]),
      typed,
    ],
    [
      'eleven files',
      multipartBody([
        ...good,
        ...Array.from({ length: 11 }, () => ({
          name: 'files',
          filename: 'a.jpg',
          type: 'image/jpeg',
          value: jpegStart,
        })),
      ]),
      typed,
    ],
    ['empty body', Buffer.alloc(0), typed],
    ['JSON body', Buffer.from('{"title":"x"}'), 'application/json'],
    ['preamble only', Buffer.from('just a preamble'), typed],
    [
      'base64 transfer encoding',
      multipartBody(
        good.map((part) => ({
          ...part,
          header: `Content-Disposition: form-data; name="${part.name}"${CRLF}Content-Transfer-Encoding: base64`,
        })),
      ),
      typed,
    ],
  ];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property.type !== 'string' || property.format === 'binary') continue;
    const others = good.filter((part) => part.name !== name);
    if (schema.required?.includes(name))
      cases.push([`field ${name}: missing required`, multipartBody(others), typed]);
    if (property.maxLength !== undefined)
      cases.push([
        `field ${name}: length max+1`,
        multipartBody([...others, { name, value: stringOfLength(property, property.maxLength + 1) }]),
        typed,
      ]);
    if (property.enum)
      cases.push([
        `field ${name}: not in enum`,
        multipartBody([...others, { name, value: 'not-a-listed-value' }]),
        typed,
      ]);
    for (const [label, value] of ODD_TEXT) {
      const bytes = typeof value === 'string' ? Buffer.from(value) : value.raw;
      // Hostile text alone may be a valid free text: paired with a refused consent, the form is refused either way.
      const refused = others
        .filter((part) => part.name !== 'consent')
        .concat(name === 'consent' ? [] : [{ name: 'consent', value: 'false' }]);
      cases.push([
        `field ${name}: text: ${label}`,
        multipartBody([...refused, { name, value: bytes }]),
        typed,
      ]);
    }
  }
  return cases.map(([kind, body, contentType]) => ({
    operation: operationName(operation),
    kind: `multipart: ${kind}`,
    method: operation.method,
    path: operation.path,
    headers: { 'content-type': contentType },
    body,
  }));
}
