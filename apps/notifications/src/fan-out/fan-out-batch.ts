import type { EntityManager } from '@mikro-orm/postgresql';
import type { StaffNoticeType } from '@app/contracts';
import type { ChannelName } from '../channels/delivery-channel';
import { StaffDirectory, StaffRecipient } from '../directory/staff-directory';

/** An in-app entry to add to a staff member's feed. */
export interface NewFeedEntry {
  id: string;
  staffId: string;
  eventId: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
}

/** A message for the delivery workers to send. */
export interface NewDeliveryRow {
  id: string;
  eventId: string;
  eventType: string;
  recipientKey: string;
  channel: ChannelName;
  address: string | null;
  template: string;
  locale: string;
  params: Record<string, unknown>;
  createdAt: Date;
}

/** An item waiting for a moderator's digest. */
export interface NewDigestItem {
  id: string;
  staffId: string;
  channel: ChannelName;
  eventId: string;
  type: string;
  summary: Record<string, unknown>;
  windowStart: Date;
  createdAt: Date;
}

/**
 * What handling a batch of events adds, gathered while each event is handled and written together at
 * the end, in the batch's transaction. Reads go through `em` (the same transaction); the staff
 * directory is read once per kind of notice for the whole batch.
 */
export class FanOutBatch {
  readonly feedEntries: NewFeedEntry[] = [];
  readonly deliveries: NewDeliveryRow[] = [];
  readonly digestItems: NewDigestItem[] = [];
  private readonly audiences = new Map<StaffNoticeType, Promise<StaffRecipient[]>>();
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(readonly em: EntityManager) {}

  /** Everyone in the directory with their choice for `type`, as this batch's transaction sees it. */
  everyone(type: StaffNoticeType): Promise<StaffRecipient[]> {
    let audience = this.audiences.get(type);
    if (!audience) {
      audience = StaffDirectory.everyone(this.em, type);
      this.audiences.set(type, audience);
    }
    return audience;
  }

  /** `read` once per `key` in this batch: the same question asked by several of its events. */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let answer = this.memo.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = read();
      this.memo.set(key, answer);
    }
    return answer;
  }

  get empty(): boolean {
    return this.feedEntries.length + this.deliveries.length + this.digestItems.length === 0;
  }
}
