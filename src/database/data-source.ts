import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { secureSqliteFiles } from './data-files.js';
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

/**
 * The one definition of the data source, shared by the app (TypeOrmModule) and the migration CLI.
 * A SQLite file is made private (see secureSqliteFiles) before anything opens it; `dataDir` is the
 * hub's own data folder, the only folder whose mode it changes.
 */
export function buildDataSourceOptions(db: DatabaseConfig, dataDir?: string): DataSourceOptions {
  if (db.type === 'sqlite') {
    if (db.file !== ':memory:') warnTightened(secureSqliteFiles(db.file, dataDir));
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

export function createDataSource(db: DatabaseConfig, dataDir?: string): DataSource {
  return new DataSource(buildDataSourceOptions(db, dataDir));
}

function warnTightened(paths: ReturnType<typeof secureSqliteFiles>): void {
  const logger = new Logger('DataFiles');
  for (const p of paths)
    logger.warn(p, `${p.path} was readable or writable by other users (${p.oldMode}); now ${p.newMode}`);
}
