import { Injectable, Logger } from '@nestjs/common';
import {
  type AgentDialect,
  authenticateErrorReply,
  authenticateOkReply,
  authenticateRequestFrameSchema,
  DEFAULT_METRICS_INTERVAL_SECONDS,
  isEnrollment,
  PROTOCOL_VERSION,
  type ResumeState,
  SEED_PROTOCOL_VERSION,
  type SimpleAuthSuccess,
  type SimpleError,
  simpleAuthSchema,
  WireMessage,
} from '@hivewatch/protocol';
import { RepeatedFailures } from '../audit/repeated-failures.js';
import { Clock } from '../common/auth/clock.js';
import { AgentTokenVerifier } from '../servers/agent-token.verifier.js';
import { EnrollmentService } from '../servers/enrollment.service.js';
import type { Server } from '../servers/server.entity.js';
import { AgentAuthRateLimiter } from './auth-rate-limiter.js';
import { GatewayStats } from './gateway-stats.js';

/**
 * What the simple dialect's agents may be sent once an admin switched the server's `simpleCommands`
 * on: seed 001's `command` (`exec`) and `docker_command` (`docker-actions`, start/stop/restart/remove
 * only). That agent has no capability gate of its own, so without the switch it gets nothing; it never
 * sends Docker data, so it never has `docker` (see {@link simpleDialectCapabilities}).
 */
export const SIMPLE_DIALECT_CAPABILITIES: readonly string[] = ['exec', 'docker-actions'];

/** A simple-dialect agent's capabilities: none unless the server's `simpleCommands` switch is on. */
export function simpleDialectCapabilities(simpleCommands: boolean): readonly string[] {
  return simpleCommands ? SIMPLE_DIALECT_CAPABILITIES : [];
}

export type AuthOutcome =
  | {
      ok: true;
      server: Server;
      dialect: AgentDialect;
      /** Advertised capabilities; undefined for a seed-002 agent (it sends none). */
      capabilities: readonly string[] | undefined;
      agentVersion: string | null;
      protocolVersion: number;
      resume: ResumeState | undefined;
      reply: string;
    }
  | { ok: false; reply: string; closeCode: number; closeReason: string };

const SIMPLE_AUTH_FAILED: SimpleError = { type: 'error', message: WireMessage.InvalidApiKey };

/**
 * Checks the first frame's credentials (either dialect) and builds the exact reply of protocol.md.
 * Token checks go through the verifier's cache; failures are rate-limited by the caller's limiter
 * and audited here, without the secret.
 */
@Injectable()
export class AgentAuthenticator {
  private readonly logger = new Logger(AgentAuthenticator.name);

  constructor(
    private readonly verifier: AgentTokenVerifier,
    private readonly enrollment: EnrollmentService,
    private readonly limiter: AgentAuthRateLimiter,
    private readonly failures: RepeatedFailures,
    private readonly stats: GatewayStats,
    private readonly clock: Clock,
  ) {}

  async authenticate(
    dialect: AgentDialect,
    frame: Record<string, unknown>,
    ip: string | null,
  ): Promise<AuthOutcome> {
    return dialect === 'envelope' ? this.envelope(frame, ip) : this.simple(frame, ip);
  }

  private async envelope(frame: Record<string, unknown>, ip: string | null): Promise<AuthOutcome> {
    const rawId = frame['id'];
    const id = Number.isSafeInteger(rawId) && (rawId as number) >= 0 ? (rawId as number) : null;
    const parsed = authenticateRequestFrameSchema.safeParse(frame);
    if (!parsed.success) return this.envelopeFailure(id, ip, 'malformed', null);
    const p = parsed.data.payload;
    const facts = {
      capabilities: p.capabilities,
      agentVersion: p.agent_version ?? null,
      protocolVersion: p.protocol_version ?? SEED_PROTOCOL_VERSION,
      resume: p.resume,
    };
    let server: Server;
    let issued: { agent_id: string; token: string } | undefined;
    if (isEnrollment(p)) {
      const result = await this.enrollment.enroll(
        { key: p.enrollment_key, hostname: p.hostname, machineId: p.machine_id },
        ip,
      );
      // EnrollmentService audits both outcomes itself.
      if (!result.ok) return this.envelopeFailure(id, ip, `enrollment-${result.reason}`, null, false);
      server = result.server;
      issued = { agent_id: server.id, token: result.token };
      this.stats.counters.enrollments++;
    } else {
      const verified = await this.verifier.verify(p.agent_id, p.token);
      if (!verified) return this.envelopeFailure(id, ip, 'invalid-token', p.agent_id);
      server = verified;
    }
    const reply = authenticateOkReply(
      id,
      {
        server_id: server.id,
        protocol_version: PROTOCOL_VERSION,
        metrics_interval: DEFAULT_METRICS_INTERVAL_SECONDS,
        ...issued,
      },
      this.clock.now(),
    );
    return { ok: true, server, dialect: 'envelope', ...facts, reply: JSON.stringify(reply) };
  }

  private async simple(frame: Record<string, unknown>, ip: string | null): Promise<AuthOutcome> {
    const parsed = simpleAuthSchema.safeParse(frame);
    const server = parsed.success ? await this.verifier.verify(null, parsed.data.api_key) : null;
    if (!server) {
      await this.failed(ip, 'simple', parsed.success ? 'invalid-token' : 'malformed', null);
      return {
        ok: false,
        reply: JSON.stringify(SIMPLE_AUTH_FAILED),
        closeCode: 4401,
        closeReason: 'authentication failed',
      };
    }
    const reply: SimpleAuthSuccess = {
      type: 'auth_success',
      server_id: server.id,
      message: WireMessage.ConnectedSuccessfully,
    };
    return {
      ok: true,
      server,
      dialect: 'simple',
      capabilities: simpleDialectCapabilities(server.simpleCommands),
      agentVersion: null,
      protocolVersion: SEED_PROTOCOL_VERSION,
      resume: undefined,
      reply: JSON.stringify(reply),
    };
  }

  private async envelopeFailure(
    id: number | null,
    ip: string | null,
    reason: string,
    claimedServerId: string | null,
    audit = true,
  ): Promise<AuthOutcome> {
    if (audit) await this.failed(ip, 'envelope', reason, claimedServerId);
    else this.countFailure(ip);
    const reply = authenticateErrorReply(id, WireMessage.InvalidAgentCredentials, this.clock.now());
    return { ok: false, reply: JSON.stringify(reply), closeCode: 4401, closeReason: 'authentication failed' };
  }

  private countFailure(ip: string | null): void {
    this.stats.counters.authFailed++;
    this.limiter.recordFailure(ip);
  }

  /**
   * Audited and logged without the token; the claimed id only when it is shaped like one. Repeats of
   * one reason for one claimed server become one counted entry a minute (RepeatedFailures).
   */
  private async failed(
    ip: string | null,
    dialect: AgentDialect,
    reason: string,
    claimedServerId: string | null,
  ): Promise<void> {
    this.countFailure(ip);
    const id = claimedServerId !== null && /^[0-9a-f-]{36}$/i.test(claimedServerId) ? claimedServerId : null;
    await this.failures.failure(
      `agent.authenticate|${dialect}|${reason}|${id ?? '-'}`,
      {
        actor: { via: 'agent', id },
        action: 'agent.authenticate',
        outcome: 'failure',
        target: { type: 'server', id },
        ip,
        detail: { dialect, reason },
      },
      {
        logger: this.logger,
        message: 'agent authentication failed',
        fields: { ip, dialect, reason, serverId: id },
      },
    );
  }
}
