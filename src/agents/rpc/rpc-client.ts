import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  type AgentRequestAction,
  type AgentRequestPayload,
  type AgentResponseData,
  isActionAllowed,
  parseRequestPayload,
  readAgentReply,
  type ResponseEnvelope,
} from '@hivewatch/protocol';
import { Clock } from '../../common/auth/clock.js';
import { AppConfig } from '../../config/app-config.js';
import { AgentRegistry } from '../agent-registry.js';
import type { AgentConnection } from '../agent-connection.js';
import { GatewayStats } from '../gateway-stats.js';
import {
  ActionUnsupportedError,
  AgentOfflineError,
  AgentReplyError,
  AgentTimeoutError,
  InvalidAgentRequestError,
} from './rpc-errors.js';
import { hostRequestErrorCode } from './host-error-code.js';
import { RequestIds } from './request-ids.js';

/** Per-action timeouts where the default (config, 30 s) does not fit. */
export const RPC_ACTION_TIMEOUT_MS: Partial<Record<AgentRequestAction, number>> = {
  'get-service-log': 60_000,
  'restart-service': 90_000,
  upgrade: 300_000,
};

export interface RpcOptions {
  timeoutMs?: number;
  /**
   * A request id from {@link RpcClient.reserveId}, kept by the caller: sending again with the same id
   * (e.g. a queued command run after a hub restart) is answered from the agent's response cache.
   */
  id?: number;
  /**
   * False for requests that must never run twice or late (terminal keystrokes, resizes, credit): one
   * still pending when the agent reconnects is rejected (AgentOfflineError) instead of re-sent.
   */
  resend?: boolean;
}

interface Pending {
  id: number;
  serverId: string;
  action: AgentRequestAction;
  payload: unknown;
  timeoutMs: number;
  resend: boolean;
  timer: NodeJS.Timeout;
  resolve(data: unknown): void;
  reject(err: Error): void;
}

/**
 * Hub → agent requests: validated before sending, a never-reused id (RequestIds), a timeout, and the
 * matching response resolved whatever its shape. A request still pending when the socket drops is
 * re-sent with the SAME id when the agent is back: the agent's response cache makes that retry
 * idempotent (a side effect runs once).
 */
@Injectable()
export class RpcClient implements OnModuleDestroy {
  private readonly logger = new Logger(RpcClient.name);
  private readonly pending = new Map<number, Pending>();
  private closing = false;

