import type { AttemptOutcome } from '@hivewatch/protocol';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThanOrEqual, type EntityManager, type Repository } from 'typeorm';
import { Clock } from '../common/auth/clock.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { ChannelsService } from './channels.service.js';
import { summaryOf, type NotificationMessage } from './message.js';
import { NotificationAttempt } from './notification-attempt.entity.js';
import { NotificationChannel } from './notification-channel.entity.js';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { NotificationGroup } from './notification-group.entity.js';
import { DeliveryError, redact } from './senders/channel-sender.js';
import { ChannelTransport } from './senders/channel-transport.js';

const BATCH = 20;
/** A service's `Retry-After` is honoured up to this long; a longer one would stall the alert. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;
/** Appended to the logged error of a failure no retry can fix (senders/failure-kind.ts). */
const PERMANENT_REASON = ' (permanent failure, not retried: check the channel settings)';

export type { AttemptOutcome } from '@hivewatch/protocol';

/**
 * The persisted delivery queue. Rows are written in the caller's transaction (with the alert state
 * change that caused them), so a notification is queued exactly when its alert state is stored.
 * The worker sends due rows, logs every attempt and reschedules failures on the retry schedule.
 * Delivery is at-least-once: a hub killed between a send and its log line sends it again.
 */
@Injectable()
export class DeliveryQueue {
  private readonly logger = new Logger(DeliveryQueue.name);
  private readonly inFlight = new Map<number, Promise<AttemptOutcome>>();
  private polling: Promise<void> | null = null;

  constructor(
    @InjectRepository(NotificationDelivery) private readonly deliveries: Repository<NotificationDelivery>,
    private readonly channels: ChannelsService,
    private readonly transport: ChannelTransport,
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Queues the message for every enabled channel of the group (inside the caller's transaction). */
  async enqueueForGroup(
    m: EntityManager,
    groupId: string | null,
    message: NotificationMessage,
    alertId: string | null,
  ): Promise<number> {
    if (groupId === null) return 0;
    const group = await m.findOneBy(NotificationGroup, { id: groupId });
    if (!group || group.channelIds.length === 0) return 0;
    const channels = await m.find(NotificationChannel, {
      where: { id: In(group.channelIds), enabled: true },
    });
    const now = new Date(this.clock.now());
    const maxAttempts = this.config.notifications.retryDelaysMs.length + 1;
    for (const channel of channels) {
      await m.insert(NotificationDelivery, this.newRow(channel.id, message, alertId, maxAttempts, now));
    }
    return channels.length;
  }

  /** "Send test": queued like any message (so it is logged), tried once, right now. */
  async sendTest(
    channelId: string,
    message: NotificationMessage,
  ): Promise<AttemptOutcome & { deliveryId: number }> {
    const now = new Date(this.clock.now());
    const fields = this.newRow(channelId, message, null, 1, now);
    const inserted = await this.deliveries.insert(fields);
    const row: NotificationDelivery = { ...fields, id: (inserted.identifiers[0] as { id: number }).id };
    const outcome = await this.attempt(row);
    return { deliveryId: row.id, ...outcome };
  }

  /** One pass over the due rows; overlapping calls share the running pass. */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => (this.polling = null));
    return this.polling;
  }

