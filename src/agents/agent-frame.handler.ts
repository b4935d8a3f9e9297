import { Injectable, Logger } from '@nestjs/common';
import { CloseCode } from '@hivewatch/protocol';
import type { RawData } from 'ws';
import { HubEvents } from '../common/events/hub-events.js';
import { AppConfig } from '../config/app-config.js';
import { RecordsService } from '../records/records.service.js';
import type { AgentConnection } from './agent-connection.js';
import { AgentPresence } from './agent-presence.js';
import type { InboundFrame } from './dialects/dialect-adapter.js';
import { GatewayStats } from './gateway-stats.js';
import { OutboxAcks } from './outbox-acks.js';
import { RpcClient } from './rpc/rpc-client.js';

const FLOOD_WINDOW_MS = 1000;

/**
 * Every frame after authentication: decode through the connection's dialect adapter (one parse,
 * one validation), then route — samples to the records, responses to the RPC client, log lines to the
 * hub events. A bad frame gets the dialect's error reply and a counter; nothing else happens to the
 * connection unless it floods.
 */
@Injectable()
export class AgentFrameHandler {
  private readonly logger = new Logger(AgentFrameHandler.name);
  private readonly skewWindowMs: number;
  private readonly floodLimit: number;

  constructor(
    private readonly records: RecordsService,
    private readonly rpc: RpcClient,
    private readonly outbox: OutboxAcks,
    private readonly presence: AgentPresence,
    private readonly events: HubEvents,
    private readonly stats: GatewayStats,
    config: AppConfig,
  ) {
    this.skewWindowMs = config.agents.clockSkewWindowMs;
    this.floodLimit = config.agents.badFramesPerSecond;
  }

  handle(conn: AgentConnection, data: RawData, isBinary: boolean, now: number): void {
    const serverId = conn.serverId!;
    const adapter = conn.adapter!;
    conn.lastFrameAt = now;
    if (conn.silentOffline) this.presence.heardAgain(conn, serverId);
    if (isBinary) {
      this.bad(
        conn,
        { kind: 'bad', reason: 'binary', message: 'binary frames are not accepted; send JSON text' },
        now,
      );
      return;
    }
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Buffer.concat(data as Buffer[]).toString('utf8');
    try {
      this.route(conn, serverId, adapter.decode(text, serverId, now), now);
    } catch (err) {
      // A frame the hub could not process is refused and counted like any other bad frame; the
      // stack goes to the debug log only, so a peer cannot fill the log with traces.
      this.logger.debug({ err, serverId }, 'agent frame could not be processed');
      this.bad(
        conn,
        { kind: 'bad', reason: 'unprocessable', message: 'the frame could not be processed' },
        now,
      );
    }
  }

  private route(conn: AgentConnection, serverId: string, frame: InboundFrame, now: number): void {
    switch (frame.kind) {
      case 'metrics':
        this.metrics(conn, serverId, frame, now);
        return;
      case 'response':
        if (!this.rpc.handleResponse(serverId, frame.response)) this.stats.badFrame('unmatched-response');
        return;
      case 'log':
        // `at` is range-checked by the protocol schema (a JavaScript Date holds every accepted value).
        this.events.emit('agent.log', {
          serverId,
          level: frame.level,
          message: frame.message,
          timestamp: new Date(frame.at ?? now).toISOString(),
        });
        return;
      case 'exec-output':
        this.events.emit('agent.exec-output', { serverId, ...frame.payload });
        return;
      case 'terminal-output':
        this.events.emit('agent.terminal-output', { serverId, ...frame.payload });
        return;
      case 'terminal-exit':
        this.events.emit('agent.terminal-exit', { serverId, ...frame.payload });
        return;
      case 'docker-log':
        this.events.emit('agent.docker-log', { serverId, payload: frame.payload });
        return;
      case 'docker-stats':
      case 'docker-event': {
        const facts = { serverId, receivedAt: now, clockOffsetMs: conn.clock.offsetMs };
        if (frame.kind === 'docker-stats')
          this.events.emit('agent.docker-stats', { ...facts, payload: frame.payload });
        else this.events.emit('agent.docker-event', { ...facts, payload: frame.payload });
        return;
      }
      case 'ignored':
        return;
      case 'bad':
        this.bad(conn, frame, now);
        return;
    }
  }

  private metrics(
    conn: AgentConnection,
    serverId: string,
    frame: Extract<InboundFrame, { kind: 'metrics' }>,
    now: number,
  ): void {
    const sample = frame.sample;
    const counters = this.stats.counters;
    if (sample.seq !== undefined) {
      conn.sendsSeq = true;
      if (!this.outbox.accept(serverId, sample.seq)) {
        counters.duplicateSamples++;
        this.outbox.ackDuplicate(conn, serverId, sample.seq);
        return;
      }
    }
    sample.time = conn.clock.bucketTime(frame.agentTime, now, sample.live, this.skewWindowMs);
    if (conn.clock.lastSkewed) counters.clockSkewedSamples++;
    if (sample.live) counters.samples++;
    else counters.backfillSamples++;
    this.records.ingest(sample);
  }

  private bad(conn: AgentConnection, frame: Extract<InboundFrame, { kind: 'bad' }>, now: number): void {
    this.stats.badFrame(frame.reason);
    if (now - conn.badWindowStart >= FLOOD_WINDOW_MS) {
      conn.badWindowStart = now;
      conn.badInWindow = 0;
    }
    if (++conn.badInWindow > this.floodLimit) {
      if (conn.floodWarned) {
        this.stats.counters.floodClosed++;
        this.logger.warn({ serverId: conn.serverId, ip: conn.ip }, 'agent flooded invalid frames; closing');
        conn.close(CloseCode.RateLimited, 'too many invalid frames');
        return;
      }
      conn.floodWarned = true;
      conn.badInWindow = 0;
      conn.badWindowStart = now;
      conn.send(
        conn.adapter!.encodeBadFrame(
          {
            kind: 'bad',
            reason: frame.reason,
            message: 'too many invalid frames: slow down or be disconnected',
          },
          now,
        ),
      );
      return;
    }
    conn.send(conn.adapter!.encodeBadFrame(frame, now));
  }
}
