import { randomUUID } from 'node:crypto';
import { ErrorCode, headers as natsHeaders, JSONCodec, NatsConnection, NatsError } from 'nats';
import { REQUEST_ID_HEADER, ServiceUnavailableError, isWireError } from '@app/contracts';
import { requestContext, MetricsRegistry } from '@app/runtime';
import { RemoteError } from './wire-error.mapper';

interface NestReplyPacket<T> {
  id?: string;
  response?: T;
  err?: unknown;
  isDisposed?: boolean;
}

const codec = JSONCodec();

/**
 * Request-reply to a service over NATS, speaking the packet format of Nest's NATS transport
 * (`{ pattern, data, id }` → `{ response | err, isDisposed }`). It uses nats.js's multiplexed inbox
 * instead of Nest's subscription per request, and every request has a deadline: a service that does
 * not answer becomes a ServiceUnavailableError (503), never a hang.
 */
export class NatsRpcClient {
  private sequence = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs: number,
    private readonly metrics?: MetricsRegistry,
  ) {}

  async request<TReply>(
    subject: string,
    data: unknown,
    options: { timeoutMs?: number } = {},
  ): Promise<TReply> {
    const service = subject.split('.')[0];
    const headers = natsHeaders();
    headers.set(REQUEST_ID_HEADER, requestContext.requestId() ?? randomUUID());
    // Nest's server only needs an id to tell a request from an event; a counter is enough.
    const payload = codec.encode({ pattern: subject, data, id: String((this.sequence += 1)) });
    const stopTimer = this.metrics?.natsRequestDuration.startTimer({ subject });
    let outcome = 'ok';
    try {
      const message = await this.nc.request(subject, payload, {
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
