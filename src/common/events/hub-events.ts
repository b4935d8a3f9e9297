import { EventEmitter } from 'node:events';
import { Global, Injectable, Logger, Module } from '@nestjs/common';

/**
 * Typed in-process events between features (architecture.md: modules talk through services or
 * events). Per-sample traffic does NOT go through here: samples go to RecordsService.ingest and
 * readers poll LiveState. These are the rarer facts other features react to.
 */
export interface HubEventMap {
  /** An agent authenticated and is now the server's live connection (not emitted on replacement). */
  'server.online': { serverId: string; at: number };
  /** The server's agent is gone (silent for the offline window, or disconnected and not back). */
  'server.offline': { serverId: string; at: number; reason: 'timeout' | 'disconnected' };
  /** Static facts or capabilities of a server changed (after get-server-info, on authenticate). */
  'server.updated': { serverId: string };
  /** A line from a log the agent follows (seed-001 logs stream). */
  'agent.log': { serverId: string; level: string; message: string; timestamp: string };
}

export type HubEventName = keyof HubEventMap;

@Injectable()
export class HubEvents {
  private readonly logger = new Logger(HubEvents.name);
  private readonly emitter = new EventEmitter({ captureRejections: false });

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Listeners run synchronously; one that throws is logged and does not stop the others. */
  emit<E extends HubEventName>(event: E, payload: HubEventMap[E]): void {
    for (const listener of this.emitter.listeners(event)) {
      try {
        (listener as (p: HubEventMap[E]) => void)(payload);
      } catch (err) {
        this.logger.error({ err, event }, 'event listener failed');
      }
    }
  }

  /** Returns the function that removes the listener. */
  on<E extends HubEventName>(event: E, listener: (payload: HubEventMap[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}

@Global()
@Module({ providers: [HubEvents], exports: [HubEvents] })
export class HubEventsModule {}
