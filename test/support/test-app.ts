import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app.factory.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';

export const TEST_ADMIN = { username: 'admin', password: 'test-admin-password-0001' };

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** Base URL of the listening hub, e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A real hub on a fresh, migrated SQLite file in a temporary folder, listening on a free
 * 127.0.0.1 port. `env` overrides any configuration key.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    HIVEWATCH_HOST: '127.0.0.1',
    HIVEWATCH_PORT: '0',
    HIVEWATCH_DATA_DIR: dataDir,
    HIVEWATCH_LOG_LEVEL: process.env.HIVEWATCH_TEST_LOG_LEVEL ?? 'silent',
    HIVEWATCH_LOG_FORMAT: 'json',
    HIVEWATCH_ADMIN_USERNAME: TEST_ADMIN.username,
    HIVEWATCH_ADMIN_PASSWORD: TEST_ADMIN.password,
    ...env,
  });
  const app = await createApp(config);
  // a free port, unless the test chose one (HIVEWATCH_PORT: SSO needs HIVEWATCH_PUBLIC_URL before listen)
  await app.listen(config.port, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  let closed = false;
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    dataDir,
    async close() {
      if (!closed) await app.close().catch(() => undefined);
      closed = true;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
