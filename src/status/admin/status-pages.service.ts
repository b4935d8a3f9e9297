import { randomUUID } from 'node:crypto';
import type { StatusPageDetail, StatusPageInput, StatusPageSummary } from '@hivewatch/protocol';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { ActorContext } from '../../common/auth/actor-context.js';
import { ConflictError, EntityNotFoundError } from '../../common/errors/domain-errors.js';
import { TransactionRunner } from '../../database/transaction-runner.js';
import { ServerCatalog } from '../../servers/server-catalog.js';
import { Incident } from '../entities/incident.entity.js';
import { StatusPage, StatusPageComponent, StatusPageGroup } from '../entities/status-page.entity.js';
import { MaintenanceWindows } from '../maintenance/maintenance-windows.js';
import { StatusCache } from '../status-cache.js';
import { pageDetail, pageSummary } from './page-views.js';

/** Admin CRUD of status pages; a page is written whole (its groups and components with it). */
@Injectable()
export class StatusPagesService {
  constructor(
    @InjectRepository(StatusPage) private readonly pages: Repository<StatusPage>,
    @InjectRepository(StatusPageGroup) private readonly groups: Repository<StatusPageGroup>,
    @InjectRepository(StatusPageComponent) private readonly components: Repository<StatusPageComponent>,
    @InjectRepository(Incident) private readonly incidents: Repository<Incident>,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly catalog: ServerCatalog,
    private readonly cache: StatusCache,
    private readonly maintenance: MaintenanceWindows,
  ) {}

  async list(): Promise<StatusPageSummary[]> {
    const pages = await this.pages.find({ order: { title: 'ASC', id: 'ASC' } });
    const counts = await this.countBy(this.components, 'c');
    const open = await this.countBy(this.incidents, 'c', { resolvedAt: IsNull() });
    return pages.map((p) => pageSummary(p, counts.get(p.id) ?? 0, open.get(p.id) ?? 0));
  }

  async get(id: string): Promise<StatusPageDetail> {
    const page = await this.findOrThrow(id);
    const [groups, components] = await Promise.all([
      this.groups.findBy({ pageId: id }),
      this.components.findBy({ pageId: id }),
    ]);
    return pageDetail(page, groups, components, (s) => this.catalog.get(s)?.name ?? null);
  }

  async create(input: StatusPageInput, ctx: ActorContext): Promise<StatusPageDetail> {
    await this.assertSlugFree(input.slug);
    await this.assertServers(input);
    const now = new Date();
    const page: StatusPage = { id: randomUUID(), ...pageFields(input), createdAt: now, updatedAt: now };
    await this.writeOrConflict(input.slug, () =>
      this.tx.run(async (m) => {
        await m.insert(StatusPage, page);
        await this.writeParts(m, page.id, input, new Set());
      }),
    );
    await this.changed(ctx, 'status-page.create', page.id, { slug: page.slug, published: page.published });
    return this.get(page.id);
  }

  /** Replaces the page, its groups and components; a component that keeps its `id` keeps incidents' references. */
  async replace(id: string, input: StatusPageInput, ctx: ActorContext): Promise<StatusPageDetail> {
    await this.findOrThrow(id);
    await this.assertSlugFree(input.slug, id);
    await this.assertServers(input);
    const kept = new Set((await this.components.findBy({ pageId: id })).map((c) => c.id));
    await this.writeOrConflict(input.slug, () =>
      this.tx.run(async (m) => {
        await m.update(StatusPage, { id }, { ...pageFields(input), updatedAt: new Date() });
        await m.delete(StatusPageComponent, { pageId: id });
        await m.delete(StatusPageGroup, { pageId: id });
        await this.writeParts(m, id, input, kept);
      }),
    );
    const components = input.groups.reduce((n, g) => n + g.components.length, 0);
    await this.changed(ctx, 'status-page.update', id, {
      slug: input.slug,
      published: input.published,
      components,
    });
    return this.get(id);
  }

  async remove(id: string, ctx: ActorContext): Promise<void> {
    const page = await this.findOrThrow(id);
    await this.tx.run(async (m) => {
      await m.delete(StatusPageComponent, { pageId: id });
      await m.delete(StatusPageGroup, { pageId: id });
      await m.delete(StatusPage, { id });
    });
    await this.changed(ctx, 'status-page.delete', id, { slug: page.slug });
  }

  async findOrThrow(id: string): Promise<StatusPage> {
    const page = await this.pages.findOneBy({ id });
    if (!page) throw new EntityNotFoundError('status page', id);
    return page;
  }

  private async writeParts(
    m: import('typeorm').EntityManager,
    pageId: string,
    input: StatusPageInput,
    kept: ReadonlySet<string>,
  ): Promise<void> {
    const used = new Set<string>();
    for (const [gi, g] of input.groups.entries()) {
      const groupId = randomUUID();
      await m.insert(StatusPageGroup, { id: groupId, pageId, name: g.name, position: gi });
      for (const [ci, c] of g.components.entries()) {
        const id = c.id && kept.has(c.id) && !used.has(c.id) ? c.id : randomUUID();
        used.add(id);
        await m.insert(StatusPageComponent, {
          id,
          pageId,
          groupId,
          kind: c.kind,
          serverId: c.serverId,
          publicName: c.publicName,
          showAddress: c.showAddress,
          position: ci,
        });
      }
    }
  }

  private async changed(ctx: ActorContext, action: string, id: string, detail: Record<string, unknown>) {
    this.cache.invalidate();
    await this.maintenance.reload();
    await this.audit.record({ ...ctx, action, target: { type: 'status-page', id }, detail });
  }

  private async assertServers(input: StatusPageInput): Promise<void> {
    for (const g of input.groups)
      for (const c of g.components)
        if (c.kind === 'server' && !(await this.catalog.find(c.serverId)))
          throw new BadRequestException(`server ${c.serverId} not found`);
  }

  private async assertSlugFree(slug: string, exceptId?: string): Promise<void> {
    const clash = await this.pages.findOneBy({ slug });
    if (clash && clash.id !== exceptId)
      throw new ConflictError(`a status page with slug "${slug}" already exists`);
  }

  private async writeOrConflict(slug: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (err) {
      if (/unique|duplicate/i.test(String(err)))
        throw new ConflictError(`a status page with slug "${slug}" already exists`);
      throw err;
    }
  }

  private async countBy<T extends { pageId: string }>(
    repo: Repository<T>,
    alias: string,
    where: Record<string, unknown> = {},
  ): Promise<Map<string, number>> {
    const rows = await repo
      .createQueryBuilder(alias)
      .select(`${alias}.pageId`, 'pageId')
      .addSelect('COUNT(*)', 'count')
      .where(where)
      .groupBy(`${alias}.pageId`)
      .getRawMany<{ pageId: string; count: string | number }>();
    return new Map(rows.map((r) => [r.pageId, Number(r.count)]));
  }
}

function pageFields(input: StatusPageInput) {
  return {
    slug: input.slug,
    title: input.title,
    logoText: input.logoText,
    description: input.description,
    published: input.published,
  };
}
