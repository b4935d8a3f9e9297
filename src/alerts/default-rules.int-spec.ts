import { afterEach, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ConfigEntry } from '../database/config-entry.entity.js';
import { ENTITIES } from '../database/entities.js';
import { AlertAcksDefaultRules1796285409966 } from '../database/migrations/sqlite/1796285409966-AlertAcksDefaultRules.js';
import { SQLITE_MIGRATIONS } from '../database/migrations/sqlite/index.js';
import { AlertRule } from './alert-rule.entity.js';
import { DEFAULT_RULES_SEEDED_KEY, seedDefaultRules } from './default-rules.js';

const NOW = new Date(Date.UTC(2030, 0, 1));

/** A migrated in-memory SQLite database; `before` runs just before the default-rules migration. */
async function database(before?: (ds: DataSource) => Promise<void>): Promise<DataSource> {
  const ds = new DataSource({
    type: 'better-sqlite3',
    database: ':memory:',
    entities: ENTITIES,
    migrations: SQLITE_MIGRATIONS.filter((m) => m !== AlertAcksDefaultRules1796285409966),
  });
  await ds.initialize();
  await ds.runMigrations();
  await before?.(ds);
  const runner = ds.createQueryRunner();
  await new AlertAcksDefaultRules1796285409966().up(runner);
  await runner.release();
  return ds;
}

describe('default alert rules on a migrated database', () => {
  let ds: DataSource | undefined;
  afterEach(async () => {
    await ds?.destroy();
  });

  it('are created by the first seeding only, with the marker in the same transaction', async () => {
    ds = await database();
    expect(await ds.transaction((m) => seedDefaultRules(m, NOW))).toBe(true);
    expect(await ds.transaction((m) => seedDefaultRules(m, NOW))).toBe(false);
    const rules = await ds.getRepository(AlertRule).find({ order: { name: 'ASC' } });
    expect(rules.map((r) => [r.name, r.origin, r.notificationGroupId])).toEqual([
      ['Disk over 90 %', 'default', null],
      ['Memory over 95 %', 'default', null],
      ['Server offline', 'default', null],
    ]);
    expect(await ds.getRepository(ConfigEntry).findOneBy({ key: DEFAULT_RULES_SEEDED_KEY })).not.toBeNull();
  });

  it('a failed seeding leaves neither rules nor the marker behind', async () => {
    ds = await database();
    await expect(
      ds.transaction(async (m) => {
        await seedDefaultRules(m, NOW);
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await ds.getRepository(AlertRule).count()).toBe(0);
    expect(await ds.transaction((m) => seedDefaultRules(m, NOW))).toBe(true);
  });

  it('a hub that had users before the upgrade is not on its first start: it gets no defaults', async () => {
    ds = await database((d) =>
      d.query(
        `INSERT INTO "users" ("id", "username", "passwordHash", "role", "disabled", "createdAt", "updatedAt") VALUES ('u1', 'admin', NULL, 'admin', 0, 0, 0)`,
      ),
    );
    expect(await ds.transaction((m) => seedDefaultRules(m, NOW))).toBe(false);
    expect(await ds.getRepository(AlertRule).count()).toBe(0);
  });
});
