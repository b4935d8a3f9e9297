import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';
import { envSchema } from './config.schema.js';

describe('loadConfig', () => {
  it('applies defaults: SQLite in ./data, port 8080, 24 h sessions', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ type: 'sqlite', file: path.resolve('data/hivewatch.db') });
    expect(config.sessionTtlMs).toBe(24 * 3_600_000);
    expect(config.loginLimit).toEqual({ maxFailures: 5, windowMs: 900_000 });
    expect(config.log.format).toBe('pretty');
  });

  it('lists every bad key at once', () => {
    let error: unknown;
    try {
      loadConfig({ HIVEWATCH_PORT: 'eighty', DATABASE_URL: 'mysql://x', HIVEWATCH_ADMIN_PASSWORD: 'short' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('HIVEWATCH_PORT');
    expect(problems).toContain('DATABASE_URL');
    expect(problems).toContain('HIVEWATCH_ADMIN_PASSWORD');
  });

  it('selects PostgreSQL from DATABASE_URL and JSON logs in production', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', NODE_ENV: 'production' });
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://u@127.0.0.1/db' });
    expect(config.log.format).toBe('json');
  });

  it('treats empty values as unset, as an .env file copied from .env.example has them', () => {
    expect(loadConfig({ HIVEWATCH_PUBLIC_URL: '', DATABASE_URL: '' }).publicUrl).toBeUndefined();
  });

  it('is documented key for key in .env.example and the README', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const key of Object.keys(envSchema.shape)) {
      expect({ key, inExample: example.includes(`${key}=`) }).toEqual({ key, inExample: true });
      expect({ key, inReadme: readme.includes(`\`${key}\``) }).toEqual({ key, inReadme: true });
    }
  });
});
