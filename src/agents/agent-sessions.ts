import { Injectable, Logger } from '@nestjs/common';
import { type AgentDialect, CloseCode, type ServerInfo } from '@hivewatch/protocol';
import { HubEvents } from '../common/events/hub-events.js';
import type { Server, ServerSystemInfo } from '../servers/server.entity.js';
import { type AgentFacts, ServerAgentState } from '../servers/server-agent-state.js';
import type { AgentConnection } from './agent-connection.js';
import { AgentAuthenticator, type AuthOutcome } from './agent-authenticator.js';
import { AgentPresence } from './agent-presence.js';
import { AgentRegistry } from './agent-registry.js';
import { EnvelopeAdapter } from './dialects/envelope.adapter.js';
import type { DialectAdapter } from './dialects/dialect-adapter.js';
import { SimpleAdapter } from './dialects/simple.adapter.js';
import { GatewayStats } from './gateway-stats.js';
import { OutboxAcks } from './outbox-acks.js';
import { RequestIds } from './rpc/request-ids.js';
import { RpcClient } from './rpc/rpc-client.js';

const ADAPTERS: Record<AgentDialect, DialectAdapter> = {
  envelope: new EnvelopeAdapter(),
  simple: new SimpleAdapter(),
};

/**
 * The life of an authenticated agent connection: authenticate, register (replacing an older
 * connection without an offline flap), restore the per-server state (request-id high water, settled
 * seq), re-send pending requests, record the agent's facts; and, when the socket closes, unregister.
 */
@Injectable()
export class AgentSessions {
  private readonly logger = new Logger(AgentSessions.name);

  constructor(
    private readonly authenticator: AgentAuthenticator,
    private readonly registry: AgentRegistry,
    private readonly presence: AgentPresence,
    private readonly ids: RequestIds,
    private readonly outbox: OutboxAcks,
    private readonly rpc: RpcClient,
    private readonly servers: ServerAgentState,
    private readonly events: HubEvents,
    private readonly stats: GatewayStats,
  ) {}

  async start(conn: AgentConnection, dialect: AgentDialect, frame: Record<string, unknown>): Promise<void> {
    const outcome = await this.authenticator.authenticate(dialect, frame, conn.ip);
    if (!outcome.ok) {
      conn.send(outcome.reply);
      conn.close(outcome.closeCode, outcome.closeReason);
      return;
    }
    if (conn.state === 'closed' || !conn.open) return; // gone while we verified
    this.register(conn, outcome);
  }

  /** The socket closed: unregister it unless a newer connection already took its place. */
  end(conn: AgentConnection): void {
    const serverId = conn.serverId;
    if (serverId !== null && this.registry.detach(serverId, conn)) this.presence.disconnected(conn, serverId);
  }

  private register(conn: AgentConnection, outcome: Extract<AuthOutcome, { ok: true }>): void {
    const { server } = outcome;
    this.stats.counters.authSucceeded++;
    conn.serverId = server.id;
    conn.adapter = ADAPTERS[outcome.dialect];
    conn.capabilities = outcome.capabilities;
    conn.agentVersion = outcome.agentVersion;
    conn.protocolVersion = outcome.protocolVersion;
    conn.state = 'ready';
    this.ids.load(server.id, server.rpcIdHighWater ?? 0);
    this.outbox.load(server.id, server.settledSeq ?? null, outcome.resume);
    conn.send(outcome.reply);

    const previous = this.registry.attach(server.id, conn);
    if (previous) {
      this.stats.counters.replaced++;
      previous.close(CloseCode.Replaced, 'replaced by a newer connection');
    }
    this.presence.connected(server.id);
    this.rpc.resendPending(server.id);
    this.recordFacts(server, outcome);
    if (outcome.dialect === 'envelope') void this.fetchServerInfo(server);
  }

  /** Writes dialect, versions and capabilities only when they changed (cheap reconnect storms). */
  private recordFacts(server: Server, outcome: Extract<AuthOutcome, { ok: true }>): void {
    const facts: AgentFacts = {};
    if (server.dialect !== outcome.dialect) facts.dialect = outcome.dialect;
    if (server.agentVersion !== outcome.agentVersion) facts.agentVersion = outcome.agentVersion;
    if (server.protocolVersion !== outcome.protocolVersion) facts.protocolVersion = outcome.protocolVersion;
    const caps = outcome.capabilities === undefined ? null : [...outcome.capabilities];
    if (JSON.stringify(server.capabilities) !== JSON.stringify(caps)) facts.capabilities = caps;
    if (Object.keys(facts).length === 0) return;
    this.servers
      .recordAgentFacts(server.id, facts)
      .then(() => this.events.emit('server.updated', { serverId: server.id }))
      .catch((err: unknown) =>
        this.logger.warn({ err, serverId: server.id }, 'could not record agent facts'),
      );
  }

  private async fetchServerInfo(server: Server): Promise<void> {
    try {
      const info = await this.rpc.request(server.id, 'get-server-info', null);
      const systemInfo = toSystemInfo(info);
      if (JSON.stringify(server.systemInfo) === JSON.stringify(systemInfo)) return;
      await this.servers.recordAgentFacts(server.id, { systemInfo });
      this.events.emit('server.updated', { serverId: server.id });
    } catch (err) {
      this.logger.debug({ err: (err as Error).message, serverId: server.id }, 'get-server-info failed');
    }
  }
}

function toSystemInfo(info: ServerInfo): ServerSystemInfo {
  const out: ServerSystemInfo = { hostname: info.hostname };
  if (info.ipAddress !== null && info.ipAddress !== undefined) out.ipAddress = info.ipAddress;
  if (info.os !== null && info.os !== undefined) out.os = info.os;
  if (info.osVersion !== null && info.osVersion !== undefined) out.osVersion = info.osVersion;
  if (info.kernel !== null && info.kernel !== undefined) out.kernel = info.kernel;
  if (info.architecture !== null && info.architecture !== undefined) out.architecture = info.architecture;
  if (info.cpuModel !== null && info.cpuModel !== undefined) out.cpuModel = info.cpuModel;
  if (info.cpuCores !== null && info.cpuCores !== undefined) out.cpuCores = info.cpuCores;
  if (info.cpuThreads !== null && info.cpuThreads !== undefined) out.cpuThreads = info.cpuThreads;
  return out;
}
