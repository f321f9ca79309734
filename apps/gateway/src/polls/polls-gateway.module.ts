import { DynamicModule, Module } from '@nestjs/common';
import { NatsRpcClient } from '@app/messaging';
import type { GatewayEnv } from '../gateway.config';
import { PollCache } from './poll.cache';
import { PollLiveHub } from './poll-live.hub';
import { PollSignalsListener } from './poll-signals.listener';
import { PollReadFastPath } from './poll-read.fast-path';
import { VoteFastPath } from './vote.fast-path';
import { PollsController } from './polls.controller';
import { PollsGateway } from './polls.gateway';
import { PollsGatewaySettings } from './polls.settings';
import { VoteForwarder } from './vote.forwarder';

/** The polls routes of the gateway, with their cache and live streams. */
@Module({})
export class PollsGatewayModule {
  static register(env: GatewayEnv): DynamicModule {
    return {
      module: PollsGatewayModule,
      controllers: [PollsController],
      providers: [
        {
          provide: PollsGatewaySettings,
          useValue: new PollsGatewaySettings(
            env.POLL_CACHE_TTL_MS,
            env.POLL_LIVE_INTERVAL_MS,
            env.POLL_LIVE_MAX_STREAMS,
          ),
        },
        {
          provide: PollCache,
          inject: [PollsGatewaySettings],
          useFactory: (settings: PollsGatewaySettings) => new PollCache(settings.cacheTtlMs),
        },
        {
          provide: VoteForwarder,
          inject: [NatsRpcClient],
          useFactory: (rpc: NatsRpcClient) =>
            new VoteForwarder(rpc, {
              maxSize: env.POLL_VOTE_FORWARD_BATCH_MAX,
              maxDelayMs: env.POLL_VOTE_FORWARD_DELAY_MS,
              // Batches are only messages on their way: as many as the service can take at once.
              maxInFlight: 64,
            }),
        },
        PollsGateway,
        PollLiveHub,
        PollSignalsListener,
        PollReadFastPath,
        VoteFastPath,
      ],
    };
  }
}
