import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { inSilence } from '../common/silence/silence-window.js';
import { AuditService } from '../audit/audit.service.js';
import { BadRequestException } from '@nestjs/common';
import { ConflictError, EntityNotFoundError } from '../common/errors/domain-errors.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import type { CreateNotificationGroupInput, UpdateNotificationGroupInput } from './dto/group.dto.js';
import { NotificationChannel } from './notification-channel.entity.js';
import { NotificationGroup } from './notification-group.entity.js';

/** Notification groups; their silence windows are kept in memory for the evaluator. */
@Injectable()
export class NotificationGroupsService implements OnModuleInit {
  private silences = new Map<string, NotificationGroup['silence']>();

  constructor(
    @InjectRepository(NotificationGroup) private readonly repo: Repository<NotificationGroup>,
    @InjectRepository(NotificationChannel) private readonly channels: Repository<NotificationChannel>,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reloadSilences();
  }

  /** Synchronous, in memory: whether the group holds its notifications back now. */
  silenced(groupId: string | null, now: number): boolean {
    return groupId !== null && inSilence(this.silences.get(groupId) ?? null, now);
  }

  list(): Promise<NotificationGroup[]> {
    return this.repo.find({ order: { name: 'ASC' } });
  }

  async exists(id: string): Promise<boolean> {
    return (await this.repo.countBy({ id })) > 0;
  }

  async create(input: CreateNotificationGroupInput, ctx: ActorContext): Promise<NotificationGroup> {
    await this.assertChannels(input.channelIds);
    await this.assertNameFree(input.name);
    const now = new Date();
    const row: NotificationGroup = { id: randomUUID(), ...input, createdAt: now, updatedAt: now };
    await this.repo.insert(row);
    await this.reloadSilences();
    await this.audit.record({
      ...ctx,
      action: 'notification-group.create',
      target: { type: 'notification-group', id: row.id },
      detail: { name: row.name, channelIds: row.channelIds },
    });
    return row;
  }

  async update(
    id: string,
    input: UpdateNotificationGroupInput,
    ctx: ActorContext,
  ): Promise<NotificationGroup> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new EntityNotFoundError('notification group', id);
    if (input.channelIds) await this.assertChannels(input.channelIds);
    if (input.name !== undefined && input.name !== row.name) await this.assertNameFree(input.name);
    Object.assign(row, input, { updatedAt: new Date() });
    await this.repo.update(
      { id },
      { name: row.name, channelIds: row.channelIds, silence: row.silence, updatedAt: row.updatedAt },
    );
    await this.reloadSilences();
    await this.audit.record({
      ...ctx,
      action: 'notification-group.update',
      target: { type: 'notification-group', id },
      detail: { ...input },
    });
    return row;
  }

  async remove(id: string, ctx: ActorContext): Promise<void> {
    const result = await this.repo.delete({ id });
    if (!result.affected) throw new EntityNotFoundError('notification group', id);
    await this.reloadSilences();
    await this.audit.record({
      ...ctx,
      action: 'notification-group.delete',
      target: { type: 'notification-group', id },
    });
  }

  private async reloadSilences(): Promise<void> {
    const rows = await this.repo.find({ select: { id: true, silence: true } });
    this.silences = new Map(rows.map((r) => [r.id, r.silence]));
  }

  private async assertChannels(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.channels.countBy({ id: In(ids) });
    if (found !== new Set(ids).size) throw new BadRequestException('unknown notification channel id');
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.repo.existsBy({ name }))
      throw new ConflictError(`notification group ${name} already exists`);
  }
}
