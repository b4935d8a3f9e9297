import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, type FindOptionsWhere, type Repository } from 'typeorm';
import type { AttemptQuery, DeliveryQuery } from './dto/log-query.dto.js';
import { NotificationAttempt } from './notification-attempt.entity.js';
import { NotificationDelivery } from './notification-delivery.entity.js';

export interface Page<T> {
  items: T[];
  nextCursor: number | null;
}

/** Read side of the queue: deliveries and the attempt log, newest first, keyset-paginated by id. */
@Injectable()
export class DeliveryLogService {
  constructor(
    @InjectRepository(NotificationDelivery) private readonly deliveries: Repository<NotificationDelivery>,
    @InjectRepository(NotificationAttempt) private readonly attempts: Repository<NotificationAttempt>,
  ) {}

  /** Finished deliveries and log lines older than `days` go (queued rows are kept whatever their age). */
  async prune(days: number, now: number): Promise<void> {
    const cutoff = new Date(now - days * 86_400_000);
    await this.attempts.delete({ at: LessThan(cutoff) });
    await this.deliveries.delete({ status: In(['delivered', 'failed']), updatedAt: LessThan(cutoff) });
  }

  async listDeliveries(q: DeliveryQuery): Promise<Page<NotificationDelivery>> {
    const where: FindOptionsWhere<NotificationDelivery> = {};
    if (q.channelId) where.channelId = q.channelId;
    if (q.alertId) where.alertId = q.alertId;
    if (q.status) where.status = q.status;
    if (q.cursor !== undefined) where.id = LessThan(q.cursor);
    const rows = await this.deliveries.find({ where, order: { id: 'DESC' }, take: q.limit + 1 });
    return page(rows, q.limit);
  }

  async listAttempts(q: AttemptQuery): Promise<Page<NotificationAttempt>> {
    const qb = this.attempts
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .take(q.limit + 1);
    if (q.channelId) qb.andWhere('a.channelId = :channelId', { channelId: q.channelId });
    if (q.deliveryId) qb.andWhere('a.deliveryId = :deliveryId', { deliveryId: q.deliveryId });
    if (q.outcome) qb.andWhere('a.outcome = :outcome', { outcome: q.outcome });
    if (q.from) qb.andWhere('a.at >= :from', { from: q.from.getTime() });
    if (q.to) qb.andWhere('a.at <= :to', { to: q.to.getTime() });
    if (q.cursor !== undefined) qb.andWhere('a.id < :cursor', { cursor: q.cursor });
    return page(await qb.getMany(), q.limit);
  }
}

function page<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
