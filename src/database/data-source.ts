import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { POSTGRES_MIGRATIONS } from './migrations/postgres/index.js';
import { SQLITE_MIGRATIONS } from './migrations/sqlite/index.js';

/** SQLite tuned for one writer and many readers: WAL, relaxed fsync, wait instead of failing when busy. */
export const SQLITE_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'busy_timeout = 5000',
  'foreign_keys = ON',
];

/** The one definition of the data source, shared by the app (TypeOrmModule) and the migration CLI. */
export function buildDataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  if (db.type === 'sqlite') {
    if (db.file !== ':memory:') fs.mkdirSync(path.dirname(db.file), { recursive: true });
    return {
      type: 'better-sqlite3',
      database: db.file,
      entities: ENTITIES,
      migrations: SQLITE_MIGRATIONS,
      migrationsRun: false,
      synchronize: false,
      prepareDatabase: (conn: { pragma(sql: string): unknown }) => {
        for (const p of SQLITE_PRAGMAS) conn.pragma(p);
      },
    };
  }
  return {
    type: 'postgres',
    url: db.url,
    entities: ENTITIES,
    migrations: POSTGRES_MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    extra: { max: 10 },
  };
}

export function createDataSource(db: DatabaseConfig): DataSource {
  return new DataSource(buildDataSourceOptions(db));
}
