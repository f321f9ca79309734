import { databaseNameOf, isDatabaseAlreadyThere, withDatabase } from './database.creation';

describe('database creation', () => {
  it('takes a lost race to create the database as "it exists"', () => {
    expect(isDatabaseAlreadyThere({ code: '42P04', message: 'database "engage" already exists' })).toBe(true);
    expect(
      isDatabaseAlreadyThere({
        code: '23505',
        constraint: 'pg_database_datname_index',
        table: 'pg_database',
        message: 'duplicate key value violates unique constraint "pg_database_datname_index"',
      }),
    ).toBe(true);
  });

  it('treats every other failure as one', () => {
    expect(isDatabaseAlreadyThere({ code: '42501', message: 'permission denied to create database' })).toBe(
      false,
    );
    expect(isDatabaseAlreadyThere({ code: '23505', constraint: 'votes_pkey', table: 'votes' })).toBe(false);
    expect(isDatabaseAlreadyThere(new Error('connect ECONNREFUSED'))).toBe(false);
    expect(isDatabaseAlreadyThere(undefined)).toBe(false);
  });

  it('reads the database a URL names and points a URL at another one', () => {
    expect(databaseNameOf('postgres://u:p@db:5432/engage?sslmode=require')).toBe('engage');
    expect(databaseNameOf('postgres://db:5432')).toBe('');
    expect(withDatabase('postgres://u:p@db:5432/engage?sslmode=require', 'postgres')).toBe(
      'postgres://u:p@db:5432/postgres?sslmode=require',
    );
  });
});
