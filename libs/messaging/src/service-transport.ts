import type { INestApplication, INestMicroservice } from '@nestjs/common';
import type { CommonEnv, JsonLogger, MetricsRegistry } from '@app/runtime';
import { natsServerOptions } from './rpc/nats-server.options';
import { RpcErrorFilter } from './rpc/rpc-error.filter';
import { InFlightTracker } from './rpc/in-flight.tracker';
import { TrackedNatsServer } from './rpc/tracked-nats.server';
import { NatsNamespace } from './nats-namespace';
import { ServiceDrain } from './service-drain';

export interface ServiceTransportOptions {
  name: string;
  config: Pick<CommonEnv, 'NATS_URL' | 'NATS_PREFIX' | 'SHUTDOWN_GRACE_MS'>;
  logger: JsonLogger;
  metrics?: MetricsRegistry;
}

/**
 * Connects a service's NATS handlers to its Nest app, in the service's queue group, with the error
 * shape and validation every handler answers with. At shutdown, before NATS and the database close,
 * the subscriptions are drained (the queue group sends new requests to the other copies) and the
 * requests already received get up to SHUTDOWN_GRACE_MS to be answered.
 * The handlers start with `app.startAllMicroservices()`.
 */
export function attachServiceTransport(app: INestApplication, options: ServiceTransportOptions): void {
  const { name, config, logger } = options;
  const inFlight = app.get(InFlightTracker);
  const namespace = new NatsNamespace(config.NATS_PREFIX);
  const server = new TrackedNatsServer(
    natsServerOptions(name, config.NATS_URL, namespace).options,
    inFlight,
    logger,
    namespace,
    options.metrics,
  );
  const microservice = app.connectMicroservice(
    { strategy: server },
    // Deferred so the filter below applies to the NATS handlers. Validation is each handler's own:
    // @HandlesRpc validates against its operation's request class.
    { inheritAppConfig: false, deferInitialization: true },
  );
  microservice.useGlobalFilters(new RpcErrorFilter(logger));
  // A deferred microservice would run the modules' init and bootstrap hooks itself, and the app runs
  // them again: consumers registered twice, schedulers started twice. The app's run is the one.
  (microservice as INestMicroservice & { setIsInitHookCalled(called: boolean): void }).setIsInitHookCalled(
    true,
  );

  app.get(ServiceDrain).register(async () => {
    await server.drainSubscriptions();
    const idle = await inFlight.idle(config.SHUTDOWN_GRACE_MS);
    if (!idle) logger.warn(`${inFlight.count} requests still running after the grace period`, 'Rpc');
  });
}
