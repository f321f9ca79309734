import { setTimeout as delay } from 'node:timers/promises';
import { connect, ErrorCode, NatsError } from 'nats';
import { natsServers } from '@app/messaging';

/** Refusals that waiting does not cure: the configuration is wrong, and the process should say so. */
const FATAL_CODES = new Set<string>([ErrorCode.AuthorizationViolation, ErrorCode.AuthenticationExpired]);

export interface NatsWaitOptions {
  /** Told once, when the first attempt fails, with the servers (no credentials) and why. */
  onWaiting(servers: string, reason: string): void;
  retryMs?: number;
  connectTimeoutMs?: number;
}

/**
 * Resolves once NATS takes a connection. A service started before its NATS (a container scheduled
 * first, a NATS restarting) waits here instead of failing, and a stop asked for meanwhile ends it.
 */
export async function waitForNats(natsUrl: string, name: string, options: NatsWaitOptions): Promise<void> {
  const servers = natsServers(natsUrl);
  let told = false;
  for (;;) {
    try {
      const probe = await connect({
        ...servers,
        name: `${name}-${process.pid}-start`,
        reconnect: false,
        timeout: options.connectTimeoutMs ?? 2000,
      });
      await probe.close();
      return;
    } catch (error) {
      if (error instanceof NatsError && FATAL_CODES.has(error.code)) throw error;
      if (!told) {
        told = true;
        options.onWaiting(servers.servers.join(','), error instanceof Error ? error.message : String(error));
      }
      await delay(options.retryMs ?? 500);
    }
  }
}
