import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/**
 * Holds the step that stops a service taking requests and waits for those in flight. Nest runs it
 * before it closes the NATS connection and the database, whichever way shutdown began.
 */
@Injectable()
export class ServiceDrain implements BeforeApplicationShutdown {
  private drain?: () => Promise<void>;
  private drained?: Promise<void>;

  register(drain: () => Promise<void>): void {
    this.drain = drain;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.drained ??= this.drain?.() ?? Promise.resolve();
    await this.drained;
  }
}
