export * from './orm-options';
export * from './migrations.runner';
export * from './embedded-postgres';
export * from './database.health';
export * from './database.module';
export * from './migrate-only';
export * from './error-for-log';
