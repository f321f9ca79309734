import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { Caller } from '../identity/caller';
import { OptionalNotNull } from '../validation/optional-not-null.decorator';
import { SingleLine } from '../validation/single-line.decorator';
import { NestedContract } from '../validation/nested-contract.decorator';

/**
 * The events an endpoint may subscribe to: the domain services' facts. Staff directory changes carry
 * staff emails and stay inside the suite; what a posted event leaves out is in the webhook payload rule.
 */
export const WEBHOOK_EVENT_TYPES = [
  'comment.published',
  'comment.held',
  'comment.flagged',
  'comment.decided',
  'poll.closed',
  'submission.received',
  'submission.status_changed',
  'submission.message_received',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_LIMITS = {
  urlMaxLength: 2000,
  eventsMax: WEBHOOK_EVENT_TYPES.length,
} as const;

const WEBHOOK_SECRET_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard Webhooks secrets: `whsec_` and the base64 of 24 to 64 random bytes (the spec's bounds). */
export function isWebhookSecret(value: unknown): value is string {
  if (typeof value !== 'string' || !value.startsWith(WEBHOOK_SECRET_PREFIX)) return false;
  const encoded = value.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!BASE64.test(encoded)) return false;
  const bytes = Buffer.from(encoded, 'base64').length;
  return bytes >= 24 && bytes <= 64;
}

const IsWebhookSecret = () =>
  ValidateBy({
    name: 'isWebhookSecret',
    validator: {
      validate: isWebhookSecret,
      defaultMessage: () => 'secret must be whsec_ followed by the base64 of 24 to 64 bytes',
    },
  });

/** Body of `POST /api/v1/admin/webhooks`. */
export class WebhookEndpointDraft {
  @ApiProperty({
    maxLength: WEBHOOK_LIMITS.urlMaxLength,
    description:
      'http or https; refused when its host resolves to a loopback, private, link-local, unique-local or multicast address',
    example: 'https://hooks.example.com/engage',
  })
  @IsString()
  @MaxLength(WEBHOOK_LIMITS.urlMaxLength)
  @SingleLine()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, description: 'The event types to receive' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_LIMITS.eventsMax)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: WebhookEventType[];

  @ApiProperty({
    required: false,
    description: 'whsec_ and the base64 of 24-64 bytes; left out: one is made up and shown once',
  })
  @OptionalNotNull()
  @IsString()
  @IsWebhookSecret()
  secret?: string;
}

/** An endpoint as admins see it; the secret is shown only in the answer that creates it. */
export class WebhookEndpointView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events: WebhookEventType[];
  @ApiProperty({ description: 'false once disabled (410 Gone, or failing for too long)' }) enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was disabled' })
  disabledReason: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Since when every attempt failed; null while deliveries succeed',
  })
  failingSince: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedWebhookEndpointView extends WebhookEndpointView {
  @ApiProperty({ description: 'The signing secret; this is the only answer that shows it' }) secret: string;
}

export class WebhookEndpointListView {
  @ApiProperty({ type: [WebhookEndpointView], description: 'Oldest first' }) items: WebhookEndpointView[];
}

// ---- NATS requests ----

export class WebhooksCallerRequest {
  @NestedContract(() => Caller)
  caller: Caller;
}

export class CreateWebhookRequest extends WebhooksCallerRequest {
  @NestedContract(() => WebhookEndpointDraft)
  endpoint: WebhookEndpointDraft;
}

export class WebhookIdRequest extends WebhooksCallerRequest {
  @IsUUID()
  id: string;
}

export interface WebhookDeletedReply {
  id: string;
}
