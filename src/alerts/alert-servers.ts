import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Clock } from '../common/auth/clock.js';
import { HubEvents } from '../common/events/hub-events.js';
import { ServerTag } from '../servers/server-tag.entity.js';
import { Server } from '../servers/server.entity.js';
import type { EvalServer } from './alert-model.js';

/**
 * The evaluator's server list (id, name, group, tags) and presence. The list is re-read once per
 * tick with two light queries (not per rule), so group and tag changes apply on the next tick.
 * Presence comes from hub events; a server seen before the hub started counts as offline since
 * boot until its agent is back.
 */
@Injectable()
export class AlertServers implements OnModuleInit, OnModuleDestroy {
  private list: EvalServer[] = [];
  private readonly offline = new Map<string, number>();
  private readonly online = new Set<string>();
  private readonly unsubscribe: (() => void)[] = [];
  private bootAt = 0;

  constructor(
    @InjectRepository(Server) private readonly servers: Repository<Server>,
    @InjectRepository(ServerTag) private readonly tags: Repository<ServerTag>,
    private readonly events: HubEvents,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.bootAt = this.clock.now();
    this.unsubscribe.push(
      this.events.on('server.online', (e) => {
        this.online.add(e.serverId);
        this.offline.delete(e.serverId);
      }),
      this.events.on('server.offline', (e) => {
        this.online.delete(e.serverId);
        this.offline.set(e.serverId, e.at);
      }),
    );
    await this.refresh();
    for (const s of await this.servers.find({ select: { id: true, lastSeenAt: true } })) {
      if (s.lastSeenAt !== null && !this.online.has(s.id) && !this.offline.has(s.id))
        this.offline.set(s.id, this.bootAt);
    }
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
  }

  all(): readonly EvalServer[] {
    return this.list;
  }

  offlineSince(serverId: string): number | null {
    return this.offline.get(serverId) ?? null;
  }

  async refresh(): Promise<void> {
    const [rows, tagRows] = await Promise.all([
      this.servers.find({ select: { id: true, name: true, groupId: true }, order: { id: 'ASC' } }),
      this.tags.find({ select: { serverId: true, tag: true }, order: { tag: 'ASC' } }),
    ]);
    const tagsOf = new Map<string, string[]>();
    for (const t of tagRows) {
      const list = tagsOf.get(t.serverId);
      if (list) list.push(t.tag);
      else tagsOf.set(t.serverId, [t.tag]);
    }
    const next = rows.map((r) => ({
      id: r.id,
      name: r.name,
      groupId: r.groupId,
      tags: tagsOf.get(r.id) ?? [],
    }));
    // an unchanged list keeps its identity: the evaluator then reuses every rule's scoped server list
    if (!sameServers(this.list, next)) this.list = next;
    const known = new Set(this.list.map((s) => s.id));
    for (const id of this.offline.keys()) if (!known.has(id)) this.offline.delete(id);
  }
}

function sameServers(a: readonly EvalServer[], b: readonly EvalServer[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.id !== y.id ||
      x.name !== y.name ||
      x.groupId !== y.groupId ||
      x.tags.join('\n') !== y.tags.join('\n')
    ) {
      return false;
    }
  }
  return true;
}
