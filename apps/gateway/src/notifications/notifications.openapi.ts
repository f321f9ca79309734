import { ApiProperty } from '@nestjs/swagger';
import {
  DELIVERY_CHANNEL_NAMES,
  DELIVERY_STATUSES,
  DeliveryAttemptView,
  DeliveryChannelName,
  DeliveryStatus,
  NotificationPreferenceView,
  NotificationView,
  STAFF_NOTICE_TYPES,
  StaffNoticeType,
} from '@app/contracts';

/** The OpenAPI shapes of the notifications answers (the contracts' interfaces, documented). */
export class NotificationDoc implements NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'comment.held, comment.flagged, poll.closed, submission.received, ...' })
  type: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true, description: 'Where the console opens it' }) link:
    string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class NotificationPageDoc {
  @ApiProperty({ type: [NotificationDoc] }) items: NotificationDoc[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class UnreadCountDoc {
  @ApiProperty() unread: number;
}

export class MarkReadDoc {
  @ApiProperty({ description: 'Entries this call marked' }) marked: number;
  @ApiProperty() unread: number;
}

export class NotificationPreferenceDoc implements NotificationPreferenceView {
  @ApiProperty({ enum: STAFF_NOTICE_TYPES }) type: StaffNoticeType;
  @ApiProperty() inApp: boolean;
  @ApiProperty() email: boolean;
  @ApiProperty() telegram: boolean;
}

export class NotificationPreferencesDoc {
  @ApiProperty({ type: [NotificationPreferenceDoc] }) items: NotificationPreferenceDoc[];
}

export class DeliveryAttemptDoc implements DeliveryAttemptView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['sent', 'retry', 'failed', 'unreachable', 'cancelled'] })
  outcome: DeliveryAttemptView['outcome'];
  @ApiProperty({ description: "The far side's answer, without addresses" }) detail: string;
}

export class DeliveryDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty() eventType: string;
  @ApiProperty({ enum: DELIVERY_CHANNEL_NAMES }) channel: DeliveryChannelName;
  @ApiProperty({ description: 'staff:<id>, reader:<hash prefix>, submitter:<id>, webhook:<id>' })
  recipient: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty({ type: [DeliveryAttemptDoc] }) attempts: DeliveryAttemptDoc[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

export class DeliveryPageDoc {
  @ApiProperty({ type: [DeliveryDoc] }) items: DeliveryDoc[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class UnsubscribedDoc {
  @ApiProperty({ enum: [true] }) unsubscribed: true;
}
