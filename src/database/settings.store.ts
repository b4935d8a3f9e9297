import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ConfigEntry } from './config-entry.entity.js';

/** Hub-wide key/value settings kept in the database (shared by every hub instance). */
@Injectable()
export class SettingsStore {
  constructor(@InjectRepository(ConfigEntry) private readonly repo: Repository<ConfigEntry>) {}

  async get(key: string): Promise<string | null> {
    const row = await this.repo.findOneBy({ key });
    return row?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.repo.upsert({ key, value, updatedAt: new Date() }, ['key']);
  }

  /** Returns the stored value, or stores `create()`'s result if none exists yet (first writer wins). */
  async getOrCreate(key: string, create: () => string): Promise<string> {
    const existing = await this.get(key);
    if (existing !== null) return existing;
    await this.repo
      .createQueryBuilder()
      .insert()
      .into(ConfigEntry)
      .values({ key, value: create(), updatedAt: new Date() })
      .orIgnore()
      .execute();
    return (await this.get(key))!;
  }
}
