import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CommandTargets } from '@hivewatch/protocol';
import { In, type Repository } from 'typeorm';
import { ServerTag } from '../servers/server-tag.entity.js';
import { Server } from '../servers/server.entity.js';

/** The servers a run's selection names: the union of the ids, the groups' servers and the tagged ones. */
@Injectable()
export class TargetResolver {
  constructor(
    @InjectRepository(Server) private readonly servers: Repository<Server>,
    @InjectRepository(ServerTag) private readonly tags: Repository<ServerTag>,
  ) {}

  /** Each server once, by name; an unknown server id is an error (a typo must not shrink the run). */
  async resolve(
    targets: CommandTargets,
  ): Promise<{ found: Pick<Server, 'id' | 'name'>[]; unknownIds: string[] }> {
    const ids = new Set(targets.serverIds ?? []);
    const select = { id: true, name: true } as const;
    const named = ids.size ? await this.servers.find({ select, where: { id: In([...ids]) } }) : [];
    const unknownIds = [...ids].filter((id) => !named.some((s) => s.id === id));
    const grouped = targets.groupIds?.length
      ? await this.servers.find({ select, where: { groupId: In(targets.groupIds) } })
      : [];
    const taggedIds = targets.tags?.length
      ? (await this.tags.find({ select: { serverId: true }, where: { tag: In(targets.tags) } })).map(
          (t) => t.serverId,
        )
      : [];
    const tagged = taggedIds.length ? await this.servers.find({ select, where: { id: In(taggedIds) } }) : [];
    const byId = new Map<string, Pick<Server, 'id' | 'name'>>();
    for (const s of [...named, ...grouped, ...tagged]) byId.set(s.id, { id: s.id, name: s.name });
    const found = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return { found, unknownIds };
  }
}
