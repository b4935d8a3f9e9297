import { randomUUID } from 'node:crypto';
import type {
  CreateIncidentInput,
  IncidentList,
  IncidentListQuery,
  IncidentUpdateInput,
  IncidentView,
  UpdateIncidentInput,
} from '@hivewatch/protocol';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context.js';
import { EntityNotFoundError } from '../../common/errors/domain-errors.js';
import { TransactionRunner } from '../../database/transaction-runner.js';
import { Incident, IncidentUpdate } from '../entities/incident.entity.js';
import { incidentView } from './page-views.js';
import { actorUserId, PageParts } from './page-parts.js';

/** Updates kept per incident; beyond it the oldest are dropped. */
export const MAX_UPDATES_PER_INCIDENT = 200;

/** Incidents of a page and their updates (admin). */
@Injectable()
export class IncidentsService {
  constructor(
    @InjectRepository(Incident) private readonly incidents: Repository<Incident>,
    @InjectRepository(IncidentUpdate) private readonly updates: Repository<IncidentUpdate>,
    private readonly tx: TransactionRunner,
    private readonly parts: PageParts,
  ) {}

  async list(pageId: string, query: IncidentListQuery): Promise<IncidentList> {
    await this.parts.assertPage(pageId);
    const [rows, total] = await this.incidents.findAndCount({
      where: { pageId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const updates = rows.length ? await this.updates.findBy({ incidentId: In(rows.map((r) => r.id)) }) : [];
    return {
      items: rows.map((r) =>
        incidentView(
          r,
          updates.filter((u) => u.incidentId === r.id),
        ),
      ),
      total,
    };
  }

  async get(pageId: string, id: string): Promise<IncidentView> {
    const incident = await this.findOrThrow(pageId, id);
    return incidentView(incident, await this.updates.findBy({ incidentId: id }));
  }

  async create(pageId: string, input: CreateIncidentInput, ctx: ActorContext): Promise<IncidentView> {
    await this.parts.assertPage(pageId);
    const componentIds = await this.parts.assertComponents(pageId, input.componentIds);
    const now = new Date();
    const incident: Incident = {
      id: randomUUID(),
      pageId,
      title: input.title,
      status: input.status,
      impact: input.impact,
      componentIds,
      createdAt: now,
      resolvedAt: input.status === 'resolved' ? now : null,
    };
    const update = this.newUpdate(incident.id, input.status, input.message, now, ctx);
    await this.tx.run(async (m) => {
      await m.insert(Incident, incident);
      await m.insert(IncidentUpdate, update);
    });
    await this.parts.changed(
      ctx,
      'incident.create',
      { type: 'incident', id: incident.id },
      {
        pageId,
        title: incident.title,
        status: incident.status,
      },
    );
    return incidentView(incident, [update]);
  }

  async edit(
    pageId: string,
    id: string,
    input: UpdateIncidentInput,
    ctx: ActorContext,
  ): Promise<IncidentView> {
    await this.findOrThrow(pageId, id);
    const fields: Partial<Incident> = {};
    if (input.title !== undefined) fields.title = input.title;
    if (input.impact !== undefined) fields.impact = input.impact;
    if (input.componentIds !== undefined)
      fields.componentIds = await this.parts.assertComponents(pageId, input.componentIds);
    if (Object.keys(fields).length > 0) await this.incidents.update({ id }, fields);
    await this.parts.changed(
      ctx,
      'incident.update',
      { type: 'incident', id },
      { pageId, fields: Object.keys(fields) },
    );
    return this.get(pageId, id);
  }

  /** Adds an update and sets the incident's status to it; `resolved` closes it, another status reopens it. */
  async addUpdate(
    pageId: string,
    id: string,
    input: IncidentUpdateInput,
    ctx: ActorContext,
  ): Promise<IncidentView> {
    const incident = await this.findOrThrow(pageId, id);
    const now = new Date();
    const resolvedAt = input.status === 'resolved' ? (incident.resolvedAt ?? now) : null;
    await this.tx.run(async (m) => {
      await m.insert(IncidentUpdate, this.newUpdate(id, input.status, input.message, now, ctx));
      await m.update(Incident, { id }, { status: input.status, resolvedAt });
      const stale = await m.find(IncidentUpdate, {
        where: { incidentId: id },
        order: { at: 'DESC', id: 'ASC' },
        skip: MAX_UPDATES_PER_INCIDENT,
        select: { id: true },
      });
      if (stale.length) await m.delete(IncidentUpdate, { id: In(stale.map((s) => s.id)) });
    });
    await this.parts.changed(
      ctx,
      'incident.update-posted',
      { type: 'incident', id },
      { pageId, status: input.status },
    );
    return this.get(pageId, id);
  }

  async remove(pageId: string, id: string, ctx: ActorContext): Promise<void> {
    const incident = await this.findOrThrow(pageId, id);
    await this.incidents.delete({ id });
    await this.parts.changed(
      ctx,
      'incident.delete',
      { type: 'incident', id },
      { pageId, title: incident.title },
    );
  }

  private async findOrThrow(pageId: string, id: string): Promise<Incident> {
    const incident = await this.incidents.findOneBy({ id, pageId });
    if (!incident) throw new EntityNotFoundError('incident', id);
    return incident;
  }

  private newUpdate(
    incidentId: string,
    status: Incident['status'],
    message: string,
    at: Date,
    ctx: ActorContext,
  ) {
    return { id: randomUUID(), incidentId, status, message, at, authorId: actorUserId(ctx) };
  }
}
