import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import { EntityNotFoundError } from '../common/errors/domain-errors.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import {
  CHANNEL_SCHEMAS,
  type ChannelType,
  type ChannelView,
  type CreateChannelInput,
  type UpdateChannelInput,
} from './dto/channel.dto.js';
import { NotificationChannel } from './notification-channel.entity.js';
import { NotificationGroup } from './notification-group.entity.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { mergeSecrets } from './secret-merge.js';
import type { ResolvedChannel } from './senders/channel-sender.js';

export function toChannelView(c: NotificationChannel): ChannelView {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    enabled: c.enabled,
    settings: c.settings,
    secretsSet: c.secretNames,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** Which secrets are set, by name (webhook headers as `headers.<name>`): never their values. */
function secretNamesOf(type: ChannelType, secrets: Record<string, unknown>): string[] {
  if (type === 'webhook')
    return Object.keys((secrets['headers'] as Record<string, string>) ?? {}).map((h) => `headers.${h}`);
  return Object.entries(secrets)
    .filter(([, v]) => typeof v === 'string' && v !== '')
    .map(([k]) => k);
}

function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new BadRequestException(
      `${what}: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  return result.data;
}

/** Notification channels: secrets are sealed on write and only opened to send. */
@Injectable()
export class ChannelsService {
  private readonly logger = new Logger(ChannelsService.name);

  constructor(
    @InjectRepository(NotificationChannel) private readonly repo: Repository<NotificationChannel>,
    private readonly box: SecretBox,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ChannelView[]> {
    const rows = await this.repo.find({ order: { name: 'ASC' } });
    return rows.map(toChannelView);
  }

  async get(id: string): Promise<ChannelView> {
    return toChannelView(await this.find(id));
  }

  async create(input: CreateChannelInput, ctx: ActorContext): Promise<ChannelView> {
    const now = new Date();
    const secrets = input.secrets as Record<string, unknown>;
    const row: NotificationChannel = {
      id: randomUUID(),
      name: input.name,
      type: input.type,
      enabled: input.enabled,
      settings: input.settings,
      sealedSecrets: await this.box.seal(secrets),
      secretNames: secretNamesOf(input.type, secrets),
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.insert(row);
    await this.audit.record({
      ...ctx,
      action: 'notification-channel.create',
      target: { type: 'notification-channel', id: row.id },
      detail: { name: row.name, type: row.type, secretsSet: row.secretNames },
    });
    this.logger.log({ channelId: row.id, type: row.type }, 'notification channel created');
    return toChannelView(row);
  }

  async update(id: string, input: UpdateChannelInput, ctx: ActorContext): Promise<ChannelView> {
    const row = await this.find(id);
    const schemas = CHANNEL_SCHEMAS[row.type];
    if (input.settings !== undefined)
      row.settings = parseOr400(schemas.settings as z.ZodType, input.settings, 'settings') as never;
    if (input.secrets !== undefined) {
      const merged = mergeSecrets(row.type, await this.box.open(row.sealedSecrets), input.secrets);
      const secrets = parseOr400(schemas.secrets as z.ZodType, merged, 'secrets') as Record<string, unknown>;
      row.sealedSecrets = await this.box.seal(secrets);
      row.secretNames = secretNamesOf(row.type, secrets);
    }
    if (input.name !== undefined) row.name = input.name;
    if (input.enabled !== undefined) row.enabled = input.enabled;
    row.updatedAt = new Date();
    await this.repo.update(
      { id },
      {
        name: row.name,
        enabled: row.enabled,
        settings: row.settings,
        sealedSecrets: row.sealedSecrets,
        secretNames: row.secretNames,
        updatedAt: row.updatedAt,
      },
    );
    await this.audit.record({
      ...ctx,
      action: 'notification-channel.update',
      target: { type: 'notification-channel', id },
      detail: { fields: Object.keys(input), secretsChanged: input.secrets ? Object.keys(input.secrets) : [] },
    });
    return toChannelView(row);
  }

  async remove(id: string, ctx: ActorContext): Promise<void> {
    const row = await this.find(id);
    await this.tx.run(async (m) => {
      await m.delete(NotificationChannel, { id });
      for (const group of await m.find(NotificationGroup)) {
        if (!group.channelIds.includes(id)) continue;
        await m.update(
          NotificationGroup,
          { id: group.id },
          { channelIds: group.channelIds.filter((c) => c !== id) },
        );
      }
    });
    await this.audit.record({
      ...ctx,
      action: 'notification-channel.delete',
      target: { type: 'notification-channel', id },
      detail: { name: row.name, type: row.type },
    });
  }

  /** The channel with its secrets opened, for one send; null when it no longer exists. */
  async resolve(id: string): Promise<(ResolvedChannel & { enabled: boolean }) | null> {
    const row = await this.repo.findOneBy({ id });
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      type: row.type,
      enabled: row.enabled,
      settings: row.settings,
      secrets: await this.box.open(row.sealedSecrets),
    };
  }

  private async find(id: string): Promise<NotificationChannel> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new EntityNotFoundError('notification channel', id);
    return row;
  }
}
