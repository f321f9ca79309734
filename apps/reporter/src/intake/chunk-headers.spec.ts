import { headers } from 'nats';
import { ValidationFailedError } from '@app/contracts';
import { cleanFileName, readChunkHeaders } from './chunk-headers';

const ID = '00000000-0000-4000-8000-000000000001';

function withHeaders(values: Record<string, string>) {
  const h = headers();
  for (const [name, value] of Object.entries(values)) h.set(name, value);
  return h;
}

describe('chunk headers', () => {
  it('reads a chunk with a percent-encoded file name', () => {
    expect(
      readChunkHeaders(
        withHeaders({
          'Intake-Id': ID,
          'File-Index': '2',
          'Chunk-Seq': '0',
          'File-Name': encodeURIComponent('фото 1.jpg'),
          'File-End': '1',
        }),
      ),
    ).toEqual({ intakeId: ID, fileIndex: 2, chunkSeq: 0, fileName: 'фото 1.jpg', fileEnd: true });
  });

  it('names every missing or malformed header in one refusal', () => {
    let error: unknown;
    try {
      readChunkHeaders(withHeaders({ 'Intake-Id': 'nope', 'File-Index': '-1', 'File-End': 'yes' }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).errors?.map((e) => e.field)).toEqual([
      'Intake-Id',
      'File-Index',
      'Chunk-Seq',
      'File-End',
    ]);
  });

  it('keeps a file name to one clean line of at most 255 characters', () => {
    expect(cleanFileName('a\nb\u202Ec.jpg')).toBe('abc.jpg');
    expect([...cleanFileName('я'.repeat(300))]).toHaveLength(255);
  });
});
