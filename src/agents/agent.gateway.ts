import type { IncomingMessage } from 'node:http';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  AGENT_WS_PATH,
  CloseCode,
  detectDialect,
  errorEvent,
  HUB_DROP_AFTER_MS,
  HUB_PING_INTERVAL_MS,
  isRecord,
  type SimpleError,
  WireMessage,
} from '@hivewatch/protocol';
import type { Subscription } from 'rxjs';
import type { RawData, WebSocket } from 'ws';
import { RepeatedFailures } from '../audit/repeated-failures.js';
import { Clock } from '../common/auth/clock.js';
import { pathMatcher, WsUpgradeRouter } from '../common/ws/ws-upgrade.router.js';
import { AppConfig } from '../config/app-config.js';
import { AgentTokenVerifier } from '../servers/agent-token.verifier.js';
import { AgentConnection } from './agent-connection.js';
import { AgentFrameHandler } from './agent-frame.handler.js';
import { AgentSessions } from './agent-sessions.js';
import { AgentAuthRateLimiter } from './auth-rate-limiter.js';
import { AgentRegistry } from './agent-registry.js';
import { GatewayStats } from './gateway-stats.js';
import { credentialParamsInUrl } from './query-credentials.js';
import { upgradeClientIp } from '../common/ws/client-ip.js';

const SIMPLE_INVALID: SimpleError = { type: 'error', message: WireMessage.InvalidMessageFormat };
const SIMPLE_INVALID_TEXT = JSON.stringify(SIMPLE_INVALID);

/**
 * The agent endpoint (`/api/v1/agents/ws`, both dialects). Moves frames only: the first frame goes to
 * AgentSessions (authentication, registration), every later one to AgentFrameHandler. Owns the
 * socket-level timers: the authentication deadline and the heartbeat.
 */
