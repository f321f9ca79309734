export * from './app.definition';
export { runHttpApp, runService } from './run-app';
export * from './start-service';
export { OpsAnswer, OpsRoute, opsJson, opsProblem } from './ops/ops-route';
/** Where an orchestrator probes a service; the deployment files are checked against its routes. */
export { ServiceProbesController } from './faces/service-probes.controller';
