/* eslint-disable no-console -- a CLI entry point */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { loadConfig, type DatabaseConfig } from '../config/app-config.js';
import { createDataSource } from './data-source.js';

/**
 * Migration commands for both dialects, run from the compiled tree:
 *   run                         apply pending migrations to DATABASE_URL (default: the SQLite file)
 *   generate <Name> [--all]     write a migration for the entity changes (--all: SQLite and PostgreSQL)
 *   check [--all]               exit 1 if the entities differ from a freshly migrated database
 * For PostgreSQL, generate/check use a throw-away database created on HIVEWATCH_PG_ADMIN_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig(process.env);
  const all = args.includes('--all');
  const name = args.find((a) => !a.startsWith('--'));
  switch (command) {
    case 'run': {
      const ds = await createDataSource(config.database, config.dataDir).initialize();
      const applied = await ds.runMigrations({ transaction: 'each' });
      console.log(`applied ${applied.length} migration(s) to ${config.database.type}`);
      await ds.destroy();
      return;
    }
    case 'generate': {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
        throw new Error('usage: generate <PascalCaseName> [--all]');
      const stamp = Date.now();
      await withFreshDatabase('sqlite', config.pgAdminUrl, (ds) => writeMigration(ds, 'sqlite', name, stamp));
      if (all)
        await withFreshDatabase('postgres', config.pgAdminUrl, (ds) =>
          writeMigration(ds, 'postgres', name, stamp),
        );
      return;
    }
    case 'check': {
      let drift = false;
      for (const dialect of all ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
        await withFreshDatabase(dialect, config.pgAdminUrl, async (ds) => {
          const sql = await ds.driver.createSchemaBuilder().log();
          if (sql.upQueries.length > 0) {
            drift = true;
            console.error(
              `${dialect}: entities and migrations differ; run npm run migration:generate. Pending SQL:`,
            );
            for (const q of sql.upQueries) console.error(`  ${q.query}`);
          } else console.log(`${dialect}: migrations match the entities`);
        });
      }
      if (drift) process.exitCode = 1;
      return;
    }
    default:
      throw new Error('usage: migration-cli run | generate <Name> [--all] | check [--all]');
  }
}

async function withFreshDatabase(
  dialect: 'sqlite' | 'postgres',
  pgAdminUrl: string,
  fn: (ds: DataSource) => Promise<void>,
): Promise<void> {
  let db: DatabaseConfig;
  let cleanup = async (): Promise<void> => {};
  if (dialect === 'sqlite') {
    db = { type: 'sqlite', file: ':memory:' };
  } else {
    const pg = await import('pg');
    const admin = new pg.default.Client({ connectionString: pgAdminUrl });
    await admin.connect();
    const dbName = `hivewatch_migrate_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(pgAdminUrl);
    url.pathname = `/${dbName}`;
    db = { type: 'postgres', url: url.toString() };
    cleanup = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.end();
    };
  }
  const ds = createDataSource(db);
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'all' });
    await fn(ds);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await cleanup();
  }
}

async function writeMigration(ds: DataSource, dialect: 'sqlite' | 'postgres', name: string, stamp: number) {
  const sql = await ds.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) {
    console.log(`${dialect}: no changes`);
    return;
  }
  const className = `${name}${stamp}`;
  const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  const up = sql.upQueries.map((q) => `    await queryRunner.query(\`${esc(q.query)}\`);`).join('\n');
  const down = [...sql.downQueries]
    .reverse()
    .map((q) => `    await queryRunner.query(\`${esc(q.query)}\`);`)
    .join('\n');
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`;
  const dir = path.join(repoRoot, 'src/database/migrations', dialect);
  fs.writeFileSync(path.join(dir, `${stamp}-${name}.ts`), body);
  writeIndex(dir, dialect);
  console.log(`${dialect}: wrote src/database/migrations/${dialect}/${stamp}-${name}.ts`);
}

function writeIndex(dir: string, dialect: 'sqlite' | 'postgres'): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
    .sort();
  const classes = files.map((f) => {
    const [stamp, name] = f.replace(/\.ts$/, '').split('-');
    return { file: f.replace(/\.ts$/, '.js'), cls: `${name}${stamp}` };
  });
  const constName = dialect === 'sqlite' ? 'SQLITE_MIGRATIONS' : 'POSTGRES_MIGRATIONS';
  const text =
    `// Generated by \`npm run migration:generate -- <Name>\`: the migrations of this dialect, oldest first.\n` +
    classes.map((c) => `import { ${c.cls} } from './${c.file}';\n`).join('') +
    `\nexport const ${constName} = [${classes.map((c) => c.cls).join(', ')}];\n`;
  fs.writeFileSync(path.join(dir, 'index.ts'), text);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
