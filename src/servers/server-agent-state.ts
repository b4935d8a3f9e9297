import type { AgentConfigRequest } from '@hivewatch/protocol';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { HubEvents } from '../common/events/hub-events.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { Server, type ServerSystemInfo } from './server.entity.js';

/** What an agent told the hub about itself; absent fields are left unchanged. */
export interface AgentFacts {
  dialect?: 'envelope' | 'simple';
  agentVersion?: string | null;
  protocolVersion?: number | null;
  capabilities?: string[] | null;
  systemInfo?: ServerSystemInfo | null;
  lastSeenAt?: Date;
}

/** Per-server state the agent gateway keeps across hub restarts. */
export interface AgentResumeState {
  rpcIdHighWater: number;
  settledSeq: number | null;
}

/**
 * The agent side of a server row: what the agent gateway, presence, RPC and agent-config updates
 * write (facts, last contact, applied agent settings, request-id high water, settled outbox seq).
 * Not audited: the agent reports facts, nobody changed settings. Admin CRUD is ServersService.
 */
@Injectable()
export class ServerAgentState {
  constructor(
    @InjectRepository(Server) private readonly servers: Repository<Server>,
    private readonly tx: TransactionRunner,
    private readonly events: HubEvents,
  ) {}

  /**
   * Records what the agent gateway learnt about a server's agent (dialect, versions, capabilities,
   * `get-server-info`, last contact).
   */
  async recordAgentFacts(id: string, facts: AgentFacts): Promise<void> {
    const columns = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
    if (Object.keys(columns).length === 0) return;
    await this.tx.run((m) => m.update(Server, { id }, columns));
  }

  /** Remembers agent settings the server's agent accepted (the caller asked the agent first). */
  async recordAgentConfig(id: string, config: AgentConfigRequest, appliedAt = new Date()): Promise<void> {
    await this.tx.run((m) =>
      m.update(
        Server,
        { id },
        {
          agentMetricsInterval: config.metricsInterval,
          agentWatchlist: [...config.watchlist],
          agentConfigAppliedAt: appliedAt,
        },
      ),
    );
    this.events.emit('server.updated', { serverId: id });
  }

  /** Last contact of many servers at once (written lazily: on offline and at shutdown). */
  async recordLastSeen(entries: readonly { serverId: string; at: number }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.tx.run(async (m) => {
      for (const e of entries) await m.update(Server, { id: e.serverId }, { lastSeenAt: new Date(e.at) });
    });
  }

  /** The request-id high-water mark and settled outbox seq of a server, or null when it is gone. */
  async agentResumeState(id: string): Promise<AgentResumeState | null> {
    const row = await this.servers.findOne({
      where: { id },
      select: { id: true, rpcIdHighWater: true, settledSeq: true },
    });
    return row ? { rpcIdHighWater: row.rpcIdHighWater ?? 0, settledSeq: row.settledSeq ?? null } : null;
  }

  /** Raises the request-id high-water mark (never lowers it, also against another hub instance). */
  async raiseRpcIdHighWater(id: string, value: number): Promise<void> {
    await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .update(Server)
        .set({ rpcIdHighWater: value })
        .where('"id" = :id AND "rpcIdHighWater" < :value', { id, value })
        .execute(),
    );
  }

  /** Stores the highest durably stored outbox seq per server (never lowers it). */
  async recordSettledSeqs(entries: readonly { serverId: string; seq: number }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.tx.run(async (m) => {
      for (const e of entries) {
        await m
          .createQueryBuilder()
          .update(Server)
          .set({ settledSeq: e.seq })
          .where('"id" = :id AND ("settledSeq" IS NULL OR "settledSeq" < :seq)', {
            id: e.serverId,
            seq: e.seq,
          })
          .execute();
      }
    });
  }
}
