import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  Length,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Caller } from '../identity/caller';
import { PageQuery } from '../common/page';
import { OptionalNotNull } from '../validation/optional-not-null.decorator';
import { STAFF_NOTICE_TYPES, StaffNoticeType } from './notification.model';
import { NestedContract } from '../validation/nested-contract.decorator';

/** Entries one "mark read" call may name. */
export const MARK_READ_MAX_IDS = 100;

/** Signed unsubscribe tokens are about 100 characters; anything far longer is not one of ours. */
export const UNSUBSCRIBE_TOKEN_MAX = 512;

/** Refuses a body that names both fields: which one was meant is not for the service to guess. */
const NotWith = (other: string) =>
  ValidateBy({
    name: 'notWith',
    validator: {
      validate: (_value: unknown, args) => (args?.object as Record<string, unknown>)[other] === undefined,
      defaultMessage: (args) => `send ${other} or ${args?.property}, not both`,
    },
  });

// ---- HTTP inputs ----

/** Query of `GET /api/v1/me/notifications` (newest first). */
export class NotificationFeedQuery extends PageQuery {
  @ApiProperty({ required: false, enum: ['true', 'false'], description: 'true: unread entries only' })
  @OptionalNotNull()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

/** Body of `POST /api/v1/me/notifications/read`: `{ ids }` or `{ all: true }`. */
export class MarkReadBody {
  @ApiProperty({ required: false, type: [String], format: 'uuid', maxItems: MARK_READ_MAX_IDS })
  @ValidateIf((body: MarkReadBody) => body.all === undefined || body.ids !== undefined)
  @IsDefined({ message: 'ids or all is required' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MARK_READ_MAX_IDS)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiProperty({ required: false, enum: [true] })
  @ValidateIf((body: MarkReadBody) => body.all !== undefined)
  @Equals(true, { message: 'all must be true when given' })
  @NotWith('ids')
  all?: true;
}

export class NotificationPreference {
  @ApiProperty({ enum: STAFF_NOTICE_TYPES })
  @IsIn(STAFF_NOTICE_TYPES)
  type: StaffNoticeType;

  @ApiProperty()
  @IsBoolean()
  inApp: boolean;

  @ApiProperty()
  @IsBoolean()
  email: boolean;

  @ApiProperty()
  @IsBoolean()
  telegram: boolean;
}

/** Body of `PUT /api/v1/me/notification-preferences`: the types it names change, the others stay. */
export class NotificationPreferencesBody {
  @ApiProperty({ type: [NotificationPreference], maxItems: STAFF_NOTICE_TYPES.length })
  @IsArray()
  @ArrayMaxSize(STAFF_NOTICE_TYPES.length)
  @ArrayUnique((item: NotificationPreference) => item?.type, { message: 'each type may appear once' })
  // ValidateNested walks into an array inside the array and finds it valid: each item must be an object.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NotificationPreference)
  items: NotificationPreference[];
}

/** Query of `GET /api/v1/admin/deliveries` (newest first). */
export class DeliveryListQuery extends PageQuery {
  @ApiProperty({ required: false, enum: ['pending', 'sent', 'failed'] })
  @OptionalNotNull()
  @IsIn(['pending', 'sent', 'failed'])
  status?: 'pending' | 'sent' | 'failed';
}

/** Body (form or JSON) of `POST /api/v1/unsubscribe`, or its `token` query parameter. */
export class UnsubscribeToken {
  @ApiProperty({ maxLength: UNSUBSCRIBE_TOKEN_MAX })
  @IsString()
  @Length(1, UNSUBSCRIBE_TOKEN_MAX)
  token: string;
}

// ---- NATS requests: the HTTP inputs above plus who is asking ----

abstract class CallerRequest {
  @NestedContract(() => Caller)
  caller: Caller;
}

export class NotificationsCallerRequest extends CallerRequest {}

export class ListNotificationsRequest extends CallerRequest {
  @NestedContract(() => NotificationFeedQuery)
  query: NotificationFeedQuery;
}

export class MarkReadRequest extends CallerRequest {
  @NestedContract(() => MarkReadBody)
  read: MarkReadBody;
}

export class UpdatePreferencesRequest extends CallerRequest {
  @NestedContract(() => NotificationPreferencesBody)
  preferences: NotificationPreferencesBody;
}

export class ListDeliveriesRequest extends CallerRequest {
  @NestedContract(() => DeliveryListQuery)
  query: DeliveryListQuery;
}

export class RetryDeliveryRequest extends CallerRequest {
  @IsUUID()
  deliveryId: string;
}

/** No caller: the signed token is the whole authority (RFC 8058 one-click, no login). */
export class UnsubscribeRequest extends UnsubscribeToken {}
