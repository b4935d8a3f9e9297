import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { RepeatedFailures } from '../audit/repeated-failures.js';
import { HubEvents } from '../common/events/hub-events.js';
import { sha256Hex } from './agent-token.js';
import { AgentTokenService, type IssuedAgentToken } from './agent-token.service.js';
import { AgentTokenVerifier } from './agent-token.verifier.js';
import { enrollmentKeyStatus, isEnrollmentKeyShaped } from './enrollment-key.js';
import { EnrollmentKey } from './enrollment-key.entity.js';
import { KeyedLock } from './keyed-lock.js';
import { toServerView } from './server-view.js';
import { Server } from './server.entity.js';
import { ServersService } from './servers.service.js';
import { TransactionRunner } from '../database/transaction-runner.js';

export interface EnrollmentRequest {
  /** The clear enrollment key (`hwe_...`) the agent was started with. */
  key: string;
  hostname: string;
  /** The agent's stable host id; stored only as SHA-256. */
  machineId: string;
}

export type EnrollmentFailureReason = 'invalid' | 'unknown' | 'revoked' | 'expired' | 'exhausted';

export type EnrollmentResult =
  | { ok: true; server: Server; token: string; reused: boolean }
  | { ok: false; reason: EnrollmentFailureReason };

type Outcome =
  { ok: true; serverId: string; reused: boolean } | { ok: false; reason: EnrollmentFailureReason };

/**
 * Redeems enrollment keys for agents (protocol.md §1.6). A machine already enrolled under the same
 * key gets its server back with a fresh token, and does not consume a use: re-running a playbook
 * over the same fleet is idempotent and works even once the key is exhausted (not once it is
 * revoked or expired). `maxUses` therefore bounds how many distinct machines a key can add.
 */
@Injectable()
export class EnrollmentService {
  private readonly logger = new Logger(EnrollmentService.name);
  private readonly machineLock = new KeyedLock();

  constructor(
    @InjectRepository(EnrollmentKey) private readonly keys: Repository<EnrollmentKey>,
    @InjectRepository(Server) private readonly serverRepo: Repository<Server>,
    private readonly servers: ServersService,
    private readonly tokens: AgentTokenService,
    private readonly verifier: AgentTokenVerifier,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly failures: RepeatedFailures,
    private readonly events: HubEvents,
  ) {}

  async enroll(req: EnrollmentRequest, ip: string | null): Promise<EnrollmentResult> {
    const hostname = cleanHostname(req.hostname);
    const machineId = typeof req.machineId === 'string' ? req.machineId.trim() : '';
    if (!isEnrollmentKeyShaped(req.key) || machineId.length === 0 || machineId.length > 256) {
      return this.fail(isEnrollmentKeyShaped(req.key) ? 'invalid' : 'unknown', null, hostname, ip);
    }
    const key = await this.keys.findOneBy({ keyHash: sha256Hex(req.key) });
    if (!key) return this.fail('unknown', null, hostname, ip);
    const status = enrollmentKeyStatus(key);
    if (status === 'revoked' || status === 'expired') return this.fail(status, key, hostname, ip);

    const machineHash = sha256Hex(machineId);
    // Hash before the transaction: a transaction must not wait on the argon2 thread pool.
    const issued = await this.tokens.issue();
    const outcome = await this.machineLock.run(`${key.id}:${machineHash}`, () =>
      this.tx.run((m) => this.redeem(m, key, machineHash, hostname, issued)),
    );
    if (!outcome.ok) return this.fail(outcome.reason, key, hostname, ip);
    if (outcome.reused) this.verifier.invalidate(outcome.serverId, 'rotated');

    const server = await this.serverRepo.findOne({
      where: { id: outcome.serverId },
      relations: { tags: true },
    });
    if (!server) throw new Error(`enrolled server ${outcome.serverId} vanished`);
    this.events.emit('server.saved', { server: toServerView(server) });
    await this.audit.record({
      actor: { via: 'agent', id: server.id, name: hostname },
      action: 'enrollment.use',
      target: { type: 'enrollment-key', id: key.id },
      ip,
      detail: { prefix: key.prefix, serverId: server.id, serverName: server.name, reused: outcome.reused },
    });
    this.logger.log(
      { enrollmentKeyId: key.id, serverId: server.id, reused: outcome.reused },
      outcome.reused ? 'machine re-enrolled' : 'machine enrolled',
    );
    return { ok: true, server, token: issued.token, reused: outcome.reused };
  }

  private async redeem(
    m: EntityManager,
    key: EnrollmentKey,
    machineHash: string,
    hostname: string,
    issued: IssuedAgentToken,
  ): Promise<Outcome> {
    const now = new Date();
    const known = await m.findOneBy(Server, { enrollmentKeyId: key.id, machineId: machineHash });
    if (known) {
      await this.servers.applyToken(m, known.id, issued);
      await m.update(EnrollmentKey, { id: key.id }, { lastUsedAt: now });
      return { ok: true, serverId: known.id, reused: true };
    }
    // One conditional UPDATE is the atomic check-and-consume, also under concurrency on PostgreSQL.
    const consumed = await m
      .createQueryBuilder()
      .update(EnrollmentKey)
      .set({ uses: () => '"uses" + 1', lastUsedAt: now })
      .where('"id" = :id', { id: key.id })
      .andWhere('"revokedAt" IS NULL')
      .andWhere('("expiresAt" IS NULL OR "expiresAt" > :now)', { now: now.getTime() })
      .andWhere('("maxUses" IS NULL OR "uses" < "maxUses")')
      .execute();
    if (consumed.affected !== 1) {
      const current = await m.findOneBy(EnrollmentKey, { id: key.id });
      const status = current ? enrollmentKeyStatus(current, now) : 'revoked';
      return { ok: false, reason: status === 'active' ? 'exhausted' : status };
    }
    const server = await this.servers.insert(
      m,
      {
        name: hostname || `enrolled-${machineHash.slice(0, 8)}`,
        groupId: key.groupId,
        tags: key.tags ?? [],
        notes: '',
        machineId: machineHash,
        enrollmentKeyId: key.id,
      },
      issued,
    );
    return { ok: true, serverId: server.id, reused: false };
  }

  private async fail(
    reason: EnrollmentFailureReason,
    key: EnrollmentKey | null,
    hostname: string,
    ip: string | null,
  ): Promise<EnrollmentResult> {
    await this.failures.failure(
      `enrollment.use|${reason}|${key?.id ?? '-'}`,
      {
        actor: { via: 'agent', name: hostname || null },
        action: 'enrollment.use',
        outcome: 'failure',
        target: { type: 'enrollment-key', id: key?.id ?? null },
        ip,
        detail: { reason, prefix: key?.prefix ?? null },
      },
      {
        logger: this.logger,
        message: 'enrollment refused',
        fields: { reason, enrollmentKeyId: key?.id ?? null, ip },
      },
    );
    return { ok: false, reason };
  }
}

/** A hostname as a server name: printable, trimmed, at most 100 characters. */
function cleanHostname(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return raw
    .replace(/[^\x20-\x7e]/g, '')
    .trim()
    .slice(0, 100);
}