  /** Waits for the sends in progress (shutdown: their outcome must be logged, not re-sent later). */
  async drain(): Promise<void> {
    await this.polling?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private async pollOnce(): Promise<void> {
    const due = await this.deliveries.find({
      where: { status: 'queued', nextAttemptAt: LessThanOrEqual(new Date(this.clock.now())) },
      order: { nextAttemptAt: 'ASC', id: 'ASC' },
      take: BATCH,
    });
    await Promise.allSettled(due.filter((d) => !this.inFlight.has(d.id)).map((d) => this.attempt(d)));
  }

  private attempt(row: NotificationDelivery): Promise<AttemptOutcome> {
    const running = this.attemptOnce(row).finally(() => this.inFlight.delete(row.id));
    this.inFlight.set(row.id, running);
    return running;
  }

  private async attemptOnce(row: NotificationDelivery): Promise<AttemptOutcome> {
    const started = this.clock.now();
    let channel: Awaited<ReturnType<ChannelsService['resolve']>>;
    try {
      channel = await this.channels.resolve(row.channelId);
    } catch (err) {
      // Sealed secrets that no longer open (the notification key changed, docs/security-keys.md)
      // will not open on a retry either: fail the delivery once, visibly, instead of re-queueing it forever.
      this.logger.error(
        { err, channelId: row.channelId, deliveryId: row.id },
        'channel secrets cannot be read',
      );
      const outcome: AttemptOutcome = {
        outcome: 'failure',
        responseCode: null,
        error: 'channel secrets cannot be read (the notification key changed): enter them again',
      };
      await this.record(row, '(unreadable)', outcome, started, true);
      return outcome;
    }
    let outcome: AttemptOutcome;
    let retryAfterMs: number | null = null;
    let permanent = false;
    if (!channel || !channel.enabled) {
      outcome = {
        outcome: 'failure',
        responseCode: null,
        error: channel ? 'channel disabled' : 'channel deleted',
      };
    } else {
      try {
        const res = await this.transport.send(channel, row.message, this.config.notifications.timeoutMs);
        outcome = { outcome: 'success', responseCode: res.responseCode, error: null };
      } catch (err) {
        const code = err instanceof DeliveryError ? err.responseCode : null;
        retryAfterMs = err instanceof DeliveryError ? err.retryAfterMs : null;
        permanent = err instanceof DeliveryError && err.kind === 'permanent';
        const text = redact(err instanceof Error ? err.message : String(err), channel.secrets);
        const reason = permanent ? PERMANENT_REASON : '';
        outcome = {
          outcome: 'failure',
          responseCode: code,
          error: text.slice(0, 500 - reason.length) + reason,
        };
      }
    }
    const final = !channel || !channel.enabled || permanent;
    await this.record(row, channel?.name ?? '(deleted)', outcome, started, final, retryAfterMs);
    return outcome;
  }

  private async record(
    row: NotificationDelivery,
    channelName: string,
    outcome: AttemptOutcome,
    started: number,
    final: boolean,
    retryAfterMs: number | null = null,
  ): Promise<void> {
    const now = this.clock.now();
    const attempt = row.attempts + 1;
    const delays = this.config.notifications.retryDelaysMs;
    const exhausted = final || attempt >= row.maxAttempts;
    const status = outcome.outcome === 'success' ? 'delivered' : exhausted ? 'failed' : 'queued';
    // The retry schedule, or later when the service asked for a pause (HTTP 429 Retry-After).
    const delay = Math.max(
      delays[Math.min(attempt - 1, delays.length - 1)] ?? 0,
      Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS),
    );
    const next = status === 'queued' ? now + delay : now;
    await this.tx.run(async (m) => {
      await m.insert(NotificationAttempt, {
        deliveryId: row.id,
        channelId: row.channelId,
        channelName: channelName.slice(0, 100),
        attempt,
        at: new Date(now),
        outcome: outcome.outcome,
        responseCode: outcome.responseCode,
        error: outcome.error,
        durationMs: Math.max(0, now - started),
        summary: summaryOf(row.message).slice(0, 300),
      });
      await m.update(
        NotificationDelivery,
        { id: row.id },
        { attempts: attempt, status, nextAttemptAt: new Date(next), updatedAt: new Date(now) },
      );
    });
    if (outcome.outcome === 'failure') {
      this.logger.warn(
        { deliveryId: row.id, channelId: row.channelId, attempt, status, error: outcome.error },
        status === 'failed' ? 'notification delivery failed' : 'notification attempt failed',
      );
    }
  }

  private newRow(
    channelId: string,
    message: NotificationMessage,
    alertId: string | null,
    maxAttempts: number,
    now: Date,
  ): Omit<NotificationDelivery, 'id'> {
    return {
      channelId,
      alertId,
      message,
      status: 'queued',
      attempts: 0,
      maxAttempts,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    };
  }
}
