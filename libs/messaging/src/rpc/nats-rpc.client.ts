import { randomUUID } from 'node:crypto';
import { ErrorCode, headers as natsHeaders, JSONCodec, NatsConnection, NatsError } from 'nats';
import { REQUEST_ID_HEADER, RpcOperation, ServiceUnavailableError, isWireError } from '@app/contracts';
import { requestContext, MetricsRegistry } from '@app/runtime';
import { NatsNamespace } from '../nats-namespace';
import { RemoteError } from './wire-error.mapper';

interface NestReplyPacket<T> {
  id?: string;
  response?: T;
  err?: unknown;
  isDisposed?: boolean;
}

const codec = JSONCodec();

/**
 * Request-reply to a service over NATS, through an operation declared in the contracts: the request
 * must be that operation's request class and the reply comes back as its reply type. It speaks the
 * packet format of Nest's NATS transport (`{ pattern, data, id }` → `{ response | err, isDisposed }`)
 * over nats.js's multiplexed inbox instead of Nest's subscription per request, and every request has
 * a deadline: a service that does not answer becomes a ServiceUnavailableError (503), never a hang.
 */
export class NatsRpcClient {
  private sequence = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs: number,
    private readonly metrics?: MetricsRegistry,
    private readonly namespace: NatsNamespace = NatsNamespace.none,
  ) {}

  async call<TRequest extends object, TReply>(
    operation: RpcOperation<TRequest, TReply>,
    request: TRequest,
    options: { timeoutMs?: number } = {},
  ): Promise<TReply> {
    const { subject, service } = operation;
    const headers = natsHeaders();
    headers.set(REQUEST_ID_HEADER, requestContext.requestId() ?? randomUUID());
    // Nest's server only needs an id to tell a request from an event; a counter is enough.
    const payload = codec.encode({ pattern: subject, data: request, id: String((this.sequence += 1)) });
    const stopTimer = this.metrics?.natsRequestDuration.startTimer({ subject });
    let outcome = 'ok';
    try {
      const message = await this.nc.request(this.namespace.subject(subject), payload, {
        timeout: options.timeoutMs ?? this.timeoutMs,
        headers,
      });
      const packet = codec.decode(message.data) as NestReplyPacket<TReply>;
      if (packet.err !== undefined && packet.err !== null) {
        outcome = 'error';
        throw this.remoteError(packet.err, service);
      }
      return packet.response as TReply;
    } catch (error) {
      if (error instanceof NatsError) {
        outcome = error.code === String(ErrorCode.Timeout) ? 'timeout' : 'unavailable';
        throw new ServiceUnavailableError(service);
      }
      throw error;
    } finally {
      stopTimer?.({ outcome });
    }
  }

  private remoteError(err: unknown, service: string): Error {
    if (isWireError(err)) return new RemoteError(err);
    // A string error means the service has no handler for the subject: a version skew during a deploy.
    return new ServiceUnavailableError(service);
  }
}
