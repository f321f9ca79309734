export * from './config/load-config';
export * from './config/env.transforms';
export * from './config/service.env';
export * from './config/secret-strength';
export * from './config/strong-secret.decorator';
export * from './logging/request-context';
export * from './logging/json-logger';
export * from './metrics/metrics.registry';
