import { Delivery } from './delivery.entity';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { DigestItem } from './digest-item.entity';
import { Notification } from './notification.entity';
import { Preference } from './preference.entity';
import { Recipient } from './recipient.entity';
import { Unsubscribed } from './unsubscribed.entity';

export { Delivery, DeliveryAttempt, DigestItem, Notification, Preference, Recipient, Unsubscribed };

export const NOTIFICATIONS_ENTITIES = [
  Delivery,
  DeliveryAttempt,
  DigestItem,
  Notification,
  Preference,
  Recipient,
  Unsubscribed,
];
