import type { DockerEventList, DockerEventQuery, DockerEventView } from '@hivewatch/protocol';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ServerCatalog } from '../../servers/server-catalog.js';
import { DockerEventRow } from '../entities/docker-event.entity.js';

/** Stored container events, newest first, of one server or of the fleet. */
@Injectable()
export class DockerEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly servers: ServerCatalog,
  ) {}

  async list(q: DockerEventQuery, serverId?: string): Promise<DockerEventList> {
    if (serverId !== undefined) await this.servers.assertExists(serverId);
    const server = serverId ?? q.serverId;
    const qb = this.dataSource.getRepository(DockerEventRow).createQueryBuilder('e');
    if (server !== undefined) qb.andWhere('e.serverId = :server', { server });
    if (q.containerId !== undefined)
      qb.andWhere('e.containerId = :containerId', { containerId: q.containerId });
    if (q.action !== undefined) qb.andWhere('e.action = :action', { action: q.action });
    if (q.from !== undefined) qb.andWhere('e.at >= :from', { from: q.from.getTime() });
    if (q.to !== undefined) qb.andWhere('e.at <= :to', { to: q.to.getTime() });
    const rows = await qb.orderBy('e.at', 'DESC').addOrderBy('e.id', 'DESC').take(q.limit).getMany();
    return { items: rows.map(toView) };
  }
}

function toView(r: DockerEventRow): DockerEventView {
  return {
    id: String(r.id),
    serverId: r.serverId,
    containerId: r.containerId,
    containerName: r.containerName,
    image: r.image,
    action: r.action as DockerEventView['action'],
    exitCode: r.exitCode,
    health: r.health as DockerEventView['health'],
    at: new Date(r.at).toISOString(),
  };
}
