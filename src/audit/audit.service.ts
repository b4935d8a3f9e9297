import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type FindOptionsWhere, type Repository } from 'typeorm';
import type { AnonymousActor, Principal } from '../common/auth/principal.js';
import { AuditLog } from './audit-log.entity.js';
import type { AuditQuery } from './dto/audit-query.dto.js';

export interface AuditEntry {
  actor: Principal | AnonymousActor;
  action: string;
  outcome?: 'success' | 'failure';
  target?: { type: string; id?: string | null };
  ip?: string | null;
  /** Never put a secret here: the detail is shown to every admin. */
  detail?: Record<string, unknown>;
}

/** The audit trail of privileged actions. Writing never throws into the caller's flow. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(@InjectRepository(AuditLog) private readonly repo: Repository<AuditLog>) {}

  async record(entry: AuditEntry): Promise<void> {
    const actor = entry.actor;
    const isPrincipal = 'userId' in actor;
    try {
      const row: Omit<AuditLog, 'id'> = {
        createdAt: new Date(),
        actorType: isPrincipal ? (actor.via === 'api-key' ? 'api-key' : 'user') : actor.via,
        actorId: isPrincipal ? (actor.apiKeyId ?? actor.userId) : (actor.id ?? null),
        actorName: isPrincipal ? actor.username : (actor.name ?? null),
        action: entry.action,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        outcome: entry.outcome ?? 'success',
        ip: entry.ip ?? null,
        detail: entry.detail ?? null,
      };
      await this.repo.save(this.repo.create(row));
    } catch (err) {
      this.logger.error({ err, action: entry.action }, 'could not write audit entry');
    }
  }

  /** Newest first, keyset-paginated by id (`cursor` is the last id of the previous page). */
  async list(query: AuditQuery): Promise<{ items: AuditLog[]; nextCursor: number | null }> {
    const where: FindOptionsWhere<AuditLog> = {};
    if (query.action) where.action = query.action;
    if (query.actorId) where.actorId = query.actorId;
    if (query.targetId) where.targetId = query.targetId;
    if (query.outcome) where.outcome = query.outcome;
    if (query.cursor !== undefined) where.id = LessThan(query.cursor);
    const qb = this.repo
      .createQueryBuilder('a')
      .where(where)
      .orderBy('a.id', 'DESC')
      .take(query.limit + 1);
    if (query.from) qb.andWhere('a.createdAt >= :from', { from: query.from.getTime() });
    if (query.to) qb.andWhere('a.createdAt <= :to', { to: query.to.getTime() });
    const rows = await qb.getMany();
    const items = rows.slice(0, query.limit);
    return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
  }
}
