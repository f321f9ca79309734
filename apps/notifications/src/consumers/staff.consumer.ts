import { Injectable } from '@nestjs/common';
import { NotificationSubscriptions } from '@app/contracts';
import { EventConsumers } from '@app/messaging';
import { StaffDirectory } from '../directory/staff-directory';

/** Keeps the staff directory from the gateway's announcements. */
@Injectable()
export class StaffConsumer {
  constructor(consumers: EventConsumers) {
    consumers.register({
      ...NotificationSubscriptions.staff,
      handle: (event, em, meta) => StaffDirectory.apply(em, event, new Date(meta.occurredAt)),
    });
  }
}
