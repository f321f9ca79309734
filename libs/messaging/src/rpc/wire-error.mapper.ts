import { randomUUID } from 'node:crypto';
import { LoggerService } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { DatabaseUnavailableError, DomainError, isWireError, WireError } from '@app/contracts';
import { describeForLog, isDatabaseUnavailable } from '@app/persistence';

/** What a service sends back when a handler fails: the error's own wire shape, or an opaque id. */
export function toWireError(exception: unknown, logger: LoggerService): WireError {
  if (exception instanceof DomainError) return exception.toWire();
  if (exception instanceof RpcException) {
    const inner = exception.getError();
    if (isWireError(inner)) return inner;
  }
  if (isDatabaseUnavailable(exception)) {
    // Expected while PostgreSQL restarts: the request may be sent again, so a 503 and no stack.
    logger.warn({ msg: 'database unavailable', err: describeForLog(exception).err }, 'Rpc');
    return new DatabaseUnavailableError().toWire();
  }
  const errorId = randomUUID();
  const { err, stack } = describeForLog(exception);
  logger.error({ msg: 'unexpected error in a message handler', errorId, err }, stack, 'Rpc');
  return { code: 'internal_error', status: 500, message: `Unexpected error (id ${errorId}).`, errorId };
}

/** The gateway's view of a failure reported by a service. */
export class RemoteError extends DomainError {
  readonly errorId?: string;
  override readonly retryAfterSeconds?: number;

  constructor(wire: WireError) {
    super(wire.code, wire.status, wire.message, wire.errors);
    this.errorId = wire.errorId;
    if (typeof wire.retryAfterSeconds === 'number') this.retryAfterSeconds = wire.retryAfterSeconds;
  }
}
