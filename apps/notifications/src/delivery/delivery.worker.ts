import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { errorSummary, GroupCommit } from '@app/persistence';
import { afterRetryableFailure } from '../domain/retry-schedule';
import { ChannelRegistry } from '../channels/channel-registry';
import type { SendOutcome } from '../channels/delivery-channel';
import { Notification } from '../entities';
import { TemplateStore, normaliseLocale } from '../templates/template-store';
import { namedId } from '../domain/named-id';
import { AttemptRecord, ClaimedDelivery, DeliveryRepository, RecordedAttempt } from './delivery.repository';
import { DeliverySettings } from './delivery-settings';
import { MessageComposer } from './message-composer';

/** How long a finished attempt waits for others to be recorded with it in one statement. */
const RECORD_GATHER_MS = 10;

/**
 * Sends due deliveries: claims them with a lease (every copy runs one; SKIP LOCKED keeps them apart),
 * sends them concurrently through their channels outside any transaction, records each attempt and
 * what follows: sent, a retry after a growing pause with jitter, or failed once the channel's attempts
 * are used up. Claims and records go in rounds, one statement each for many deliveries: the worker
 * claims again once half its slots are free (or something new was committed), and attempts that
 * finish together are recorded together.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DeliveryWorker');
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stop = new AbortController();
  private loop?: Promise<void>;
  private wake?: () => void;
  private kicked = false;
  private readonly outcomes: GroupCommit<RecordedAttempt, boolean>;
  /** Free slots that make a round of claiming worth it while a send is under way. */
  private readonly refillAt: number;

  constructor(
    private readonly repository: DeliveryRepository,
    private readonly composer: MessageComposer,
    private readonly channels: ChannelRegistry,
    private readonly settings: DeliverySettings,
    private readonly templates: TemplateStore,
    private readonly em: EntityManager,
  ) {
    this.refillAt = Math.max(1, Math.ceil(settings.concurrency / 2));
    this.outcomes = new GroupCommit(
      { maxSize: settings.concurrency, maxDelayMs: RECORD_GATHER_MS, maxInFlight: 2 },
      async (items) =>
        (await repository.record(items)).map((value) => ({ status: 'fulfilled' as const, value })),
    );
  }

  onApplicationBootstrap(): void {
    this.loop ??= this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    this.wake?.();
    await this.loop;
  }

  /** New deliveries were committed: look now rather than at the next poll. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stop.signal.aborted) {
      const room = this.settings.concurrency - this.inFlight.size;
      let claimed: ClaimedDelivery[] = [];
      if (room > 0) {
        this.kicked = false;
        try {
          claimed = await this.repository.claim(room, this.settings.leaseMs);
        } catch (error) {
          this.logger.warn(`could not claim deliveries: ${errorSummary(error)}`);
        }
        for (const delivery of claimed) {
          const sending = this.deliver(delivery).finally(() => {
            this.inFlight.delete(sending);
            const free = this.settings.concurrency - this.inFlight.size;
            if (free >= this.refillAt || this.inFlight.size === 0) this.wake?.();
          });
          this.inFlight.add(sending);
        }
      }
      // A full batch means more may be due: go again at once, otherwise wait for a kick or the poll.
      if (claimed.length === 0 || claimed.length < room || room === 0) await this.pause();
    }
    await Promise.all(this.inFlight);
  }

  private pause(): Promise<void> {
    if (this.kicked && this.inFlight.size < this.settings.concurrency) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.settings.pollMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    try {
      const attempt = await this.attempt(delivery);
      if (!(await this.outcomes.submit({ delivery, attempt }))) {
        this.logger.warn(`delivery ${delivery.id}: its lease ran out before the outcome was recorded`);
      }
    } catch (error) {
      // The lease runs out and another attempt follows; the error is ours, not the recipient's.
      this.logger.error(`delivery ${delivery.id} could not be recorded: ${errorSummary(error)}`);
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<AttemptRecord> {
    const channel = this.channels.get(delivery.channel);
    if (!channel)
      return this.next(delivery, { kind: 'retry', detail: `no ${delivery.channel} channel configured` });
    const composition = await this.composer.compose(delivery);
    if (composition.kind === 'cancel') {
      return { outcome: 'cancelled', detail: composition.detail, status: 'cancelled' };
    }
    if (composition.kind === 'retry') return this.next(delivery, composition);
    const timeout = AbortSignal.timeout(this.settings.sendTimeoutMs);
    const signal = AbortSignal.any([timeout, this.stop.signal]);
    const outcome = await Promise.race([
      channel.send(composition.message, signal),
      new Promise<SendOutcome>((resolve) =>
        timeout.addEventListener('abort', () => resolve({ kind: 'retry', detail: 'timed out' })),
      ),
    ]).catch((error: unknown): SendOutcome => ({ kind: 'retry', detail: (error as Error).message }));
    return this.next(delivery, outcome);
  }

  private async next(delivery: ClaimedDelivery, outcome: SendOutcome): Promise<AttemptRecord> {
    switch (outcome.kind) {
      case 'sent':
        return { outcome: 'sent', detail: outcome.detail, status: 'sent' };
      case 'failed':
        return { outcome: 'failed', detail: outcome.detail, status: 'failed' };
      case 'unreachable':
        await this.unreachable(delivery);
        return { outcome: 'unreachable', detail: outcome.detail, status: 'failed' };
      case 'retry': {
        const step = afterRetryableFailure(
          delivery.attempts,
          this.settings.retry[delivery.channel],
          Math.random,
          outcome.afterMs,
        );
        if (step.action === 'give_up') {
          return { outcome: 'retry', detail: `${outcome.detail} (attempts used up)`, status: 'failed' };
        }
        return {
          outcome: 'retry',
          detail: outcome.detail,
          status: 'pending',
          nextAttemptAt: new Date(Date.now() + step.delayMs),
        };
      }
    }
  }

  /** A staff member's Telegram chat stopped taking messages: unlink it and say so in their feed. */
  private async unreachable(delivery: ClaimedDelivery): Promise<void> {
    if (delivery.channel !== 'telegram' || !delivery.recipientKey.startsWith('staff:') || !delivery.address)
      return;
    const staffId = delivery.recipientKey.slice('staff:'.length);
    await this.repository.unlinkTelegram(staffId, delivery.address);
    const { subject, text } = this.templates.render(
      'telegram-unlinked',
      normaliseLocale(delivery.locale),
      {},
    );
    const em = this.em.fork();
    await em
      .createQueryBuilder(Notification)
      .insert({
        id: randomUUID(),
        staffId,
        eventId: namedId(`telegram-unlinked:${staffId}:${delivery.address}`),
        type: 'telegram.unlinked',
        title: subject,
        body: text.trim(),
        link: 'settings/notifications',
        createdAt: new Date(),
        readAt: null,
      })
      .onConflict(['eventId', 'staffId'])
      .ignore()
      .execute();
  }
}
