import { ConnectionException, DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises a server restarting, refusing or dropping connections, however wrapped', () => {
    for (const error of [
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('the database system is shutting down', '57P03'),
      withCode('sorry, too many clients already', '53300'),
      withCode('connection failure', '08006'),
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('Client was closed and is not queryable'),
      new Error('select ordinal from polls.cast_votes($1::jsonb, $2) - Connection terminated unexpectedly'),
      new DriverException(
        new Error('insert into "comments"."comment" ... - Connection terminated unexpectedly'),
      ),
      new Error('Transaction query already complete, run with DEBUG=knex:tx for more info'),
      new DriverException(
        Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), {
          name: 'KnexTimeoutError',
        }),
      ),
      Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }),
      new ConnectionException(new Error('connect ECONNREFUSED')),
      new Error('the batch failed', { cause: withCode('terminating connection', '57P01') }),
    ]) {
      expect({ message: error.message, unavailable: isDatabaseUnavailable(error) }).toEqual({
        message: error.message,
        unavailable: true,
      });
    }
  });

  it('leaves a refused statement, a bug and a thrown value as they are', () => {
    for (const error of [
      withCode('duplicate key value violates unique constraint', '23505'),
      new UniqueConstraintViolationException(withCode('duplicate key', '23505')),
      withCode('syntax error at or near "selec"', '42601'),
      withCode('canceling statement due to statement timeout', '57014'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      new Error('Connection to the mail server terminated'),
    ]) {
      expect({ message: error.message, unavailable: isDatabaseUnavailable(error) }).toEqual({
        message: error.message,
        unavailable: false,
      });
    }
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
