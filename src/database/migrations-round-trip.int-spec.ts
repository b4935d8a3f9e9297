import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { createDataSource } from './data-source.js';

const PG_ADMIN_URL = process.env.HIVEWATCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function undo(ds: DataSource, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await ds.undoLastMigration({ transaction: 'each' });
}

async function applied(ds: DataSource): Promise<number> {
  const rows = await ds.query<{ n: string | number }[]>('SELECT COUNT(*) AS n FROM migrations');
  return Number(rows[0]?.n);
}

/**
 * Every migration's down() undoes its up(): back to the first migration on a hub in use (a user, and
 * the default-rules marker its first start wrote), up again; then down to nothing and up again.
 */
async function roundTrip(ds: DataSource): Promise<void> {
  await ds.runMigrations({ transaction: 'each' });
  const total = ds.migrations.length;
  await ds.query(
    `INSERT INTO "users" ("id", "username", "passwordHash", "role", "disabled", "tokenGeneration", "createdAt", "updatedAt") VALUES ('00000000-0000-4000-8000-000000000001', 'admin', 'x', 'admin', false, 0, 0, 0)`,
  );
  await ds.query(
    `INSERT INTO "configs" ("key", "value", "updatedAt") VALUES ('alerts.defaultRulesSeeded', 'seeded at first start', 0)`,
  );
  await undo(ds, total - 1);
  expect(await applied(ds)).toBe(1);
  expect(await ds.runMigrations({ transaction: 'each' })).toHaveLength(total - 1);

  await undo(ds, total);
  expect(await applied(ds)).toBe(0);
  expect(await ds.runMigrations({ transaction: 'each' })).toHaveLength(total);
}

async function withDataSource(db: DatabaseConfig, run: (ds: DataSource) => Promise<void>): Promise<void> {
  const ds = await createDataSource({ ...db }).initialize();
  try {
    await run(ds);
  } finally {
    await ds.destroy();
  }
}

describe('migrations: down() then up() again', () => {
  it('SQLite', async () => {
    await withDataSource({ type: 'sqlite', file: ':memory:' }, roundTrip);
  });

  it('PostgreSQL', async () => {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    const name = `hivewatch_roundtrip_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${name}`;
      await withDataSource({ type: 'postgres', url: url.toString() }, roundTrip);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    }
  });
});
