import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/auth/clock.js';
import type { Principal } from '../common/auth/principal.js';
import { randomSecret, sha256Hex } from '../common/crypto/secrets.js';
import { EntityNotFoundError, ForbiddenActionError } from '../common/errors/domain-errors.js';
import { ApiKey } from './api-key.entity.js';
import {
  toApiKeyView,
  type ApiKeyView,
  type CreateApiKeyInput,
  type CreatedApiKey,
} from './dto/api-key.dto.js';

export const API_KEY_PREFIX = 'hw_';
/** lastUsedAt is written at most this often per key. */
export const API_KEY_TOUCH_INTERVAL_MS = 60_000;

/** Automation credentials: `hw_` + 32 random bytes, stored as SHA-256, shown once. */
@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(
    @InjectRepository(ApiKey) private readonly repo: Repository<ApiKey>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, input: CreateApiKeyInput, ip: string | null): Promise<CreatedApiKey> {
    if (input.scope !== 'read' && principal.role !== 'admin') {
      throw new ForbiddenActionError(`Only admins may create ${input.scope}-scoped API keys`);
    }
    const now = this.clock.now();
    if (input.expiresAt && input.expiresAt.getTime() <= now) {
      throw new BadRequestException('expiresAt must be in the future');
    }
    const secret = randomSecret(32);
    const key = API_KEY_PREFIX + secret;
    const row = this.repo.create({
      id: randomUUID(),
      userId: principal.userId,
      name: input.name,
      prefix: secret.slice(0, 8),
      keyHash: sha256Hex(key),
      scope: input.scope,
      expiresAt: input.expiresAt ?? null,
      lastUsedAt: null,
      revokedAt: null,
      createdAt: new Date(now),
    });
    await this.repo.insert(row);
    this.logger.log({ apiKeyId: row.id, userId: row.userId, scope: row.scope }, 'API key created');
    await this.audit.record({
      actor: principal,
      action: 'api-key.create',
      target: { type: 'api-key', id: row.id },
      ip,
      detail: { name: row.name, scope: row.scope, prefix: row.prefix },
    });
    const { id, name, scope, prefix, expiresAt, createdAt } = row;
    return { id, name, scope, prefix, expiresAt, createdAt, key };
  }

  /** The caller's keys, or every key when an admin asks for `all`. */
  async list(principal: Principal, all: boolean): Promise<ApiKeyView[]> {
    if (all && principal.role !== 'admin')
      throw new ForbiddenActionError('Only admins may list every API key');
    const rows = await this.repo.find({
      where: all ? {} : { userId: principal.userId },
      order: { createdAt: 'DESC' },
    });
    return rows.map(toApiKeyView);
  }

  /** Revokes a key (owner or admin); revoking twice keeps the first time. */
  async revoke(principal: Principal, id: string, ip: string | null): Promise<void> {
    const key = await this.repo.findOneBy({ id });
    if (!key || (key.userId !== principal.userId && principal.role !== 'admin')) {
      throw new EntityNotFoundError('API key', id);
    }
    if (!key.revokedAt) await this.repo.update(id, { revokedAt: new Date(this.clock.now()) });
    await this.audit.record({
      actor: principal,
      action: 'api-key.revoke',
      target: { type: 'api-key', id },
      ip,
      detail: { name: key.name, prefix: key.prefix, ownerId: key.userId },
    });
  }

  /**
   * The principal of a raw `hw_...` key, or null when it is unknown, revoked, expired or its user
   * is disabled. The principal carries the user's current role and the key's scope; the access
   * policy grants the smaller of the two.
   */
  async authenticate(rawKey: string): Promise<Principal | null> {
    if (!rawKey.startsWith(API_KEY_PREFIX)) return null;
    const key = await this.repo.findOne({ where: { keyHash: sha256Hex(rawKey) }, relations: { user: true } });
    const now = this.clock.now();
    if (!key?.user || key.user.disabled || key.revokedAt) return null;
    if (key.expiresAt && key.expiresAt.getTime() <= now) return null;
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() >= API_KEY_TOUCH_INTERVAL_MS) {
      await this.repo.update(key.id, { lastUsedAt: new Date(now) });
    }
    return {
      via: 'api-key',
      userId: key.userId,
      username: key.user.username,
      role: key.user.role,
      scope: key.scope,
      apiKeyId: key.id,
    };
  }
}
