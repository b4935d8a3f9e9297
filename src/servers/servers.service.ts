import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { EntityNotFoundError } from '../common/errors/domain-errors.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { HubEvents } from '../common/events/hub-events.js';
import { AgentTokenService, type IssuedAgentToken } from './agent-token.service.js';
import { AgentTokenVerifier } from './agent-token.verifier.js';
import type { CreateServerInput, ServerQuery, ServerApiView, UpdateServerInput } from './dto/server.dto.js';
import { ServerGroup } from './server-group.entity.js';
import { ServerTag } from './server-tag.entity.js';
import { toServerView } from './server-view.js';
import { Server } from './server.entity.js';
import { TransactionRunner } from '../database/transaction-runner.js';

/** What a new server starts with, whoever creates it (an admin, or an agent enrolling). */
export interface NewServerFields {
  name: string;
  groupId: string | null;
  tags: string[];
  notes: string;
  machineId?: string | null;
  enrollmentKeyId?: string | null;
}

/**
 * Servers: the inventory the agents report into, as the admin API manages it (create, update,
 * delete, list, tags, token rotation). Tokens are issued here and shown exactly once. What the
 * agents themselves report is written by ServerAgentState.
 */
@Injectable()
export class ServersService {
  private readonly logger = new Logger(ServersService.name);

  constructor(
    @InjectRepository(Server) private readonly servers: Repository<Server>,
    @InjectRepository(ServerTag) private readonly serverTags: Repository<ServerTag>,
    @InjectRepository(ServerGroup) private readonly groups: Repository<ServerGroup>,
    private readonly tokens: AgentTokenService,
    private readonly verifier: AgentTokenVerifier,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly events: HubEvents,
  ) {}

  async create(
    input: CreateServerInput,
    ctx: ActorContext,
  ): Promise<{ server: ServerApiView; token: string }> {
    const groupId = input.groupId ?? null;
    await this.assertGroupExists(groupId);
    const issued = await this.tokens.issue();
    const fields = { name: input.name, groupId, tags: input.tags ?? [], notes: input.notes ?? '' };
    const server = await this.tx.run((m) => this.insert(m, fields, issued));
    const view = toServerView(server);
    this.events.emit('server.saved', { server: view });
    await this.audit.record({
      ...ctx,
      action: 'server.create',
      target: { type: 'server', id: server.id },
      detail: { name: server.name, groupId, tags: fields.tags, tokenPrefix: issued.tokenPrefix },
    });
    this.logger.log({ serverId: server.id }, 'server created');
    return { server: view, token: issued.token };
  }

  /** Inserts a server and its tags inside the caller's transaction. */
  async insert(m: EntityManager, fields: NewServerFields, issued: IssuedAgentToken): Promise<Server> {
    const now = new Date();
    const server: Server = {
      id: randomUUID(),
      name: fields.name,
      groupId: fields.groupId,
      notes: fields.notes,
      tokenPrefix: issued.tokenPrefix,
      tokenHash: issued.tokenHash,
      tokenRotatedAt: issued.tokenRotatedAt,
      machineId: fields.machineId ?? null,
      enrollmentKeyId: fields.enrollmentKeyId ?? null,
      dialect: null,
      agentVersion: null,
      protocolVersion: null,
      capabilities: null,
      simpleCommands: false,
      terminalRecording: null,
      systemInfo: null,
      price: null,
      currency: null,
      billingCycle: null,
      expiresAt: null,
      displayOrder: 0,
      lastSeenAt: null,
      agentMetricsInterval: null,
      agentWatchlist: null,
      agentConfigAppliedAt: null,
      rpcIdHighWater: 0,
      settledSeq: null,
      createdAt: now,
      updatedAt: now,
    };
    await m.insert(Server, server);
    const tags = fields.tags.map((tag) => ({ serverId: server.id, tag }));
    if (tags.length > 0) await m.insert(ServerTag, tags);
    server.tags = tags;
    return server;
  }

  async list(query: ServerQuery): Promise<{ items: ServerApiView[]; total: number }> {
    const qb = this.servers.createQueryBuilder('s');
    if (query.groupId === 'none') qb.andWhere('s.groupId IS NULL');
    else if (query.groupId) qb.andWhere('s.groupId = :groupId', { groupId: query.groupId });
    if (query.tag) {
      const tagged = qb.subQuery().select('t.serverId').from(ServerTag, 't').where('t.tag = :tag').getQuery();
      qb.andWhere(`s.id IN ${tagged}`, { tag: query.tag });
    }
    if (query.q) {
      qb.andWhere("LOWER(s.name) LIKE :q ESCAPE '\\'", { q: `%${escapeLike(query.q.toLowerCase())}%` });
    }
    if (query.dialect) qb.andWhere('s.dialect = :dialect', { dialect: query.dialect });
    const order = query.order === 'desc' ? 'DESC' : 'ASC';
    if (query.sort === 'name') qb.orderBy('LOWER(s.name)', order);
    else qb.orderBy(`s.${query.sort}`, order).addOrderBy('LOWER(s.name)', 'ASC');
    qb.addOrderBy('s.id', 'ASC');
    const [rows, total] = await qb.skip(query.offset).take(query.limit).getManyAndCount();
    const tags = await this.tagsOf(rows.map((r) => r.id));
    return { items: rows.map((r) => toServerView(r, tags.get(r.id) ?? [])), total };
  }

