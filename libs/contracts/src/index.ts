export * from './errors/wire-error';
export * from './errors/domain-error';
export * from './errors/validation-errors';
export * from './identity/roles';
export * from './identity/caller';
export * from './health/health.contract';
export * from './events/event-envelope';
export * from './messaging/headers';
