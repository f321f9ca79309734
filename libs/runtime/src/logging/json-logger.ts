import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { requestContext } from './request-context';
import type { LogLevel } from '../config/service.env';
import type { LogFormat } from '../config/host.env';
import { PrettyDestination } from './pretty.destination';

export interface JsonLoggerOptions {
  /** `json` by default; `pretty` rewrites every line for a terminal. */
  format?: LogFormat;
  /** Where JSON lines go; stdout by default. */
  destination?: pino.DestinationStream;
}

/**
 * What Nest says while it assembles an app: a line per module and per route, ~100 at each start. Worth
 * reading when something is wrong with the wiring, noise otherwise: they are logged at debug.
 */
const NEST_ASSEMBLY_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
  'NestMicroservice',
]);

function destinationFor(options: JsonLoggerOptions): pino.DestinationStream {
  if (options.format === 'pretty') return new PrettyDestination();
  // Written as they come: an asynchronous write still under way when the process exits lands after
  // the later lines (a stop's last lines came out reversed). Per-request lines are at debug, so at
  // info a process writes a handful of lines, and the bench (warn) none.
  return options.destination ?? pino.destination({ sync: true });
}

/**
 * Nest's logger backed by pino: one JSON object per line (or one readable line, for a terminal), with
 * the service name and, inside a request, its request id. Secrets never reach it because nothing logs
 * configuration or bodies.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Logger;

  constructor(service: string, level: LogLevel = 'info', options: JsonLoggerOptions = {}) {
    this.pino = pino(
      {
        level,
        base: { service },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
          const requestId = requestContext.requestId();
          return requestId ? { requestId } : {};
        },
      },
      destinationFor(options),
    );
  }

  log(message: unknown, context?: string): void {
    this.write(context && NEST_ASSEMBLY_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, ...rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    this.write('error', message, context, stack);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  /** Resolves once every line written so far has reached the destination. */
  flush(): Promise<void> {
    return new Promise((resolve) => this.pino.flush(() => resolve()));
  }

  /** Whether a line at this level would be written: hot paths ask before building one. */
  isEnabled(level: pino.Level): boolean {
    return this.pino.isLevelEnabled(level);
  }

  private write(level: pino.Level, message: unknown, context?: string, stack?: string): void {
    if (!this.pino.isLevelEnabled(level)) return;
    if (message instanceof Error) {
      this.pino[level]({ context, err: { message: message.message, stack: message.stack } }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ context, ...(message as Record<string, unknown>), ...(stack ? { stack } : {}) });
    } else {
      this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }
}