@Injectable()
export class AgentGateway implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AgentGateway.name);
  private heartbeat: NodeJS.Timeout | undefined;
  private revocations: Subscription | undefined;

  constructor(
    private readonly router: WsUpgradeRouter,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly stats: GatewayStats,
    private readonly registry: AgentRegistry,
    private readonly sessions: AgentSessions,
    private readonly frames: AgentFrameHandler,
    private readonly limiter: AgentAuthRateLimiter,
    private readonly failures: RepeatedFailures,
    private readonly verifier: AgentTokenVerifier,
  ) {}

  onModuleInit(): void {
    this.router.register({
      name: 'agents',
      match: pathMatcher(AGENT_WS_PATH),
      maxPayload: this.config.agents.maxFrameBytes,
      onConnection: (ws, req) => this.onConnection(ws, req),
    });
    this.heartbeat = setInterval(() => this.beat(), HUB_PING_INTERVAL_MS);
    this.heartbeat.unref();
    this.revocations = this.verifier.revocations$.subscribe(({ serverId, reason }) => {
      const conn = this.registry.get(serverId);
      if (!conn) return;
      this.stats.counters.revoked++;
      this.logger.log({ serverId, reason }, 'closing agent connection: credentials revoked');
      conn.close(CloseCode.CredentialsRevoked, `token ${reason}`);
    });
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    this.revocations?.unsubscribe();
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const now = this.clock.now();
    const ip = this.clientIp(req);
    const conn = new AgentConnection(ws, ip, now);
    this.stats.counters.connectionsOpened++;
    ws.on('error', (err) => this.logger.debug({ err: err.message, ip }, 'agent socket error'));
    ws.on('close', () => this.onClose(conn));

    const leaked = credentialParamsInUrl(req.url);
    if (leaked.length > 0) {
      this.refuseQueryCredentials(conn, leaked);
      return;
    }
    conn.authTimer = setTimeout(() => {
      if (conn.state !== 'awaiting-auth' && conn.state !== 'authenticating') return;
      this.stats.counters.authTimedOut++;
      conn.close(CloseCode.AuthTimeout, 'authentication timeout');
    }, this.config.agents.authTimeoutMs);
    conn.authTimer.unref();
    ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    ws.on('pong', () => {
      conn.lastHeardAt = this.clock.now();
    });
  }

  private onMessage(conn: AgentConnection, data: RawData, isBinary: boolean): void {
    const now = this.clock.now();
    conn.lastHeardAt = now;
    try {
      if (conn.state === 'ready') this.frames.handle(conn, data, isBinary, now);
      else if (conn.state === 'awaiting-auth') this.firstFrame(conn, data, isBinary);
      else if (conn.state === 'authenticating') this.stats.counters.framesBeforeAuth++;
    } catch (err) {
      // Never let one frame take the process (or other connections) down.
      this.logger.error({ err, serverId: conn.serverId }, 'agent frame handling failed');
    }
  }

  private firstFrame(conn: AgentConnection, data: RawData, isBinary: boolean): void {
    if (this.limiter.isBlocked(conn.ip)) {
      this.stats.counters.authRateLimited++;
      conn.close(CloseCode.RateLimited, 'too many failed authentications');
      return;
    }
    let frame: unknown;
    if (!isBinary) {
      try {
        frame = JSON.parse(rawText(data));
      } catch {
        frame = undefined;
      }
    }
    const dialect = detectDialect(frame);
    if (dialect === null) {
      this.stats.counters.badFirstFrames++;
      conn.send(
        looksLikeEnvelope(frame)
          ? JSON.stringify(errorEvent(WireMessage.InvalidMessageFormat))
          : SIMPLE_INVALID_TEXT,
      );
      conn.close(CloseCode.BadFirstFrame, 'first frame must authenticate');
      return;
    }
    conn.state = 'authenticating';
    void this.sessions
      .start(conn, dialect, frame as Record<string, unknown>)
      .catch((err: unknown) => {
        this.logger.error({ err }, 'agent authentication failed unexpectedly');
        conn.close(CloseCode.InternalError, 'internal error');
      })
      .finally(() => clearTimeout(conn.authTimer));
  }

  private onClose(conn: AgentConnection): void {
    clearTimeout(conn.authTimer);
    conn.state = 'closed';
    this.sessions.end(conn);
  }

  private refuseQueryCredentials(conn: AgentConnection, params: string[]): void {
    this.stats.counters.credentialsInQuery++;
    if (this.limiter.isBlocked(conn.ip)) {
      this.stats.counters.authRateLimited++;
      conn.close(CloseCode.RateLimited, 'too many failed authentications');
      return;
    }
    this.limiter.recordFailure(conn.ip);
    conn.close(CloseCode.AuthFailed, 'credentials in the URL are refused; send them in the first frame');
    void this.failures.failure(
      `agent.authenticate|credentials-in-query|${params.join(',')}`,
      {
        actor: { via: 'agent' },
        action: 'agent.authenticate',
        outcome: 'failure',
        ip: conn.ip,
        detail: { reason: 'credentials-in-query', params },
      },
      {
        logger: this.logger,
        message: 'agent sent credentials in the URL query string: refused',
        fields: { ip: conn.ip, params },
      },
    );
  }

  /** Pings every authenticated agent; terminates the ones silent past the drop window (half-open). */
  private beat(): void {
    const now = this.clock.now();
    for (const conn of this.registry.connections()) {
      if (now - conn.lastHeardAt > HUB_DROP_AFTER_MS) {
        this.stats.counters.heartbeatDropped++;
        conn.terminate();
      } else if (conn.open) conn.ws.ping();
    }
  }

  private clientIp(req: IncomingMessage): string | null {
    return upgradeClientIp(req, this.config.trustProxy);
  }
}

export function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function looksLikeEnvelope(frame: unknown): boolean {
  if (!isRecord(frame)) return false;
  const type = frame['type'];
  return type === 'request' || type === 'response' || type === 'event';
}
