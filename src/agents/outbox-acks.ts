import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { ResumeState } from '@hivewatch/protocol';
import { Clock } from '../common/auth/clock.js';
import type { RecordsFlushed } from '../records/minute-bucket.writer.js';
import { RecordsService } from '../records/records.service.js';
import { ServerAgentState } from '../servers/server-agent-state.js';
import type { AgentConnection } from './agent-connection.js';
import { AgentRegistry } from './agent-registry.js';
import { GatewayStats } from './gateway-stats.js';

/**
 * Outbox sequence numbers (protocol 2): de-duplication and acknowledgement.
 * - A sample whose seq is at or below the highest seq already ingested for its server is a duplicate
 *   (the agent re-sent what it had not seen acknowledged) and is dropped.
 * - After each committed flush, the highest seq durably stored per server is written to
 *   `servers.settledSeq` and THEN acknowledged to the agent, so after a hub restart (even SIGKILL)
 *   the hub still knows what it has: zero duplicates, zero losses.
 */
@Injectable()
export class OutboxAcks implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxAcks.name);
  /** Per server: highest seq ingested (in memory, across reconnects of this process). */
  private readonly ingested = new Map<string, number>();
  /** Per server: highest seq known durable (database). */
  private readonly settled = new Map<string, number>();
  private unsubscribe: (() => void) | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly records: RecordsService,
    private readonly servers: ServerAgentState,
    private readonly registry: AgentRegistry,
    private readonly stats: GatewayStats,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.records.onFlushed((event) => this.flushed(event));
  }

  /** After the shutdown flush (onModuleDestroy runs before it and would miss its settled seqs). */
  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  /**
   * Shutdown: the records writer's final flush (its beforeApplicationShutdown, which Nest runs before
   * ours: RecordsModule sits deeper in the import graph) queued the settled-seq write; let it land
   * before the database closes, or the next hub would ingest the agent's re-sent samples twice.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.writes;
  }

  /** On authenticate: the settled seq stored in the database, and the agent's own resume report. */
  load(serverId: string, settledSeq: number | null, resume: ResumeState | undefined): void {
    if (settledSeq !== null) {
      if ((this.settled.get(serverId) ?? -1) < settledSeq) this.settled.set(serverId, settledSeq);
      if ((this.ingested.get(serverId) ?? -1) < settledSeq) this.ingested.set(serverId, settledSeq);
    }
    const known = this.ingested.get(serverId);
    if (resume?.lastSeq !== undefined && known !== undefined && resume.lastSeq < known) {
      // The agent never produced what we think we ingested: its numbering restarted (state lost).
      this.logger.warn({ serverId, lastSeq: resume.lastSeq, known }, 'agent seq restarted; de-dup reset');
      this.ingested.set(serverId, resume.lastAckedSeq ?? -1);
      this.settled.delete(serverId);
    }
  }

  /** True when the sample is new; false for a duplicate. Hot path: one Map read, one write. */
  accept(serverId: string, seq: number): boolean {
    const last = this.ingested.get(serverId);
    if (last !== undefined && seq <= last) return false;
    this.ingested.set(serverId, seq);
    return true;
  }

  /** A duplicate of an already durable sample: acknowledge again so the agent drops it. */
  ackDuplicate(conn: AgentConnection, serverId: string, seq: number): void {
    const settled = this.settled.get(serverId);
    if (settled !== undefined && seq <= settled) this.sendAck(conn, settled, true);
  }

  forget(serverId: string): void {
    this.ingested.delete(serverId);
    this.settled.delete(serverId);
  }

  private flushed(event: RecordsFlushed): void {
    if (event.settled.length === 0) return;
    // Only servers whose numbered samples came through this gateway (others have no agent to ack).
    const entries = event.settled.filter(
      (e) => this.ingested.has(e.serverId) && (this.settled.get(e.serverId) ?? -1) < e.seq,
    );
    if (entries.length === 0) return;
    this.writes = this.writes
      .then(() => this.servers.recordSettledSeqs(entries))
      .then(() => {
        for (const e of entries) {
          if ((this.settled.get(e.serverId) ?? -1) < e.seq) this.settled.set(e.serverId, e.seq);
          const conn = this.registry.get(e.serverId);
          if (conn) this.sendAck(conn, e.seq, false);
        }
      })
      .catch((err: unknown) => this.logger.error({ err }, 'could not store settled seqs; acks withheld'));
  }

  private sendAck(conn: AgentConnection, seq: number, again: boolean): void {
    if (!conn.sendsSeq || !conn.adapter || (!again && seq <= conn.lastAckedSeq)) return;
    const frame = conn.adapter.encodeAck(seq, this.clock.now());
    if (frame === null) return;
    if (seq > conn.lastAckedSeq) conn.lastAckedSeq = seq;
    this.stats.counters.acksSent++;
    conn.send(frame);
  }
}
