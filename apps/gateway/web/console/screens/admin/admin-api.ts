import type { Role } from '@app/contracts/identity/roles';
import type { ServiceName } from '@app/contracts/health/health.contract';

/*
 * The webhook and dead-letter shapes are classes in contract files that also carry Node-only code
 * (Buffer), which the browser build cannot even type-check; so they are restated here, as the API
 * document (and README) describe them.
 */
export type WebhookEventType =
  | 'comment.published'
  | 'comment.held'
  | 'comment.flagged'
  | 'comment.decided'
  | 'poll.closed'
  | 'submission.received'
  | 'submission.status_changed'
  | 'submission.message_received';

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
}

export interface CreatedWebhookEndpointView extends WebhookEndpointView {
  secret: string;
}

export interface WebhookEndpointListView {
  items: WebhookEndpointView[];
}

export interface DeadLetterView {
  id: string;
  service: ServiceName;
  consumer: string;
  eventId: string;
  type: string | null;
  error: string;
  deliveries: number;
  failedAt: string;
}

export interface DeadLetterPage {
  items: DeadLetterView[];
  nextCursor: string | null;
}

export interface DeadLetterRedriveReply {
  id: string;
  outcome: 'handled' | 'already_handled';
}

/** A staff account as `GET /api/v1/admin/staff` lists it (a gateway DTO, so restated for the browser). */
export interface StaffAccount {
  id: string;
  email: string;
  roles: Role[];
  locale: 'ru' | 'en';
}

export interface StaffList {
  items: StaffAccount[];
}

export const ROLE_CHOICES: readonly Role[] = ['moderator', 'editor', 'admin'];

/** In the order the forms list them; keyed by the type, so none can be left out. */
const EVENT_ORDER: Record<WebhookEventType, number> = {
  'comment.published': 1,
  'comment.held': 2,
  'comment.flagged': 3,
  'comment.decided': 4,
  'poll.closed': 5,
  'submission.received': 6,
  'submission.status_changed': 7,
  'submission.message_received': 8,
};
export const WEBHOOK_EVENTS = (Object.keys(EVENT_ORDER) as WebhookEventType[]).sort(
  (a, b) => EVENT_ORDER[a] - EVENT_ORDER[b],
);

const SERVICE_ORDER: Record<ServiceName, number> = { polls: 1, comments: 2, reporter: 3, notifications: 4 };
export const SERVICES = (Object.keys(SERVICE_ORDER) as ServiceName[]).sort(
  (a, b) => SERVICE_ORDER[a] - SERVICE_ORDER[b],
);
export type { ServiceName };

/** The statuses `GET /api/v1/admin/deliveries` filters by. */
export const DELIVERY_FILTERS = ['pending', 'sent', 'failed'] as const;
export type DeliveryFilter = (typeof DELIVERY_FILTERS)[number];
