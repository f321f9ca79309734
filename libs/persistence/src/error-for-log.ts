import { DriverException } from '@mikro-orm/core';

/** What an unexpected error may put in a log line. */
export interface ErrorForLog {
  /** The line's `err`: the error's class and, for anything but a database error, its message. */
  err: Record<string, string>;
  /** The stack; for a database error only its frames, as its first lines repeat the message. */
  stack?: string;
}

/**
 * The fields of a database error that name things, never values: the SQLSTATE and the objects
 * involved. `message`, `detail`, `where`, `hint` and `internalQuery` are left out on purpose: MikroORM
 * writes the statement with its parameters inlined into the message, and PostgreSQL quotes the
 * offending value in the others (`Key (email)=(...) already exists`).
 */
const NAMING_FIELDS = ['schema', 'table', 'column', 'constraint', 'dataType', 'routine'] as const;
const SQLSTATE = /^[0-9A-Z]{5}$/;
const STATEMENT_KIND =
  /^\s*(select|insert|update|delete|with|merge|call|copy|create|alter|drop|truncate|lock)\b/i;
/** How far down `cause` a database error is looked for. */
const CAUSE_DEPTH_MAX = 5;

type DatabaseErrorLike = Error & { code?: unknown; severity?: unknown } & Record<string, unknown>;

function isDatabaseError(error: unknown): error is DatabaseErrorLike {
  if (error instanceof DriverException) return true;
  // pg's DatabaseError, without depending on which copy of the driver threw it.
  const candidate = error as DatabaseErrorLike | null;
  return (
    candidate instanceof Error &&
    typeof candidate.code === 'string' &&
    SQLSTATE.test(candidate.code) &&
    typeof candidate.severity === 'string'
  );
}

function databaseErrorIn(error: unknown): DatabaseErrorLike | undefined {
  let current = error;
  for (let depth = 0; depth <= CAUSE_DEPTH_MAX && current instanceof Error; depth += 1) {
    if (isDatabaseError(current)) return current;
    current = current.cause;
  }
  return undefined;
}

const framesOf = (stack: string | undefined): string | undefined =>
  stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n') || undefined;

/**
 * An unexpected error as it may be logged. A database error (a MikroORM DriverException, a pg or PGlite
 * error, or an error caused by one) is described by its class, SQLSTATE, statement kind and the names
 * of the objects involved: its message carries the caller's values (emails, questions) and is never
 * logged. Any other error keeps its message and stack.
 */
export function describeForLog(error: unknown): ErrorForLog {
  const thrown = error instanceof Error ? error : new Error(String(error));
  const database = databaseErrorIn(thrown);
  if (!database) return { err: { name: thrown.name, message: thrown.message }, stack: thrown.stack };
  const err: Record<string, string> = { name: thrown.name, kind: 'database' };
  if (thrown !== database) err.causeName = database.name;
  const sqlState = database.sqlState ?? database.code;
  if (typeof sqlState === 'string') err.sqlState = sqlState;
  const statement = database instanceof DriverException ? STATEMENT_KIND.exec(database.message) : null;
  if (statement) err.statement = statement[1].toLowerCase();
  for (const field of NAMING_FIELDS) {
    const value = database[field];
    if (typeof value === 'string' && value.length > 0) err[field] = value;
  }
  return { err, stack: framesOf(thrown.stack) };
}

/**
 * The same description as one line of text, for log lines that say what failed in words
 * (`scheduler pass failed: ...`): a database error's names and SQLSTATE, never its message.
 */
export function errorSummary(error: unknown): string {
  const { err } = describeForLog(error);
  if (err.kind !== 'database') return err.message ? `${err.name}: ${err.message}` : err.name;
  return Object.entries(err)
    .filter(([key]) => key !== 'kind')
    .map(([key, value]) => (key === 'name' ? value : `${key}=${value}`))
    .join(' ');
}
