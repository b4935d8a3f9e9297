import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../../src/app.factory.js';
import { loadConfig } from '../../../src/config/app-config.js';
import { TEST_ADMIN } from '../test-app.js';

/**
 * A hub that can be stopped and started again on the same data folder and port, so that the same
 * agent process reconnects to "the hub after a restart" (startTestApp deletes its folder on close).
 */
export class RestartableHub {
  app: NestExpressApplication | undefined;
  port = 0;
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-agents-'));

  constructor(private readonly env: Record<string, string> = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/api/v1/agents/ws`;
  }

  async start(): Promise<this> {
    const config = loadConfig({
      NODE_ENV: 'test',
      HIVEWATCH_HOST: '127.0.0.1',
      HIVEWATCH_PORT: String(this.port),
      HIVEWATCH_DATA_DIR: this.dataDir,
      HIVEWATCH_LOG_LEVEL: process.env.HIVEWATCH_TEST_LOG_LEVEL ?? 'silent',
      HIVEWATCH_LOG_FORMAT: 'json',
      HIVEWATCH_ADMIN_USERNAME: TEST_ADMIN.username,
      HIVEWATCH_ADMIN_PASSWORD: TEST_ADMIN.password,
      ...this.env,
    });
    this.app = await createApp(config);
    await this.app.listen(this.port, '127.0.0.1');
    this.port = (this.app.getHttpServer().address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    await app?.close().catch(() => undefined);
  }

  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  get<T>(token: abstract new (...args: never[]) => T): T {
    if (!this.app) throw new Error('hub is not running');
    return this.app.get<T>(token);
  }
}
