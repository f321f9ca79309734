import type { RetryPolicy } from '../domain/retry-schedule';
import type { ChannelName } from '../channels/delivery-channel';

/** How the delivery workers pace themselves and retry, per channel. */
export class DeliverySettings {
  constructor(
    readonly retry: Readonly<Record<ChannelName, RetryPolicy>>,
    readonly leaseMs: number,
    readonly concurrency: number,
    readonly pollMs: number,
    readonly sendTimeoutMs: number,
  ) {
    // A send that outlived its lease could be taken over and sent a second time by another copy.
    if (sendTimeoutMs >= leaseMs) {
      throw new Error('DELIVERY_SEND_TIMEOUT_MS must be less than DELIVERY_LEASE_MS');
    }
  }
}
