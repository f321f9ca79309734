export * from './app.definition';
export { runHttpApp, runService } from './run-app';
export * from './start-service';
export { OpsAnswer, OpsRoute, opsJson, opsProblem } from './ops/ops-route';
