import { ConnectionException } from '@mikro-orm/core';

/** How far down `cause` a lost connection is looked for. */
const CAUSE_DEPTH_MAX = 5;

/**
 * SQLSTATEs of a server that is going away or not taking sessions yet: class 08 (connection
 * exception), admin or crash shutdown and "starting up" (57P01–57P03), too many connections (53300).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
/** Socket errors of a server that is not there (restarting) or dropped the connection. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
/**
 * pg's errors for a connection the server closed carry no code, only these messages: closed under a
 * query, or asked again after it broke. knex puts the statement in front of the message.
 */
const TERMINATED =
  /(^|- )(Connection terminated( unexpectedly|\b)|Client (has encountered a connection error|was closed) and is not queryable)/;
/**
 * knex's answer to a statement of a transaction whose connection broke under an earlier one: the
 * transaction is over, rolled back by the server with the session.
 */
const TRANSACTION_GONE = /^Transaction query already complete/;
/** knex's pool timeout as MikroORM rethrows it: a DriverException, the name gone, the message kept. */
const POOL_TIMEOUT = /^Knex: Timeout acquiring a connection/;

type ErrorLike = { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };

function isLostConnection(error: ErrorLike): boolean {
  if (error instanceof ConnectionException) return true;
  const { code, name, message } = error;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || SOCKET_CODES.has(code))) return true;
  // knex's pool gave up waiting for a connection: the server did not take new ones in time.
  if (name === 'KnexTimeoutError') return true;
  return (
    typeof message === 'string' &&
    [TERMINATED, TRANSACTION_GONE, POOL_TIMEOUT].some((pattern) => pattern.test(message))
  );
}

/**
 * Whether a failure is the database being out of reach (restarting, failing over, refusing sessions)
 * rather than a fault of the request or the code: such a request may succeed if sent again shortly,
 * so it is answered 503 with Retry-After, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Not `instanceof Error`: the socket's errors may come from another realm (a test's VM context).
  let current = error as ErrorLike | null | undefined;
  for (
    let depth = 0;
    depth <= CAUSE_DEPTH_MAX && typeof current === 'object' && current !== null;
    depth += 1
  ) {
    if (isLostConnection(current)) return true;
    current = current.cause as ErrorLike | null | undefined;
  }
  return false;
}
