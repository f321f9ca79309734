import { Controller } from '@nestjs/common';
import {
  DeadLetterPage,
  DeadLetterRedriveReply,
  DeadLettersRpc,
  ListDeadLettersRequest,
  RedriveDeadLetterRequest,
  ServiceName,
} from '@app/contracts';
import { HandlesRpc } from '../rpc/handles-rpc.decorator';
import { DeadLetterDesk } from './dead-letter.desk';

/** The NATS handlers of `<service>.deadletters.*`, bound to that service's declarations. */
export function deadLettersControllerFor(service: ServiceName) {
  const operations = DeadLettersRpc[service];

  @Controller()
  class DeadLettersController {
    constructor(private readonly desk: DeadLetterDesk) {}

    @HandlesRpc(operations.list)
    list(request: ListDeadLettersRequest): Promise<DeadLetterPage> {
      return this.desk.list(request.caller, request.query);
    }

    @HandlesRpc(operations.redrive)
    redrive(request: RedriveDeadLetterRequest): Promise<DeadLetterRedriveReply> {
      return this.desk.redrive(request.caller, request.id);
    }
  }
  return DeadLettersController;
}
