import { Module } from '@nestjs/common';
import { DeadLettersController } from './dead-letters.controller';

/** Operators' routes that reach into the services: their dead letters. */
@Module({ controllers: [DeadLettersController] })
export class DeadLettersAdminModule {}
