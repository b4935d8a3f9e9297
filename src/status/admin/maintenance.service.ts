import { randomUUID } from 'node:crypto';
import type { MaintenanceInput, MaintenanceList, MaintenanceView } from '@hivewatch/protocol';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context.js';
import { EntityNotFoundError } from '../../common/errors/domain-errors.js';
import { MaintenanceWindow } from '../entities/maintenance-window.entity.js';
import { maintenanceView } from './page-views.js';
import { actorUserId, PageParts } from './page-parts.js';

const LIST_MAX = 200;

/** Maintenance windows of a page (admin). */
@Injectable()
export class MaintenanceService {
  constructor(
    @InjectRepository(MaintenanceWindow) private readonly windows: Repository<MaintenanceWindow>,
    private readonly parts: PageParts,
  ) {}

  async list(pageId: string): Promise<MaintenanceList> {
    await this.parts.assertPage(pageId);
    const rows = await this.windows.find({
      where: { pageId },
      order: { startsAt: 'DESC', id: 'ASC' },
      take: LIST_MAX,
    });
    return { items: rows.map(maintenanceView) };
  }

  async create(pageId: string, input: MaintenanceInput, ctx: ActorContext): Promise<MaintenanceView> {
    await this.parts.assertPage(pageId);
    const window: MaintenanceWindow = {
      id: randomUUID(),
      pageId,
      title: input.title,
      message: input.message,
      componentIds: await this.parts.assertComponents(pageId, input.componentIds),
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      createdBy: actorUserId(ctx),
      createdAt: new Date(),
    };
    await this.windows.insert(window);
    await this.parts.changed(
      ctx,
      'maintenance.create',
      { type: 'maintenance', id: window.id },
      detail(window),
    );
    return maintenanceView(window);
  }

  async replace(
    pageId: string,
    id: string,
    input: MaintenanceInput,
    ctx: ActorContext,
  ): Promise<MaintenanceView> {
    const window = await this.findOrThrow(pageId, id);
    Object.assign(window, {
      title: input.title,
      message: input.message,
      componentIds: await this.parts.assertComponents(pageId, input.componentIds),
      startsAt: input.startsAt,
      endsAt: input.endsAt,
    });
    await this.windows.save(window);
    await this.parts.changed(ctx, 'maintenance.update', { type: 'maintenance', id }, detail(window));
    return maintenanceView(window);
  }

  async remove(pageId: string, id: string, ctx: ActorContext): Promise<void> {
    const window = await this.findOrThrow(pageId, id);
    await this.windows.delete({ id });
    await this.parts.changed(ctx, 'maintenance.delete', { type: 'maintenance', id }, detail(window));
  }

  private async findOrThrow(pageId: string, id: string): Promise<MaintenanceWindow> {
    const window = await this.windows.findOneBy({ id, pageId });
    if (!window) throw new EntityNotFoundError('maintenance window', id);
    return window;
  }
}

function detail(w: MaintenanceWindow): Record<string, unknown> {
  return {
    pageId: w.pageId,
    title: w.title,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    components: w.componentIds.length,
  };
}
