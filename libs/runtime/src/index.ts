export * from './config/load-config';
export * from './config/env.transforms';
export * from './config/service.env';
export * from './logging/request-context';
export * from './logging/json-logger';
export * from './metrics/metrics.registry';
