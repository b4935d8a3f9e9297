import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, type Repository } from 'typeorm';
import { Incident, IncidentUpdate } from '../entities/incident.entity.js';
import { MaintenanceWindow } from '../entities/maintenance-window.entity.js';
import { ServerOutage } from '../entities/server-outage.entity.js';
import { StatusPage, StatusPageComponent, StatusPageGroup } from '../entities/status-page.entity.js';
import type { Interval } from '../uptime/intervals.js';

/** Incidents and windows a public page or day shows at most. */
export const PUBLIC_LIST_MAX = 50;
/** Updates shown per incident. */
export const PUBLIC_UPDATES_MAX = 20;

/** A published page's composition, read in a few queries. */
export interface PageData {
  page: StatusPage;
  groups: StatusPageGroup[];
  components: StatusPageComponent[];
}

/** The reads behind the public routes; nothing here leaves the hub unprojected. */
@Injectable()
export class StatusData {
  constructor(
    @InjectRepository(StatusPage) private readonly pages: Repository<StatusPage>,
    @InjectRepository(StatusPageGroup) private readonly groups: Repository<StatusPageGroup>,
    @InjectRepository(StatusPageComponent) private readonly components: Repository<StatusPageComponent>,
    @InjectRepository(Incident) private readonly incidents: Repository<Incident>,
    @InjectRepository(IncidentUpdate) private readonly updates: Repository<IncidentUpdate>,
    @InjectRepository(MaintenanceWindow) private readonly windows: Repository<MaintenanceWindow>,
    @InjectRepository(ServerOutage) private readonly outages: Repository<ServerOutage>,
  ) {}

  /** The published page of this slug with its parts, or null (unknown and unpublished alike). */
  async published(slug: string): Promise<PageData | null> {
    const page = await this.pages.findOneBy({ slug, published: true });
    if (!page) return null;
    const [groups, components] = await Promise.all([
      this.groups.find({ where: { pageId: page.id }, order: { position: 'ASC' } }),
      this.components.find({ where: { pageId: page.id }, order: { position: 'ASC' } }),
    ]);
    return { page, groups, components };
  }

  /** Outages of these servers overlapping [from, now), open ones ending `now`, by server. */
  async outagesOf(serverIds: readonly string[], from: number, now: number): Promise<Map<string, Interval[]>> {
    const out = new Map<string, Interval[]>();
    if (serverIds.length === 0) return out;
    const rows = await this.outages
      .createQueryBuilder('o')
      .where({ serverId: In([...serverIds]) })
      .andWhere(new Brackets((w) => w.where('o.endedAt IS NULL').orWhere('o.endedAt > :from', { from })))
      .getMany();
    for (const r of rows) {
      const list = out.get(r.serverId) ?? [];
      list.push({ start: r.startedAt.getTime(), end: r.endedAt?.getTime() ?? now });
      out.set(r.serverId, list);
    }
    return out;
  }

  /** Windows of the page overlapping [from, to), by start. */
  windowsBetween(pageId: string, from: number, to: number, take = 500): Promise<MaintenanceWindow[]> {
    return this.windows
      .createQueryBuilder('w')
      .where('w.pageId = :pageId', { pageId })
      .andWhere('w.endsAt > :from', { from })
      .andWhere('w.startsAt < :to', { to })
      .orderBy('w.startsAt', 'ASC')
      .take(take)
      .getMany();
  }

  /** Incidents open at some point of [from, to) (or unresolved), newest first, with their latest updates. */
  async incidentsBetween(
    pageId: string,
    from: number,
    to: number,
  ): Promise<{ incident: Incident; updates: IncidentUpdate[] }[]> {
    const rows = await this.incidents
      .createQueryBuilder('i')
      .where('i.pageId = :pageId', { pageId })
      .andWhere('i.createdAt < :to', { to })
      .andWhere(
        new Brackets((w) => w.where('i.resolvedAt IS NULL').orWhere('i.resolvedAt >= :from', { from })),
      )
      .orderBy('i.createdAt', 'DESC')
      .take(PUBLIC_LIST_MAX)
      .getMany();
    if (rows.length === 0) return [];
    const updates = await this.updates.find({
      where: { incidentId: In(rows.map((r) => r.id)) },
      order: { at: 'DESC' },
    });
    return rows.map((incident) => ({
      incident,
      updates: updates.filter((u) => u.incidentId === incident.id).slice(0, PUBLIC_UPDATES_MAX),
    }));
  }
}
