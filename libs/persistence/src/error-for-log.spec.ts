import { DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { DatabaseError } from 'pg';
import { describeForLog, errorSummary } from './error-for-log';

const SECRET = 'reader.secret@example.test';

/** What pg throws for a duplicate key, with the value quoted as PostgreSQL quotes it. */
function duplicateKey(): DatabaseError {
  const error = new DatabaseError(
    'duplicate key value violates unique constraint "staff_email_uq"',
    0,
    'error',
  );
  Object.assign(error, {
    code: '23505',
    severity: 'ERROR',
    detail: `Key (email)=(${SECRET}) already exists.`,
    schema: 'gateway',
    table: 'staff',
    constraint: 'staff_email_uq',
    routine: '_bt_check_unique',
  });
  return error;
}

/** What MikroORM makes of it: the statement, its parameters inlined, leads the message. */
function throughMikroOrm(): UniqueConstraintViolationException {
  const previous = duplicateKey();
  previous.message = `insert into "gateway"."staff" ("email") values ('${SECRET}') - ${previous.message}`;
  return new UniqueConstraintViolationException(previous);
}

const logged = (error: unknown): string => JSON.stringify(describeForLog(error));

describe('describeForLog', () => {
  it('keeps the values of a MikroORM database error out of the log and names what failed', () => {
    const error = throughMikroOrm();
    expect(error.message).toContain(SECRET);
    expect(logged(error)).not.toContain(SECRET);
    expect(describeForLog(error).err).toEqual({
      name: 'UniqueConstraintViolationException',
      kind: 'database',
      sqlState: '23505',
      statement: 'insert',
      schema: 'gateway',
      table: 'staff',
      constraint: 'staff_email_uq',
      routine: '_bt_check_unique',
    });
    expect(describeForLog(error).stack).toMatch(/^\s+at /);
  });

  it('keeps the values of a pg error out of the log', () => {
    const error = duplicateKey();
    expect(logged(error)).not.toContain(SECRET);
    expect(describeForLog(error).err).toMatchObject({ name: 'error', sqlState: '23505', table: 'staff' });
    expect(describeForLog(error).err.statement).toBeUndefined();
  });

  it('keeps the values out when the database error is the cause of another', () => {
    const error = new Error(`could not save ${SECRET}`, { cause: throughMikroOrm() });
    expect(logged(error)).not.toContain(SECRET);
    expect(describeForLog(error).err).toMatchObject({
      name: 'Error',
      causeName: 'UniqueConstraintViolationException',
      sqlState: '23505',
    });
  });

  it('describes a bare DriverException by its statement kind even without a SQLSTATE', () => {
    const error = new DriverException(new Error(`select '${SECRET}'::int - invalid input syntax`));
    expect(logged(error)).not.toContain(SECRET);
    expect(describeForLog(error).err).toMatchObject({ kind: 'database', statement: 'select' });
  });

  it('keeps the message and the stack of any other error', () => {
    const error = new TypeError('Cannot read properties of null');
    expect(describeForLog(error)).toEqual({
      err: { name: 'TypeError', message: 'Cannot read properties of null' },
      stack: error.stack,
    });
    expect(describeForLog('a string').err).toEqual({ name: 'Error', message: 'a string' });
  });
});

describe('errorSummary', () => {
  it('says what failed in one line without the database error’s values', () => {
    const summary = errorSummary(throughMikroOrm());
    expect(summary).not.toContain(SECRET);
    expect(summary).toContain('sqlState=23505');
    expect(errorSummary(new RangeError('too far'))).toBe('RangeError: too far');
  });
});
