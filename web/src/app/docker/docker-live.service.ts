import { Injectable, signal } from '@angular/core';
import type {
  DockerAvailabilityChangedFrame,
  DockerEventFrame,
  DockerUpdateFrame,
} from '@hivewatch/protocol';
import { Subject } from 'rxjs';

export type DockerFrame = DockerUpdateFrame | DockerEventFrame | DockerAvailabilityChangedFrame;

/**
 * The Docker frames of the console stream. Only servers a screen watches keep their latest
 * `docker_update` (a fleet of 1,000 hosts must not pile up container lists nobody looks at);
 * events and availability changes pass through as events for whoever listens.
 */
@Injectable({ providedIn: 'root' })
export class DockerLiveService {
  private readonly watchers = new Map<string, number>();
  /** The latest update of each watched server. */
  readonly updates = signal<ReadonlyMap<string, DockerUpdateFrame>>(new Map());
  readonly events = new Subject<DockerEventFrame>();
  readonly availability = new Subject<DockerAvailabilityChangedFrame>();

  /** Keeps the server's updates until the returned function is called (counted: two screens may watch). */
  watch(serverId: string): () => void {
    this.watchers.set(serverId, (this.watchers.get(serverId) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.watchers.get(serverId) ?? 1) - 1;
      if (left > 0) {
        this.watchers.set(serverId, left);
        return;
      }
      this.watchers.delete(serverId);
      if (!this.updates().has(serverId)) return;
      const next = new Map(this.updates());
      next.delete(serverId);
      this.updates.set(next);
    };
  }

  apply(frame: DockerFrame): void {
    switch (frame.type) {
      case 'docker_update': {
        if (!this.watchers.has(frame.serverId)) return;
        const next = new Map(this.updates());
        next.set(frame.serverId, frame);
        this.updates.set(next);
        return;
      }
      case 'docker_event':
        this.events.next(frame);
        return;
      case 'docker_availability_changed':
        this.availability.next(frame);
        return;
    }
  }
}
