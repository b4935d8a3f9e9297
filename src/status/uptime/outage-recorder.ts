import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { HubEvents } from '../../common/events/hub-events.js';
import { ServerOutage } from '../entities/server-outage.entity.js';

/**
 * Keeps `server_outages` from the hub's presence events: `server.offline` opens an outage (at the
 * moment the hub declared the server gone), `server.online` closes the open one. Writes run one
 * after another, so an online that follows an offline at once closes what the offline opened.
 */
@Injectable()
export class OutageRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(OutageRecorder.name);
  private queue: Promise<void> = Promise.resolve();
  private readonly off: (() => void)[] = [];

  constructor(
    @InjectRepository(ServerOutage) private readonly outages: Repository<ServerOutage>,
    private readonly events: HubEvents,
  ) {}

  onModuleInit(): void {
    this.off.push(
      this.events.on('server.offline', (e) => this.enqueue(() => this.open(e.serverId, e.at))),
      this.events.on('server.online', (e) => this.enqueue(() => this.close(e.serverId, e.at))),
      this.events.on('server.deleted', (e) => this.enqueue(() => this.forget(e.serverId))),
    );
  }

  async onModuleDestroy(): Promise<void> {
    for (const off of this.off) off();
    await this.queue;
  }

  /** Resolves once every write queued so far is done (tests, shutdown). */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(write: () => Promise<void>): void {
    this.queue = this.queue
      .then(write)
      .catch((err: unknown) => this.logger.warn({ err }, 'could not record a server outage'));
  }

  private async open(serverId: string, at: number): Promise<void> {
    const open = await this.outages.findOneBy({ serverId, endedAt: IsNull() });
    if (open) return;
    await this.outages.insert({ id: randomUUID(), serverId, startedAt: new Date(at), endedAt: null });
  }

  private async close(serverId: string, at: number): Promise<void> {
    await this.outages.update({ serverId, endedAt: IsNull() }, { endedAt: new Date(at) });
  }

  private async forget(serverId: string): Promise<void> {
    await this.outages.delete({ serverId });
  }
}
