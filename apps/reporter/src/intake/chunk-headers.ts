import type { MsgHdrs } from 'nats';
import { decodeHeaderValue, INTAKE_CHUNK_HEADERS, isUuid, ValidationFailedError } from '@app/contracts';

/** What the headers of one chunk message say. */
export interface ChunkHeaders {
  intakeId: string;
  fileIndex: number;
  fileName: string | undefined;
  chunkSeq: number;
  fileEnd: boolean;
}

const H = INTAKE_CHUNK_HEADERS;
const COUNT = /^(0|[1-9][0-9]{0,8})$/;

/** Reads and checks a chunk's headers; a missing or malformed one is a 400 naming the header. */
export function readChunkHeaders(headers: MsgHdrs | undefined): ChunkHeaders {
  const get = (name: string): string | undefined => {
    const value = headers?.get(name);
    return value === undefined || value === '' ? undefined : value;
  };
  const problems: { field: string; message: string }[] = [];
  const intakeId = get(H.intakeId);
  if (!intakeId || !isUuid(intakeId))
    problems.push({ field: H.intakeId, message: `${H.intakeId} must be a UUID` });
  const count = (name: string): number => {
    const value = get(name);
    if (value === undefined || !COUNT.test(value)) {
      problems.push({ field: name, message: `${name} must be a whole number from 0` });
      return -1;
    }
    return Number(value);
  };
  const fileIndex = count(H.fileIndex);
  const chunkSeq = count(H.chunkSeq);
  const end = get(H.fileEnd);
  if (end !== undefined && end !== '1')
    problems.push({ field: H.fileEnd, message: `${H.fileEnd} must be 1 or absent` });
  const rawName = get(H.fileName);
  if (problems.length > 0) throw new ValidationFailedError(problems, 'The chunk headers are not valid.');
  return {
    intakeId: intakeId!,
    fileIndex,
    chunkSeq,
    fileEnd: end === '1',
    fileName: rawName === undefined ? undefined : cleanFileName(decodeHeaderValue(rawName)),
  };
}

/** A file name only ever shown to the newsroom as text: one line, no control characters, at most 255. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const cleaned = name.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '').trim();
  return [...cleaned].slice(0, 255).join('');
}
