import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { EntityNotFoundError } from '../common/errors/domain-errors.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import type {
  CreateEnrollmentKeyInput,
  EnrollmentKeyView,
  UpdateEnrollmentKeyInput,
} from './dto/enrollment-key.dto.js';
import { enrollmentKeyStatus, generateEnrollmentKey } from './enrollment-key.js';
import { EnrollmentKey } from './enrollment-key.entity.js';
import { ServerGroup } from './server-group.entity.js';

/**
 * Enrollment keys (protocol.md §1.6), administered here; `EnrollmentService` redeems them.
 * Keys are revoked, not deleted: servers keep pointing at the key that enrolled them and the
 * audit trail keeps its target.
 */
@Injectable()
export class EnrollmentKeysService {
  private readonly logger = new Logger(EnrollmentKeysService.name);

  constructor(
    @InjectRepository(EnrollmentKey) private readonly keys: Repository<EnrollmentKey>,
    @InjectRepository(ServerGroup) private readonly groups: Repository<ServerGroup>,
    private readonly audit: AuditService,
  ) {}

  async create(
    input: CreateEnrollmentKeyInput,
    ctx: ActorContext,
  ): Promise<{ enrollmentKey: EnrollmentKeyView; key: string }> {
    await this.assertGroupExists(input.groupId ?? null);
    const generated = generateEnrollmentKey();
    const row: EnrollmentKey = {
      id: randomUUID(),
      name: input.name,
      prefix: generated.prefix,
      keyHash: generated.keyHash,
      groupId: input.groupId ?? null,
      tags: input.tags ?? [],
      expiresAt: input.expiresAt ?? null,
      maxUses: input.maxUses ?? null,
      uses: 0,
      lastUsedAt: null,
      revokedAt: null,
      createdBy: 'userId' in ctx.actor ? ctx.actor.userId : null,
      createdAt: new Date(),
    };
    await this.keys.insert(row);
    await this.audit.record({
      ...ctx,
      action: 'enrollment-key.create',
      target: { type: 'enrollment-key', id: row.id },
      detail: {
        name: row.name,
        prefix: row.prefix,
        groupId: row.groupId,
        tags: row.tags,
        maxUses: row.maxUses,
        expiresAt: row.expiresAt?.toISOString() ?? null,
      },
    });
    this.logger.log({ enrollmentKeyId: row.id, prefix: row.prefix }, 'enrollment key created');
    return { enrollmentKey: toEnrollmentKeyView(row), key: generated.key };
  }

  async list(): Promise<EnrollmentKeyView[]> {
    const rows = await this.keys.find({ order: { createdAt: 'DESC' } });
    const now = new Date();
    return rows.map((r) => toEnrollmentKeyView(r, now));
  }

  async get(id: string): Promise<EnrollmentKeyView> {
    return toEnrollmentKeyView(await this.findOrThrow(id));
  }

  async update(id: string, input: UpdateEnrollmentKeyInput, ctx: ActorContext): Promise<EnrollmentKeyView> {
    const key = await this.findOrThrow(id);
    if (input.groupId !== undefined) await this.assertGroupExists(input.groupId);
    if (Object.keys(input).length > 0) await this.keys.update({ id }, input);
    await this.audit.record({
      ...ctx,
      action: 'enrollment-key.update',
      target: { type: 'enrollment-key', id },
      detail: { name: input.name ?? key.name, prefix: key.prefix, fields: Object.keys(input) },
    });
    return this.get(id);
  }

  /** Idempotent: revoking a revoked key changes nothing and records nothing. */
  async revoke(id: string, ctx: ActorContext): Promise<EnrollmentKeyView> {
    const key = await this.findOrThrow(id);
    if (key.revokedAt) return toEnrollmentKeyView(key);
    await this.keys.update({ id }, { revokedAt: new Date() });
    await this.audit.record({
      ...ctx,
      action: 'enrollment-key.revoke',
      target: { type: 'enrollment-key', id },
      detail: { name: key.name, prefix: key.prefix, uses: key.uses },
    });
    this.logger.log({ enrollmentKeyId: id, prefix: key.prefix }, 'enrollment key revoked');
    return this.get(id);
  }

  private async findOrThrow(id: string): Promise<EnrollmentKey> {
    const key = await this.keys.findOneBy({ id });
    if (!key) throw new EntityNotFoundError('enrollment key', id);
    return key;
  }

  private async assertGroupExists(groupId: string | null): Promise<void> {
    if (groupId !== null && !(await this.groups.existsBy({ id: groupId }))) {
      throw new BadRequestException(`group ${groupId} does not exist`);
    }
  }
}

export function toEnrollmentKeyView(k: EnrollmentKey, now: Date = new Date()): EnrollmentKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    status: enrollmentKeyStatus(k, now),
    groupId: k.groupId,
    tags: k.tags ?? [],
    expiresAt: k.expiresAt,
    maxUses: k.maxUses,
    uses: k.uses,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
    createdBy: k.createdBy,
    createdAt: k.createdAt,
  };
}
