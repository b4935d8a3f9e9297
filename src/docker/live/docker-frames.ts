import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type {
  DockerAvailabilityChangedFrame,
  DockerEventFrame,
  DockerEventPayload,
  DockerUpdateFrame,
} from '@hivewatch/protocol';
import { ListenerSet } from '../../common/events/listener-set.js';
import type { DockerSnapshot } from '../docker-live.service.js';

export type DockerBrowserFrame = DockerUpdateFrame | DockerEventFrame | DockerAvailabilityChangedFrame;

/** At most one `docker_update` per server per this period; the last snapshot wins. */
export const DOCKER_UPDATE_MIN_GAP_MS = 2_000;
const TICK_MS = 250;

/**
 * The console's Docker frames: `docker_update` throttled per server (the latest snapshot is sent
 * when the gap has passed), `docker_event` and `docker_availability_changed` at once. The live
 * module relays them to the console streams (src/live/live-docker.ts); frames are only built when
 * someone listens.
 */
@Injectable()
export class DockerFrames implements OnModuleDestroy {
  private readonly logger = new Logger(DockerFrames.name);
  private readonly listeners = new ListenerSet<DockerBrowserFrame>(
    this.logger,
    'docker frame listener failed',
  );
  private readonly lastSent = new Map<string, number>();
  private readonly pending = new Map<string, DockerSnapshot>();
  private timer: NodeJS.Timeout | undefined;
  private listenerCount = 0;
  /** Injectable for tests. */
  now: () => number = Date.now;

  onFrame(listener: (frame: DockerBrowserFrame) => void): () => void {
    const off = this.listeners.add(listener);
    this.listenerCount++;
    return () => {
      off();
      this.listenerCount--;
    };
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  stats(serverId: string, snapshot: DockerSnapshot, now: number): void {
    if (this.listenerCount === 0) return;
    const last = this.lastSent.get(serverId);
    if (last === undefined || now - last >= DOCKER_UPDATE_MIN_GAP_MS) {
      this.pending.delete(serverId);
      this.send(serverId, snapshot, now);
      return;
    }
    this.pending.set(serverId, snapshot);
    this.timer ??= setInterval(() => this.tick(this.now()), TICK_MS);
    this.timer.unref();
  }

  /** Sends the pending updates whose gap has passed (the timer's tick; public for tests). */
  tick(now: number): void {
    for (const [serverId, snapshot] of this.pending) {
      if (now - (this.lastSent.get(serverId) ?? 0) < DOCKER_UPDATE_MIN_GAP_MS) continue;
      this.pending.delete(serverId);
      this.send(serverId, snapshot, now);
    }
    if (this.pending.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  event(serverId: string, e: DockerEventPayload): void {
    if (this.listenerCount === 0) return;
    this.listeners.notify({
      type: 'docker_event',
      serverId,
      containerId: e.containerId,
      containerName: e.containerName,
      action: e.action,
      exitCode: e.exitCode ?? null,
      health: e.health ?? null,
      at: new Date(e.at).toISOString(),
    });
  }

  availability(serverId: string, available: boolean, at: number): void {
    if (this.listenerCount === 0) return;
    this.listeners.notify({
      type: 'docker_availability_changed',
      serverId,
      available,
      at: new Date(at).toISOString(),
    });
  }

  forget(serverId: string): void {
    this.lastSent.delete(serverId);
    this.pending.delete(serverId);
  }

  private send(serverId: string, snapshot: DockerSnapshot, now: number): void {
    this.lastSent.set(serverId, now);
    this.listeners.notify({
      type: 'docker_update',
      serverId,
      containers: [...snapshot.containers],
      at: new Date(snapshot.at).toISOString(),
    });
  }
}