  constructor(
    private readonly registry: AgentRegistry,
    private readonly ids: RequestIds,
    private readonly stats: GatewayStats,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends `action` to the server's agent and resolves with the (validated, unwrapped) data.
   * Rejects with AgentOfflineError / ActionUnsupportedError (409), AgentTimeoutError (504) or
   * AgentReplyError (502).
   */
  async request<A extends AgentRequestAction>(
    serverId: string,
    action: A,
    payload: AgentRequestPayload<A>,
    options: RpcOptions = {},
  ): Promise<AgentResponseData<A>> {
    const conn = this.usableConnection(serverId, action);
    const parsed = parseRequestPayload(action, payload);
    if (!parsed.ok) throw new InvalidAgentRequestError(`request '${action}' is invalid: ${parsed.error}`);
    const id = options.id ?? (await this.ids.next(serverId));
    const timeoutMs = options.timeoutMs ?? RPC_ACTION_TIMEOUT_MS[action] ?? this.config.agents.rpcTimeoutMs;
    this.stats.counters.rpcRequests++;
    return new Promise<AgentResponseData<A>>((resolve, reject) => {
      const entry: Pending = {
        id,
        serverId,
        action,
        payload: parsed.value,
        timeoutMs,
        resend: options.resend ?? true,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.pending.delete(id);
          this.stats.counters.rpcTimeouts++;
          reject(new AgentTimeoutError(action, timeoutMs));
        }, timeoutMs),
      };
      entry.timer.unref();
      this.pending.set(id, entry);
      // The connection may have been replaced while the id was being reserved.
      const current = this.registry.get(serverId) ?? conn;
      this.transmit(current, entry);
    });
  }

  /** A request id never used with this server's agent, for a caller that must persist it first. */
  reserveId(serverId: string): Promise<number> {
    return this.ids.next(serverId);
  }

  /** Can `action` be sent to the server's agent right now? Throws the 409 otherwise. */
  usableConnection(serverId: string, action: AgentRequestAction): AgentConnection {
    const conn = this.registry.get(serverId);
    if (!conn?.adapter) throw new AgentOfflineError(serverId);
    if (!conn.adapter.supports(action))
      throw new ActionUnsupportedError(
        `'${action}' is not supported by this agent's dialect (${conn.dialect})`,
      );
    if (!isActionAllowed(action, conn.capabilities)) {
      throw new ActionUnsupportedError(
        conn.capabilities === undefined
          ? `'${action}' is not supported by this agent (it advertises no capabilities)`
          : `'${action}' needs a capability this agent does not advertise`,
      );
    }
    return conn;
  }

  /** A response frame from `serverId`'s agent. False when it matches no pending request of that server. */
  handleResponse(serverId: string, response: ResponseEnvelope): boolean {
    const entry = this.pending.get(response.id);
    // Another server's agent cannot answer (or cancel) someone else's request.
    if (!entry || entry.serverId !== serverId) return false;
    this.pending.delete(response.id);
    clearTimeout(entry.timer);
    const reply = readAgentReply(entry.action, { ...response, action: entry.action });
    if (reply.kind === 'ok') entry.resolve(reply.data);
    else if (reply.kind === 'agent-error')
      entry.reject(new AgentReplyError(reply.message, hostRequestErrorCode(reply.message, reply.code)));
    else
      entry.reject(new AgentReplyError(`agent answered '${entry.action}' with invalid data: ${reply.error}`));
    return true;
  }

  /** The server's agent (re)connected: re-send what is still pending, with the same ids. */
  resendPending(serverId: string): void {
    const conn = this.registry.get(serverId);
    if (!conn) return;
    for (const entry of this.pending.values()) {
      if (entry.serverId !== serverId) continue;
      if (!entry.resend) {
        this.pending.delete(entry.id);
        clearTimeout(entry.timer);
        entry.reject(new AgentOfflineError(serverId));
        continue;
      }
      if (!conn.adapter?.supports(entry.action) || !isActionAllowed(entry.action, conn.capabilities)) {
        this.pending.delete(entry.id);
        clearTimeout(entry.timer);
        entry.reject(
          new ActionUnsupportedError(`'${entry.action}' is not supported by the reconnected agent`),
        );
        continue;
      }
      this.stats.counters.rpcResent++;
      this.transmit(conn, entry);
    }
  }

  /**
   * Forgets a pending request of `serverId` (e.g. a cancelled command): it is not re-sent when the
   * agent returns, a late answer is ignored, and its promise rejects with AgentOfflineError.
   */
  forget(serverId: string, id: number): boolean {
    const entry = this.pending.get(id);
    if (!entry || entry.serverId !== serverId) return false;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.reject(new AgentOfflineError(serverId));
    return true;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** The hub is shutting down: pending requests are rejected because of that, not their agents. */
  get isClosing(): boolean {
    return this.closing;
  }

  onModuleDestroy(): void {
    this.closing = true;
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(new AgentOfflineError(entry.serverId));
    }
    this.pending.clear();
  }

  private transmit(conn: AgentConnection, entry: Pending): void {
    if (!conn.adapter || !conn.open) return; // re-sent when the agent is back, or times out
    try {
      conn.send(conn.adapter.encodeRequest(entry.id, entry.action, entry.payload, this.clock.now()));
    } catch (err) {
      this.logger.warn({ err, serverId: entry.serverId, action: entry.action }, 'could not send request');
    }
  }
}
