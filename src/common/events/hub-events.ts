import { EventEmitter } from 'node:events';
import type {
  AlertNotice,
  DockerEventPayload,
  DockerLogPayload,
  DockerStatsPayload,
  ExecOutputPayload,
  NotificationMessage,
  TerminalExitPayload,
  TerminalOutputPayload,
} from '@hivewatch/protocol';
import { Global, Injectable, Logger, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { GroupView } from '../../servers/dto/group.dto.js';
import type { ServerApiView } from '../../servers/dto/server.dto.js';

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
  /**
   * A server was created, or its inventory changed (name, group, tags, notes, token, order...);
   * emitted after the change is committed, with the server as it now is.
   */
  'server.saved': { server: ServerApiView };
  /** A server was deleted; emitted after the deletion is committed. */
  'server.deleted': { serverId: string };
  /** A server group was created or changed; emitted after the change is committed. */
  'group.saved': { group: GroupView };
  /** A server group was deleted (its servers are ungrouped); emitted after the deletion is committed. */
  'group.deleted': { groupId: string };
  /** A line from a log the agent follows (seed-001 logs stream). */
  'agent.log': { serverId: string; level: string; message: string; timestamp: string };
  /** A chunk of live output of an `exec` the hub sent (src/commands). */
  'agent.exec-output': { serverId: string } & ExecOutputPayload;
  /** Output of a terminal session (src/terminal/relay); listeners must not block (no awaits). */
  'agent.terminal-output': { serverId: string } & TerminalOutputPayload;
  /** A terminal session ended on its host, or could not start. */
  'agent.terminal-exit': { serverId: string } & TerminalExitPayload;
  /**
   * A validated `docker-stats` (src/docker applies it); listeners must not block (no awaits).
   * `clockOffsetMs`: the connection's estimate of the agent clock minus the hub's.
   */
  'agent.docker-stats': {
    serverId: string;
    payload: DockerStatsPayload;
    receivedAt: number;
    clockOffsetMs: number;
  };
  /** A batch of a container log stream (src/docker/logs relays it to the stream's follower). */
  'agent.docker-log': { serverId: string; payload: DockerLogPayload };
  /** A validated `docker-event` (src/docker stores it). */
  'agent.docker-event': {
    serverId: string;
    payload: DockerEventPayload;
    receivedAt: number;
    clockOffsetMs: number;
  };
  /**
   * A user was disabled, lost the admin role or was deleted; emitted after the change is committed
   * (scheduled tasks that run with the user's rights stop at once).
   */
  'user.rights-lost': { userId: string; reason: 'disabled' | 'demoted' | 'deleted' };
  /** An alert fired or resolved; emitted after its state change is committed (consoles, API streams). */
  'alert.changed': AlertNotice;
  /** A `docker-stats` was applied to DockerLiveState (src/docker); read it with `snapshot(serverId)`. */
  'docker.stats': { serverId: string; at: number };
  /** A container lifecycle event was kept by DockerLiveState (src/docker). */
  'docker.event': { serverId: string; event: DockerEventPayload & { serverId: string } };
  /** The server's Docker engine became reachable or unreachable (between two `docker-stats`). */
  'docker.availability': { serverId: string; available: boolean; at: number };
}

export type HubEventName = keyof HubEventMap;

/**
 * Facts published inside the database transaction that stores them: a listener writes with the
 * transaction's EntityManager, so its rows are committed with the fact or not at all.
 */
export interface HubTxEventMap {
  /**
   * An alert state change that notifies (fired, re-notified or resolved), stored in this
   * transaction; the notification group's deliveries are queued in it too (none lost, none doubled).
   */
  'alert.notify': { alertId: string; groupId: string | null; message: NotificationMessage };
}

export type HubTxEventName = keyof HubTxEventMap;

type TxListener<E extends HubTxEventName> = (
  manager: EntityManager,
  payload: HubTxEventMap[E],
) => Promise<void>;

@Injectable()
export class HubEvents {
  private readonly logger = new Logger(HubEvents.name);
  private readonly emitter = new EventEmitter({ captureRejections: false });
  private readonly txListeners: { [E in HubTxEventName]: Set<TxListener<E>> } = {
    'alert.notify': new Set(),
  };

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

  /**
   * Runs the transactional listeners one after the other inside the caller's transaction. Unlike
   * {@link emit}, a listener's failure is not swallowed: it rejects, and the transaction rolls back.
   */
  async emitInTransaction<E extends HubTxEventName>(
    event: E,
    manager: EntityManager,
    payload: HubTxEventMap[E],
  ): Promise<void> {
    for (const listener of [...this.txListeners[event]]) await listener(manager, payload);
  }

  /** Returns the function that removes the listener. */
  onTransaction<E extends HubTxEventName>(event: E, listener: TxListener<E>): () => void {
    const listeners = this.txListeners[event];
    listeners.add(listener);
    return () => listeners.delete(listener);
  }
}

@Global()
@Module({ providers: [HubEvents], exports: [HubEvents] })
export class HubEventsModule {}