  async get(id: string): Promise<ServerApiView> {
    const server = await this.findOrThrow(id);
    const tags = await this.tagsOf([id]);
    return toServerView(server, tags.get(id) ?? []);
  }

  /** The server's own recording switch (null: follow the global terminal setting); null when gone. */
  async terminalRecording(id: string): Promise<boolean | null> {
    const row = await this.servers.findOne({ where: { id }, select: { id: true, terminalRecording: true } });
    return row?.terminalRecording ?? null;
  }

  /** A cheap "did the list change" fingerprint (row count, newest `updatedAt`) for ServerCatalog. */
  async listFingerprint(): Promise<string> {
    const row = await this.servers
      .createQueryBuilder('s')
      .select('COUNT(*)', 'n')
      .addSelect('MAX(s.updatedAt)', 'u')
      .getRawOne<{ n: string | number; u: string | number | Date | null }>();
    const newest = row?.u instanceof Date ? row.u.toISOString() : String(row?.u ?? '');
    return `${String(row?.n ?? 0)}|${newest}`;
  }

  async update(id: string, input: UpdateServerInput, ctx: ActorContext): Promise<ServerApiView> {
    const server = await this.findOrThrow(id);
    if (input.groupId !== undefined) await this.assertGroupExists(input.groupId);
    const { tags, ...columns } = input;
    await this.tx.run(async (m) => {
      await m.update(Server, { id }, { ...columns, updatedAt: new Date() });
      if (tags) {
        await m.delete(ServerTag, { serverId: id });
        if (tags.length > 0)
          await m.insert(
            ServerTag,
            tags.map((tag) => ({ serverId: id, tag })),
          );
      }
    });
    const view = await this.get(id);
    this.events.emit('server.saved', { server: view });
    const fields = Object.keys(input);
    await this.audit.record({
      ...ctx,
      action: 'server.update',
      target: { type: 'server', id },
      detail: {
        name: input.name ?? server.name,
        fields,
        ...(input.terminalRecording !== undefined ? { terminalRecording: input.terminalRecording } : {}),
      },
    });
    if (input.simpleCommands !== undefined)
      await this.audit.record({
        ...ctx,
        action: 'server.simple-commands',
        target: { type: 'server', id },
        detail: { name: input.name ?? server.name, enabled: input.simpleCommands, dialect: server.dialect },
      });
    return view;
  }

  async remove(id: string, ctx: ActorContext): Promise<void> {
    const server = await this.findOrThrow(id);
    await this.tx.run(async (m) => {
      await m.delete(ServerTag, { serverId: id });
      await m.delete(Server, { id });
    });
    this.verifier.invalidate(id, 'deleted');
    this.events.emit('server.deleted', { serverId: id });
    await this.audit.record({
      ...ctx,
      action: 'server.delete',
      target: { type: 'server', id },
      detail: { name: server.name },
    });
    this.logger.log({ serverId: id }, 'server deleted');
  }

  /** A new token; the old one stops working at once (also on other hub instances, see the verifier). */
  async rotateToken(id: string, ctx: ActorContext): Promise<{ server: ServerApiView; token: string }> {
    await this.findOrThrow(id);
    const issued = await this.tokens.issue();
    await this.tx.run((m) => this.applyToken(m, id, issued));
    this.verifier.invalidate(id, 'rotated');
    const view = await this.get(id);
    this.events.emit('server.saved', { server: view });
    await this.audit.record({
      ...ctx,
      action: 'server.token.rotate',
      target: { type: 'server', id },
      detail: { tokenPrefix: issued.tokenPrefix },
    });
    return { server: view, token: issued.token };
  }

  /** Stores a freshly issued token; the caller invalidates the verifier after committing. */
  async applyToken(m: EntityManager, id: string, issued: IssuedAgentToken): Promise<void> {
    const { tokenPrefix, tokenHash, tokenRotatedAt } = issued;
    await m.update(Server, { id }, { tokenPrefix, tokenHash, tokenRotatedAt, updatedAt: new Date() });
  }

  /** Every tag in use with how many servers carry it, alphabetically. */
  async listTags(): Promise<{ tag: string; count: number }[]> {
    const rows = await this.serverTags
      .createQueryBuilder('t')
      .select('t.tag', 'tag')
      .addSelect('COUNT(*)', 'count')
      .groupBy('t.tag')
      .orderBy('t.tag', 'ASC')
      .getRawMany<{ tag: string; count: string | number }>();
    return rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
  }

  async assertGroupExists(groupId: string | null): Promise<void> {
    if (groupId !== null && !(await this.groups.existsBy({ id: groupId }))) {
      throw new BadRequestException(`group ${groupId} does not exist`);
    }
  }

  private async findOrThrow(id: string): Promise<Server> {
    const server = await this.servers.findOneBy({ id });
    if (!server) throw new EntityNotFoundError('server', id);
    return server;
  }

  private async tagsOf(serverIds: string[]): Promise<Map<string, string[]>> {
    const byServer = new Map<string, string[]>();
    if (serverIds.length === 0) return byServer;
    const rows = await this.serverTags.find({ where: { serverId: In(serverIds) } });
    for (const row of rows) {
      const list = byServer.get(row.serverId);
      if (list) list.push(row.tag);
      else byServer.set(row.serverId, [row.tag]);
    }
    return byServer;
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
