import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import type { ChannelName, DeliveryChannel } from './delivery-channel';

/** The Nest provider of every registered channel: an array of DeliveryChannel. */
export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');

/** The channels this copy can send on, by name; a channel that is not configured is not here. */
@Injectable()
export class ChannelRegistry implements OnApplicationShutdown {
  private readonly byName = new Map<ChannelName, DeliveryChannel>();

  constructor(@Optional() @Inject(DELIVERY_CHANNELS) channels: DeliveryChannel[] = []) {
    for (const channel of channels) {
      if (this.byName.has(channel.name)) throw new Error(`channel ${channel.name} is registered twice`);
      this.byName.set(channel.name, channel);
    }
  }

  has(name: ChannelName): boolean {
    return this.byName.has(name);
  }

  get(name: ChannelName): DeliveryChannel | undefined {
    return this.byName.get(name);
  }

  /** Channels that keep connections open (an SMTP pool) say so with a `close` of their own. */
  onApplicationShutdown(): void {
    for (const channel of this.byName.values()) {
      (channel as Partial<{ close(): void }>).close?.();
    }
  }
}
