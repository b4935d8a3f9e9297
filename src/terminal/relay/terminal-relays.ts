import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { CloseCode, type TerminalEndReason } from '@hivewatch/protocol';
import type { AgentConnection } from '../../agents/agent-connection.js';
import { ConnectionWatch } from '../../agents/connection-watch.js';
import { HubEvents } from '../../common/events/hub-events.js';
import type { TerminalRelay } from './terminal-relay.js';

/**
 * The live terminal sessions this hub relays, by session id: counts for the limits, `end` for
 * Administration → Sessions, `endForUser` when a user loses their rights, and the routing of the agents'
 * `terminal-output` / `terminal-exit` events to their session (only from the session's own server).
 */
@Injectable()
export class TerminalRelays implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(TerminalRelays.name);
  private readonly relays = new Map<string, TerminalRelay>();
  /** The agent connection each relay's session runs over: when it closes, the relay's browser is told. */
  private readonly links = new ConnectionWatch<TerminalRelay>((each) => each.agentGone());
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly events: HubEvents) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on('agent.terminal-output', (e) => this.ofServer(e.serverId, e.sessionId)?.agentOutput(e)),
      this.events.on('agent.terminal-exit', (e) => this.ofServer(e.serverId, e.sessionId)?.agentExit(e)),
      // Disabled, demoted or deleted: that user's terminals end now, not at the next session re-check.
      this.events.on('user.rights-lost', (e) => this.endForUser(e.userId, 'signed-out')),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** The hub stops: every browser learns its terminal is gone (the hosts kill the shells after their grace). */
  beforeApplicationShutdown(): void {
    for (const relay of [...this.relays.values()])
      relay.end('hub-gone', CloseCode.GoingAway, 'hub shutting down');
  }

  /** A new session over `agent`: when that connection closes, the session's browser is told (`hub-gone`). */
  add(relay: TerminalRelay, agent: AgentConnection): void {
    this.relays.set(relay.sessionId, relay);
    this.links.add(relay, agent);
  }

  /** Called by the relay when it ended. */
  remove(relay: TerminalRelay): void {
    this.links.delete(relay);
    if (this.relays.get(relay.sessionId) === relay) this.relays.delete(relay.sessionId);
  }

  /** What a live session of this hub has relayed so far; undefined when this hub does not relay it. */
  bytesOf(sessionId: string): { bytesIn: number; bytesOut: number } | undefined {
    return this.relays.get(sessionId)?.bytes;
  }

  has(sessionId: string): boolean {
    return this.relays.has(sessionId);
  }

  get size(): number {
    return this.relays.size;
  }

  countForServer(serverId: string): number {
    let count = 0;
    for (const relay of this.relays.values()) if (relay.id.serverId === serverId) count++;
    return count;
  }

  countForUser(userId: string): number {
    let count = 0;
    for (const relay of this.relays.values()) if (relay.id.userId === userId) count++;
    return count;
  }

  /** Live relays (a copy: ending one while iterating is fine). */
  list(): TerminalRelay[] {
    return [...this.relays.values()];
  }

  /** Ends one live session (the agent kills its shell; the browser gets `exit`). False when not live here. */
  end(sessionId: string, reason: TerminalEndReason = 'user'): boolean {
    const relay = this.relays.get(sessionId);
    if (!relay) return false;
    relay.end(reason);
    return true;
  }

  /** Ends every session of a user (signed out, disabled, demoted); returns how many. */
  endForUser(userId: string, reason: TerminalEndReason = 'signed-out'): number {
    const mine = this.list().filter((relay) => relay.id.userId === userId);
    for (const relay of mine) relay.end(reason);
    if (mine.length > 0)
      this.logger.log({ userId, reason, sessions: mine.length }, 'terminal sessions ended');
    return mine.length;
  }

  private ofServer(serverId: string, sessionId: string): TerminalRelay | undefined {
    const relay = this.relays.get(sessionId);
    return relay?.id.serverId === serverId ? relay : undefined;
  }
}
