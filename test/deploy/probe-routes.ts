import { PATH_METADATA } from '@nestjs/common/constants';
import { HealthController } from '../../apps/gateway/src/health/health.controller';
import { ServiceProbesController } from '@app/host';

export interface ProbeRoutes {
  live: string;
  ready: string;
  /** The variable whose value is the port the routes answer on. */
  portVariable: 'PORT' | 'HEALTH_PORT';
}

type Controller = new (...args: never[]) => object;

/** The path Nest serves a controller's method on, read from the same decorators Nest reads. */
function routeOf(controller: Controller, method: string): string {
  const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
  const handler = (controller.prototype as Record<string, unknown>)[method] as object;
  const own = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
  return `/${[base, own].filter((part) => part !== '' && part !== '/').join('/')}`.replace(/\/+/g, '/');
}

/** Where each app answers its liveness and readiness probes: the gateway on PORT, services on HEALTH_PORT. */
export function probeRoutesOf(app: string): ProbeRoutes {
  if (app === 'gateway') {
    return {
      live: routeOf(HealthController, 'live'),
      ready: routeOf(HealthController, 'ready'),
      portVariable: 'PORT',
    };
  }
  return {
    live: routeOf(ServiceProbesController, 'live'),
    ready: routeOf(ServiceProbesController, 'ready'),
    portVariable: 'HEALTH_PORT',
  };
}
