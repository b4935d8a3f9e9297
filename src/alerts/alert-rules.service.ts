import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/auth/clock.js';
import { EntityNotFoundError } from '../common/errors/domain-errors.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { NotificationGroupsService } from '../notifications/notification-groups.service.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import type { EvalRule } from './alert-model.js';
import { AlertRule } from './alert-rule.entity.js';
import type { Condition, CreateRuleInput, UpdateRuleInput } from './dto/alert-rule.dto.js';
import { seedDefaultRules } from './default-rules.js';
import { allowedUnits } from './metric-readers.js';

export const toEvalRule = (r: AlertRule): EvalRule => ({ ...r, version: r.updatedAt.getTime() });

/** Alert rules; the enabled ones are cached in memory for the evaluator and reloaded on change. */
@Injectable()
export class AlertRulesService implements OnModuleInit {
  private cache: EvalRule[] = [];

  constructor(
    @InjectRepository(AlertRule) private readonly repo: Repository<AlertRule>,
    private readonly groups: NotificationGroupsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
  ) {}

  async onModuleInit(): Promise<void> {
    // the default rules of a fresh hub, once: a deleted default is not created again
    await this.tx.run((m) => seedDefaultRules(m, new Date(this.clock.now())));
    await this.reload();
  }

  /** Every rule, in memory (the evaluator skips disabled ones). */
  all(): readonly EvalRule[] {
    return this.cache;
  }

  list(): Promise<AlertRule[]> {
    return this.repo.find({ order: { name: 'ASC' } });
  }

  async get(id: string): Promise<AlertRule> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new EntityNotFoundError('alert rule', id);
    return row;
  }

  async create(input: CreateRuleInput, ctx: ActorContext): Promise<AlertRule> {
    await this.validate(input.conditions, input.notificationGroupId);
    const now = new Date(this.clock.now());
    const row: AlertRule = { id: randomUUID(), ...input, origin: 'user', createdAt: now, updatedAt: now };
    await this.repo.insert(row);
    await this.reload();
    await this.audit.record({
      ...ctx,
      action: 'alert-rule.create',
      target: { type: 'alert-rule', id: row.id },
      detail: { name: row.name, conditions: row.conditions.length },
    });
    return row;
  }

  async update(id: string, input: UpdateRuleInput, ctx: ActorContext): Promise<AlertRule> {
    const row = await this.get(id);
    const next: AlertRule = { ...row, ...input };
    if (next.trigger === 'repeat' && next.repeatMinutes === null)
      throw new BadRequestException('repeat needs repeatMinutes');
    await this.validate(next.conditions, input.notificationGroupId ?? null);
    // strictly increasing: the evaluator restarts the rule's windows when its version changes
    next.updatedAt = new Date(Math.max(this.clock.now(), row.updatedAt.getTime() + 1));
    const { id: _id, createdAt: _createdAt, ...fields } = next;
    await this.repo.update({ id }, fields);
    await this.reload();
    await this.audit.record({
      ...ctx,
      action: 'alert-rule.update',
      target: { type: 'alert-rule', id },
      detail: { fields: Object.keys(input) },
    });
    return next;
  }

  /** Its firing alerts are resolved (with a notice) by the next evaluation. */
  async remove(id: string, ctx: ActorContext): Promise<void> {
    const row = await this.get(id);
    await this.repo.delete({ id });
    await this.reload();
    await this.audit.record({
      ...ctx,
      action: 'alert-rule.delete',
      target: { type: 'alert-rule', id },
      detail: { name: row.name },
    });
  }

  private async reload(): Promise<void> {
    this.cache = (await this.repo.find()).map(toEvalRule);
  }

  private async validate(conditions: Condition[], groupId: string | null): Promise<void> {
    for (const c of conditions) {
      if (c.kind !== 'metric' || c.unit === undefined) continue;
      const units = allowedUnits(c.metric);
      if (!units.includes(c.unit)) {
        throw new BadRequestException(
          `unit ${c.unit} does not fit ${c.metric} (one of: ${units.join(', ')})`,
        );
      }
    }
    if (groupId !== null && !(await this.groups.exists(groupId))) {
      throw new BadRequestException(`notification group ${groupId} not found`);
    }
  }
}
