import { Client } from 'pg';
import { ConfigError, loadConfig } from '@app/runtime';
import { ContactCipher } from '../crypto/contact-cipher';
import { parseContactKeyRing } from '../crypto/contact-key-ring';
import { rotateContactValues, RotationReport, StoredContactValue } from '../crypto/contact-key-rotation';
import { contactContext, fileNameContext, receiptContext } from '../crypto/submission-secrets';
import { ReporterEnv } from '../reporter.config';

const BATCH = 200;

/** The encrypted columns of one table, and the context each value was encrypted under. */
interface EncryptedTable {
  table: string;
  key: string;
  columns: string[];
  context: (rowKey: string, column: string) => string;
}

const SUBMISSION_FIELDS: Record<string, string> = {
  contact_name: 'name',
  contact_email: 'email',
  contact_phone: 'phone',
  contact_location: 'location',
  confirmation_code: 'confirmation_code',
};

const TABLES: EncryptedTable[] = [
  {
    table: 'submission',
    key: 'id',
    columns: Object.keys(SUBMISSION_FIELDS),
    context: (id, column) => contactContext(id, SUBMISSION_FIELDS[column]),
  },
  { table: 'attachment', key: 'id', columns: ['file_name'], context: (id) => fileNameContext(id) },
  {
    table: 'idempotency_record',
    key: 'key_hash',
    columns: ['receipt_code'],
    context: (keyHash) => receiptContext(keyHash),
  },
];

/**
 * `node dist/apps/reporter/src/main.js --rotate-contact-keys`: re-encrypts under the first key of
 * REPORTER_CONTACT_KEYS every value an older key of the ring wrote (contact data, file names, kept
 * tracking codes), one batch per transaction; running it again changes nothing. The old keys can be
 * removed from the ring once it reports no unreadable value.
 */
export async function rotateContactKeys(config: ReporterEnv): Promise<RotationReport> {
  if (!config.REPORTER_CONTACT_KEYS) throw new ConfigError(['REPORTER_CONTACT_KEYS: must be set to rotate']);
  const cipher = new ContactCipher(parseContactKeyRing(config.REPORTER_CONTACT_KEYS));
  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  const total: RotationReport = { examined: 0, reencrypted: 0, unreadable: [] };
  try {
    for (const table of TABLES) {
      const report = await rotateContactValues(cipher, batchesOf(client, table), (changed) =>
        save(client, table, changed, cipher.currentKeyId),
      );
      total.examined += report.examined;
      total.reencrypted += report.reencrypted;
      total.unreadable.push(...report.unreadable);
    }
  } finally {
    await client.end();
  }
  return total;
}

async function* batchesOf(client: Client, spec: EncryptedTable): AsyncIterable<StoredContactValue[]> {
  let after = '';
  for (;;) {
    const { rows } = await client.query<Record<string, string | null>>(
      `select ${spec.key}::text as row_key, ${spec.columns.join(', ')} from reporter.${spec.table}
        where ${spec.key}::text > $1 order by ${spec.key}::text limit ${BATCH}`,
      [after],
    );
    if (rows.length === 0) return;
    after = rows[rows.length - 1].row_key!;
    yield rows.flatMap((row) =>
      spec.columns
        .filter((column) => row[column] !== null)
        .map((column) => ({
          id: `${row.row_key}\u0000${column}`,
          context: spec.context(row.row_key!, column),
          value: row[column]!,
        })),
    );
  }
}

async function save(
  client: Client,
  spec: EncryptedTable,
  changed: readonly StoredContactValue[],
  currentKeyId: string,
): Promise<void> {
  await client.query('begin');
  try {
    for (const value of changed) {
      const [rowKey, column] = value.id.split('\u0000');
      await client.query(`update reporter.${spec.table} set ${column} = $1 where ${spec.key}::text = $2`, [
        value.value,
        rowKey,
      ]);
      if (spec.table === 'submission') {
        await client.query(`update reporter.submission set contact_key_id = $1 where id::text = $2`, [
          currentKeyId,
          rowKey,
        ]);
      }
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/** The command's process: reports counts (never values) and fails while any value is unreadable. */
export async function runContactKeyRotation(): Promise<void> {
  try {
    const report = await rotateContactKeys(loadConfig(ReporterEnv));
    process.stdout.write(
      `contact key rotation: ${report.examined} values examined, ${report.reencrypted} re-encrypted, ` +
        `${report.unreadable.length} unreadable\n`,
    );
    if (report.unreadable.length > 0) {
      process.stderr.write(
        'some values could not be read with any configured key: keep the old keys until they are found\n',
      );
      process.exitCode = 1;
    }
  } catch (error) {
    process.stderr.write(
      `contact key rotation failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
