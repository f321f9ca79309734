import { DynamicModule, Module } from '@nestjs/common';
import { NatsLink } from '@app/messaging';
import { MetricsRegistry } from '@app/runtime';
import type { GatewayEnv } from '../gateway.config';
import { AttachmentDownload } from './attachment-download';
import { ReporterWireClient } from './reporter-wire.client';
import { SubmissionDeskController } from './submission-desk.controller';
import { SubmissionIntake } from './submission-intake';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsGateway } from './submissions.gateway';

/** The reader-reporter routes of the gateway: the streamed form, tracking, and the newsroom's desk. */
@Module({})
export class SubmissionsGatewayModule {
  static register(env: GatewayEnv): DynamicModule {
    return {
      module: SubmissionsGatewayModule,
      controllers: [SubmissionsController, SubmissionDeskController],
      providers: [
        {
          provide: ReporterWireClient,
          inject: [NatsLink, MetricsRegistry],
          useFactory: (link: NatsLink, metrics: MetricsRegistry) =>
            new ReporterWireClient(link, env.NATS_REQUEST_TIMEOUT_MS, metrics),
        },
        SubmissionIntake,
        SubmissionsGateway,
        AttachmentDownload,
      ],
    };
  }
}
