import { Logger } from '@nestjs/common';
import {
  DiscardPolicy,
  JetStreamManager,
  nanos,
  NatsError,
  RetentionPolicy,
  StorageType,
  StreamConfig,
  StreamInfo,
} from 'nats';
import { EVENTS_SUBJECT_WILDCARD } from '@app/contracts';

export interface EventStreamOptions {
  /** Subjects the stream captures; `events.>` unless a test or an isolated deployment narrows them. */
  subjects?: string[];
  /** Copies of the stream in a cluster; an existing stream's count is raised to this, never lowered. */
  replicas?: number;
}

const MINUTE_MS = 60_000;
/** Long enough for a relay that crashed after publishing to come back and publish the row again. */
const DUPLICATE_WINDOW_MS = 2 * MINUTE_MS;
/** Consumers that were down longer than this have to be re-driven from the outbox. */
const MAX_AGE_MS = 7 * 24 * 60 * MINUTE_MS;
const STREAM_NAME_IN_USE = 10058;
/**
 * What a JetStream cluster answers while it is still forming (servers started together, a peer not
 * yet known to the meta leader): "no suitable peers for placement" and "JetStream system temporarily
 * unavailable". Worth waiting for at start, instead of failing the app into a restart loop.
 */
const CLUSTER_FORMING = new Set([10005, 10008]);

const logger = new Logger('EventStream');

/** How long an app waits at start for a forming cluster to take its stream, and how often it asks. */
export interface StreamPlacementWait {
  deadlineMs: number;
  retryMs: number;
}
export const STREAM_PLACEMENT_WAIT: StreamPlacementWait = { deadlineMs: 30_000, retryMs: 250 };

/** The JetStream API's error code of a refusal, or undefined for any other error. */
function apiErrorCode(error: unknown): number | undefined {
  return error instanceof NatsError ? error.api_error?.err_code : undefined;
}

export function isClusterForming(error: unknown): boolean {
  return CLUSTER_FORMING.has(apiErrorCode(error) ?? 0);
}

/**
 * Creates the events stream, or brings an existing one to this configuration. Safe to call from
 * every process at start: creating a stream that exists with the same configuration is a no-op for
 * the server, and a differing one is updated in place. While the cluster is still forming it asks
 * again, until `wait.deadlineMs` has passed.
 */
export async function ensureEventStream(
  jsm: JetStreamManager,
  streamName: string,
  options: EventStreamOptions = {},
  wait: StreamPlacementWait = STREAM_PLACEMENT_WAIT,
): Promise<StreamInfo> {
  const started = Date.now();
  const deadline = started + wait.deadlineMs;
  let waited = false;
  for (;;) {
    try {
      const info = await addOrUpdateStream(jsm, streamName, options);
      if (waited) logger.log(`stream ${streamName} placed after ${Date.now() - started} ms`);
      return info;
    } catch (error) {
      if (!isClusterForming(error) || Date.now() + wait.retryMs > deadline) throw error;
      // Said once: an operator watching a start that seems stuck learns what it waits for, and how long.
      if (!waited) {
        logger.warn(
          `the JetStream cluster cannot place stream ${streamName} yet (${(error as Error).message}); ` +
            `asking again every ${wait.retryMs} ms for up to ${wait.deadlineMs} ms`,
        );
      }
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, wait.retryMs));
    }
  }
}

async function addOrUpdateStream(
  jsm: JetStreamManager,
  streamName: string,
  options: EventStreamOptions,
): Promise<StreamInfo> {
  const owned: Partial<StreamConfig> = {
    subjects: options.subjects ?? [EVENTS_SUBJECT_WILDCARD],
    max_age: nanos(MAX_AGE_MS),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    ...(options.replicas ? { num_replicas: options.replicas } : {}),
  };
  try {
    return await jsm.streams.add({
      name: streamName,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      ...owned,
    });
  } catch (error) {
    if (apiErrorCode(error) !== STREAM_NAME_IN_USE) throw error;
    // Copies are raised to the setting, never lowered at start: a copy of the suite that was not given
    // the setting (an old one during an upgrade, a tool) must not take a replicated stream down to one.
    const { config } = await jsm.streams.info(streamName);
    const replicas = Math.max(config.num_replicas ?? 1, options.replicas ?? 0);
    return jsm.streams.update(streamName, { ...owned, num_replicas: replicas });
  }
}
