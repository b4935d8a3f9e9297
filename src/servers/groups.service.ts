import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ConflictError, EntityNotFoundError } from '../common/errors/domain-errors.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { HubEvents } from '../common/events/hub-events.js';
import type { CreateGroupInput, GroupView, UpdateGroupInput } from './dto/group.dto.js';
import { EnrollmentKey } from './enrollment-key.entity.js';
import { ServerGroup } from './server-group.entity.js';
import { Server } from './server.entity.js';
import { TransactionRunner } from '../database/transaction-runner.js';

/** Server groups: names are unique (case-insensitively); deleting one leaves its servers ungrouped. */
@Injectable()
export class GroupsService {
  private readonly logger = new Logger(GroupsService.name);

  constructor(
    @InjectRepository(ServerGroup) private readonly groups: Repository<ServerGroup>,
    @InjectRepository(Server) private readonly servers: Repository<Server>,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly events: HubEvents,
  ) {}

  async list(): Promise<GroupView[]> {
    const groups = await this.groups.find({ order: { displayOrder: 'ASC', name: 'ASC' } });
    const counts = await this.servers
      .createQueryBuilder('s')
      .select('s.groupId', 'groupId')
      .addSelect('COUNT(*)', 'count')
      .where('s.groupId IS NOT NULL')
      .groupBy('s.groupId')
      .getRawMany<{ groupId: string; count: string | number }>();
    const byGroup = new Map(counts.map((c) => [c.groupId, Number(c.count)]));
    return groups.map((g) => toGroupView(g, byGroup.get(g.id) ?? 0));
  }

  async get(id: string): Promise<GroupView> {
    const group = await this.findOrThrow(id);
    return toGroupView(group, await this.servers.countBy({ groupId: id }));
  }

  async create(input: CreateGroupInput, ctx: ActorContext): Promise<GroupView> {
    await this.assertNameFree(input.name);
    const group: ServerGroup = {
      id: randomUUID(),
      name: input.name,
      description: input.description ?? '',
      displayOrder: input.displayOrder ?? 0,
      createdAt: new Date(),
    };
    await this.writeOrConflict(() => this.groups.insert(group), input.name);
    const view = toGroupView(group, 0);
    this.events.emit('group.saved', { group: view });
    await this.audit.record({
      ...ctx,
      action: 'group.create',
      target: { type: 'group', id: group.id },
      detail: { name: group.name },
    });
    return view;
  }

  async update(id: string, input: UpdateGroupInput, ctx: ActorContext): Promise<GroupView> {
    const group = await this.findOrThrow(id);
    if (input.name !== undefined) await this.assertNameFree(input.name, id);
    if (Object.keys(input).length > 0) {
      await this.writeOrConflict(() => this.groups.update({ id }, input), input.name ?? group.name);
    }
    const view = await this.get(id);
    this.events.emit('group.saved', { group: view });
    await this.audit.record({
      ...ctx,
      action: 'group.update',
      target: { type: 'group', id },
      detail: { name: input.name ?? group.name, fields: Object.keys(input) },
    });
    return view;
  }

  async remove(id: string, ctx: ActorContext): Promise<void> {
    const group = await this.findOrThrow(id);
    // The foreign keys say ON DELETE SET NULL too; doing it explicitly also counts the servers.
    const ungrouped = await this.tx.run(async (m) => {
      const res = await m.update(Server, { groupId: id }, { groupId: null, updatedAt: new Date() });
      await m.update(EnrollmentKey, { groupId: id }, { groupId: null });
      await m.delete(ServerGroup, { id });
      return res.affected ?? 0;
    });
    this.events.emit('group.deleted', { groupId: id });
    await this.audit.record({
      ...ctx,
      action: 'group.delete',
      target: { type: 'group', id },
      detail: { name: group.name, ungroupedServers: ungrouped },
    });
    this.logger.log({ groupId: id, ungrouped }, 'group deleted');
  }

  private async findOrThrow(id: string): Promise<ServerGroup> {
    const group = await this.groups.findOneBy({ id });
    if (!group) throw new EntityNotFoundError('group', id);
    return group;
  }

  private async assertNameFree(name: string, exceptId?: string): Promise<void> {
    const clash = await this.groups
      .createQueryBuilder('g')
      .where('LOWER(g.name) = LOWER(:name)', { name })
      .getOne();
    if (clash && clash.id !== exceptId) throw new ConflictError(`a group named "${name}" already exists`);
  }

  /** The unique index is the last word when two requests race past `assertNameFree`. */
  private async writeOrConflict(write: () => Promise<unknown>, name: string): Promise<void> {
    try {
      await write();
    } catch (err) {
      if (/unique|duplicate/i.test(String((err as Error).message))) {
        throw new ConflictError(`a group named "${name}" already exists`);
      }
      throw err;
    }
  }
}

function toGroupView(g: ServerGroup, serverCount: number): GroupView {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    displayOrder: g.displayOrder,
    serverCount,
    createdAt: g.createdAt,
  };
}
