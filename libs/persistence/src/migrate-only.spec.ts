import { DatabaseModule } from './database.module';
import { findServiceDatabase, isMigrateOnly } from './migrate-only';

const database = {
  schema: 'reporter',
  clientUrl: 'postgres://x/y',
  entities: [],
  migrations: [],
  poolMax: 3,
};

describe('migrate-only', () => {
  it('is asked for by the --migrate-only argument', () => {
    expect(isMigrateOnly(['node', 'main.js', '--migrate-only'])).toBe(true);
    expect(isMigrateOnly(['node', 'main.js'])).toBe(false);
  });

  it('finds the database options nested in an app module', () => {
    class AppModule {}
    class Other {}
    const root = {
      module: AppModule,
      imports: [{ module: Other, imports: [DatabaseModule.forService(database)] }],
    };
    expect(findServiceDatabase(root)).toEqual(database);
  });

  it('finds nothing in a module without a database', () => {
    class AppModule {}
    expect(findServiceDatabase({ module: AppModule, imports: [] })).toBeUndefined();
  });
});
