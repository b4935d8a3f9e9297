import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { ActorContext } from '../../common/auth/actor-context.js';
import { EntityNotFoundError } from '../../common/errors/domain-errors.js';
import { StatusPage, StatusPageComponent } from '../entities/status-page.entity.js';
import { MaintenanceWindows } from '../maintenance/maintenance-windows.js';
import { StatusCache } from '../status-cache.js';

/** What incidents and maintenance windows share: their page, its components, and how a change is announced. */
@Injectable()
export class PageParts {
  constructor(
    @InjectRepository(StatusPage) private readonly pages: Repository<StatusPage>,
    @InjectRepository(StatusPageComponent) private readonly components: Repository<StatusPageComponent>,
    private readonly audit: AuditService,
    private readonly cache: StatusCache,
    private readonly maintenance: MaintenanceWindows,
  ) {}

  async assertPage(pageId: string): Promise<void> {
    if (!(await this.pages.existsBy({ id: pageId }))) throw new EntityNotFoundError('status page', pageId);
  }

  /** De-duplicated ids; 400 when one is not a component of the page. */
  async assertComponents(pageId: string, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return unique;
    const own = new Set((await this.components.findBy({ pageId })).map((c) => c.id));
    const foreign = unique.filter((id) => !own.has(id));
    if (foreign.length > 0)
      throw new BadRequestException(`not components of this page: ${foreign.join(', ')}`);
    return unique;
  }

  /** Clears the public cache, reloads the windows the alerts consult, and audits. */
  async changed(
    ctx: ActorContext,
    action: string,
    target: { type: string; id: string },
    detail: Record<string, unknown>,
  ): Promise<void> {
    this.cache.invalidate();
    await this.maintenance.reload();
    await this.audit.record({ ...ctx, action, target, detail });
  }
}

/** The user behind a request, when there is one (incident authors, window creators). */
export function actorUserId(ctx: ActorContext): string | null {
  return 'userId' in ctx.actor ? ctx.actor.userId : null;
}
