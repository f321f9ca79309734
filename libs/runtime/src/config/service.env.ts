import { IsIn, IsInt, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { ToInt } from './env.transforms';
import { HostEnv } from './host.env';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What every process of the suite reads: where NATS and PostgreSQL are, and how loudly to log. */
export class CommonEnv extends HostEnv {
  @IsString()
  @MinLength(1)
  NATS_URL = 'nats://127.0.0.1:4222';

  @IsString()
  @MinLength(1)
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /**
   * This deployment's namespace on a shared NATS: prefixed to every subject and queue group, and to the
   * stream and consumer names. Empty: none.
   */
  @ValidateIf((env: CommonEnv) => env.NATS_PREFIX !== '')
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'NATS_PREFIX must be 1-32 letters, digits, _ or -' })
  NATS_PREFIX = '';

  /** JetStream stream that carries the suite's events; one per deployment. */
  @IsString()
  @MinLength(1)
  EVENTS_STREAM = 'ENGAGE_EVENTS';

  /**
   * Copies of the events stream JetStream keeps, one per server: 3 on a three-server cluster, so that
   * losing a server loses no event; 1 on a single server (it refuses more). Every app that ensures
   * the stream sets it: an existing stream is raised to this count at start, never lowered.
   */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(5)
  EVENTS_STREAM_REPLICAS = 1;

  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_MAX = 10;
}

/** What a back-end service (not the gateway) reads on top of the common part. */
export class ServiceEnv extends CommonEnv {
  /** Port of the small HTTP server that answers the orchestrator's health probes. 0 turns it off. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  HEALTH_PORT = 0;

  /** Hours a published outbox row is kept (to re-drive from) before it is deleted; unpublished rows stay. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(8760)
  OUTBOX_RETENTION_HOURS = 72;

  /** Seconds between two passes that delete published outbox rows past OUTBOX_RETENTION_HOURS. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(86400)
  OUTBOX_PURGE_INTERVAL_SECONDS = 900;

  /**
   * Events one copy's consumer handles at once. Handlers mostly wait on the database or a remote
   * (SMTP, a webhook), so four keep a copy busy while holding at most four of DATABASE_POOL_MAX's
   * connections; order was never guaranteed anyway (copies share a consumer).
   */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(64)
  EVENT_CONSUMER_CONCURRENCY = 4;
}
