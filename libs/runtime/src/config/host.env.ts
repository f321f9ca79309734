import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, ValidateBy } from 'class-validator';
import { ToInt } from './env.transforms';

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The grace must end before the whole stop is cut short, or requests in flight would lose their answer. */
const ShorterThanShutdownTimeout = (): PropertyDecorator =>
  ValidateBy({
    name: 'shorterThanShutdownTimeout',
    validator: {
      validate: (value: unknown, args) =>
        typeof value === 'number' && value < (args?.object as HostEnv).SHUTDOWN_TIMEOUT_MS,
      defaultMessage: () => 'SHUTDOWN_GRACE_MS must be less than SHUTDOWN_TIMEOUT_MS',
    },
  });

/** How every process is hosted: where its ports listen, how it logs, how long it may take to stop. */
export class HostEnv {
  /** Address of every port the process opens (the gateway's HTTP, a service's probes, metrics). */
  @IsString()
  @MinLength(1)
  HOST = '0.0.0.0';

  /** Port of `/metrics` and the operators' routes, apart from the public one. 0 turns it off. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 0;

  /** `json` (one object per line) or `pretty` (one readable line); unset: pretty on a terminal. */
  @IsOptional()
  @IsIn(LOG_FORMATS)
  LOG_FORMAT?: LogFormat;

  /** How long a stop waits for the requests in flight to be answered. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(60000)
  @ShorterThanShutdownTimeout()
  SHUTDOWN_GRACE_MS = 3000;

  /**
   * The longest a stop may take, whatever it waits on (a NATS that went away, a database that does not
   * answer); then the process exits anyway. The default keeps a stop within 5 s, what orchestrators and
   * the launcher allow before they kill.
   */
  @ToInt()
  @IsInt()
  @Min(500)
  @Max(120000)
  SHUTDOWN_TIMEOUT_MS = 4500;

  /** Set by `npm start` to its own pid: an app it started stops once that launcher is gone. */
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  ENGAGE_PARENT_PID?: number;
}

/** Pretty lines for a person at a terminal, JSON for whatever collects a container's output. */
export function chooseLogFormat(configured: LogFormat | undefined, stdoutIsTerminal: boolean): LogFormat {
  return configured ?? (stdoutIsTerminal ? 'pretty' : 'json');
}
