import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { DockerEventPayload, DockerStatsPayload } from '@hivewatch/protocol';
import { HubEvents } from '../../common/events/hub-events.js';
import { DockerLiveState } from '../docker-live.service.js';
import { DockerFrames } from '../live/docker-frames.js';
import { DockerStore } from '../store/docker-store.js';
import { DockerWriter } from '../store/docker-writer.service.js';
import { snapshotOfRow } from '../store/container-row.js';

/** A collection time farther than this from the receive time (after clock correction) is not trusted. */
const CLOCK_WINDOW_MS = 60_000;
/** An event may have waited in the agent's outbox, but it cannot come from the future. */
const FUTURE_SLACK_MS = 5_000;

/**
 * Applies the Docker events of agents (already validated by the frame parser with the protocol
 * schemas): the live state first (and its hub events), then the registry's rows and minute
 * figures (written later, in batches, by DockerWriter) and the browser frames. Synchronous.
 */
@Injectable()
export class DockerIngest implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DockerIngest.name);
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly events: HubEvents,
    private readonly live: DockerLiveState,
    private readonly writer: DockerWriter,
    private readonly frames: DockerFrames,
    private readonly store: DockerStore,
  ) {}

  async onModuleInit(): Promise<void> {
    const rows = await this.store.present();
    this.writer.registry.seed(rows.map((r) => ({ ...r, last: snapshotOfRow(r) })));
    if (rows.length > 0) this.logger.log(`tracking ${rows.length} present container(s)`);
    this.unsubscribe.push(
      this.events.on('agent.docker-stats', (e) =>
        this.stats(e.serverId, e.payload, e.receivedAt, e.clockOffsetMs),
      ),
      this.events.on('agent.docker-event', (e) =>
        this.event(e.serverId, e.payload, e.receivedAt, e.clockOffsetMs),
      ),
      this.events.on('server.deleted', ({ serverId }) => {
        this.writer.registry.forget(serverId);
        this.writer.forget(serverId);
        this.frames.forget(serverId);
      }),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
  }

  stats(serverId: string, payload: DockerStatsPayload, receivedAt: number, offsetMs: number): void {
    const at = hubTime(payload.at, receivedAt, offsetMs);
    const snapshot = {
      available: payload.available,
      error: payload.available ? null : (payload.error ?? null),
      at,
      containers: payload.available ? payload.containers : [],
    };
    const previous = this.live.applyStats(serverId, snapshot);
    if (snapshot.available) {
      this.writer.registry.apply(serverId, snapshot.containers, at);
      this.writer.noteSeen(serverId, at);
      if (this.writer.registry.hasDirty) this.writer.scheduleRows();
    }
    if (previous && previous.available !== snapshot.available)
      this.frames.availability(serverId, snapshot.available, at);
    this.frames.stats(serverId, snapshot, receivedAt);
  }

  event(serverId: string, payload: DockerEventPayload, receivedAt: number, offsetMs: number): void {
    const at = Math.min(Math.round(payload.at - offsetMs), receivedAt + FUTURE_SLACK_MS);
    const event: DockerEventPayload = { ...payload, at };
    this.live.applyEvent(serverId, event, receivedAt);
    this.writer.addEvent({
      serverId,
      containerId: event.containerId,
      containerName: event.containerName,
      image: event.image,
      action: event.action,
      exitCode: event.exitCode ?? null,
      health: event.health ?? null,
      at,
    });
    this.writer.scheduleRows();
    this.frames.event(serverId, event);
  }
}

/** The collection time on the hub's clock; receive time when the agent's is missing or implausible. */
function hubTime(agentAt: number | undefined, receivedAt: number, offsetMs: number): number {
  if (agentAt === undefined) return receivedAt;
  const corrected = Math.round(agentAt - offsetMs);
  return Math.abs(corrected - receivedAt) <= CLOCK_WINDOW_MS ? corrected : receivedAt;
}
