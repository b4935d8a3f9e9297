import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_VERSION } from '../version.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  database: { status: 'ok' | 'error'; type: string; error?: string };
}

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(private readonly dataSource: DataSource) {}

  async report(): Promise<HealthReport> {
    const database: HealthReport['database'] = { status: 'ok', type: this.dataSource.options.type };
    try {
      await this.dataSource.query('SELECT 1');
    } catch (err) {
      database.status = 'error';
      database.error = err instanceof Error ? err.message : String(err);
    }
    return {
      status: database.status === 'ok' ? 'ok' : 'degraded',
      version: HUB_VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      database,
    };
  }
}
