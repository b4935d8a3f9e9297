import type { AgentDialect } from '@hivewatch/protocol';
import { WebSocket } from 'ws';
import { ClockOffsetEstimator } from './clock-offset.js';
import type { DialectAdapter } from './dialects/dialect-adapter.js';

export type ConnectionState = 'awaiting-auth' | 'authenticating' | 'ready' | 'closed';

/** One agent socket and what the gateway knows about it. Mutable fields, updated in place per frame. */
export class AgentConnection {
  state: ConnectionState = 'awaiting-auth';
  serverId: string | null = null;
  adapter: DialectAdapter | null = null;
  /** Advertised capabilities; undefined = a seed-002 agent (seed actions only). */
  capabilities: readonly string[] | undefined = undefined;
  agentVersion: string | null = null;
  protocolVersion = 1;
  /** Receive time of the last frame (any kind): the agent is talking. */
  lastFrameAt: number;
  /** Last sign of life incl. pongs: the heartbeat's half-open detection. */
  lastHeardAt: number;
  /** Set when the server went offline for silence while this socket stayed open. */
  silentOffline = false;
  /** The agent numbers its samples (protocol 2 outbox): it gets acks. */
  sendsSeq = false;
  lastAckedSeq = -1;
  readonly clock = new ClockOffsetEstimator();
  authTimer: NodeJS.Timeout | undefined;
  /** Bad frames in the current one-second window, and whether the agent was warned already. */
  badInWindow = 0;
  badWindowStart = 0;
  floodWarned = false;

  constructor(
    readonly ws: WebSocket,
    readonly ip: string | null,
    readonly connectedAt: number,
  ) {
    this.lastFrameAt = connectedAt;
    this.lastHeardAt = connectedAt;
  }

  get dialect(): AgentDialect | null {
    return this.adapter?.dialect ?? null;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(text: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  close(code: number, reason: string): void {
    this.state = 'closed';
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(code, reason);
  }

  terminate(): void {
    this.state = 'closed';
    this.ws.terminate();
  }
}
