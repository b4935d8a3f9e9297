/* eslint-disable no-console -- a CLI entry point */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import type { DataSource } from 'typeorm';
import { AuditLog } from './audit/audit-log.entity.js';
import { AuditService } from './audit/audit.service.js';
import { Session } from './auth/session.entity.js';
import { hashPassword, randomSecret } from './common/crypto/secrets.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { PRIVATE_UMASK } from './database/data-files.js';
import { createDataSource } from './database/data-source.js';
import { initialCredentialsPath, readOwner } from './users/initial-credentials-file.js';
import { User } from './users/user.entity.js';

const USAGE = `usage: node dist/src/admin-cli.js reset-password <username>
  (or: npm run hub -- reset-password <username>)

Run on the hub's host with the hub's settings (HIVEWATCH_DATA_DIR, DATABASE_URL): works while the
hub runs. Gives the account a new random password, printed once, ends its sessions and access
tokens, and writes an audit entry.`;

/** Operator commands that work on the hub's database directly, for when nobody can sign in. */
async function main(argv: string[]): Promise<number> {
  const [command, username, ...rest] = argv;
  if (command !== 'reset-password' || !username || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  process.umask(PRIVATE_UMASK);
  const config = loadConfig(process.env);
  if (config.database.type === 'sqlite' && !fs.existsSync(config.database.file)) {
    console.error(
      `No hub database at ${config.database.file}: set HIVEWATCH_DATA_DIR (or DATABASE_URL) as the hub has it.`,
    );
    return 1;
  }
  const ds = await createDataSource(config.database, config.dataDir).initialize();
  try {
    // looked at before showMigrations, which would create its table in a database that is not the hub's
    if (!(await hasTable(ds, 'users'))) {
      console.error(`No Hivewatch data in this ${config.database.type} database: is it the hub's?`);
      return 1;
    }
    if (await ds.showMigrations()) {
      console.error('The database is not migrated yet: start the hub once, then run this again.');
      return 1;
    }
    const result = await resetPassword(ds, username);
    if (!result) {
      console.error(`No user named "${username}" in the ${config.database.type} database of this hub.`);
      return 1;
    }
    discardInitialPassword(config.dataDir, result.username);
    console.log(
      [
        `New password for "${result.username}" (shown only once; sign in and change it):`,
        `  ${result.password}`,
        `Its ${result.sessionsRevoked} session(s) and all its access tokens were ended.`,
        ...(result.disabled ? ['Note: this account is disabled; an admin must enable it.'] : []),
      ].join('\n'),
    );
    return 0;
  } finally {
    await ds.destroy();
  }
}

interface ResetResult {
  username: string;
  password: string;
  sessionsRevoked: number;
  disabled: boolean;
}

/** The same effects as an admin's password reset in the console (UsersService.update). */
async function resetPassword(ds: DataSource, username: string): Promise<ResetResult | null> {
  const password = randomSecret(18);
  const passwordHash = await hashPassword(password);
  const found = await ds.transaction(async (em) => {
    const user = await em.findOneBy(User, { username });
    if (!user) return null;
    await em
      .createQueryBuilder()
      .update(User)
      .set({ passwordHash, updatedAt: new Date(), tokenGeneration: () => '"tokenGeneration" + 1' })
      .where('id = :id', { id: user.id })
      .execute();
    const deleted = await em.delete(Session, { userId: user.id });
    return { user, sessionsRevoked: deleted.affected ?? 0 };
  });
  if (!found) return null;
  const { user, sessionsRevoked } = found;
  const operator = safeOsUser();
  await new AuditService(ds.getRepository(AuditLog)).record({
    actor: { via: 'system', name: `hub-cli${operator ? ` (${operator})` : ''}` },
    action: 'user.password.reset',
    target: { type: 'user', id: user.id },
    detail: { username: user.username, via: 'hub-cli', sessionsRevoked, sessionsAndTokensEnded: true },
  });
  return { username: user.username, password, sessionsRevoked, disabled: user.disabled };
}

async function hasTable(ds: DataSource, table: string): Promise<boolean> {
  const runner = ds.createQueryRunner();
  try {
    return await runner.hasTable(table);
  } finally {
    await runner.release();
  }
}

function discardInitialPassword(dataDir: string, username: string): void {
  const file = initialCredentialsPath(dataDir);
  if (readOwner(file)?.toLowerCase() === username.toLowerCase()) fs.rmSync(file, { force: true });
}

function safeOsUser(): string | null {
  try {
    return os.userInfo().username;
  } catch {
    return null;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `reset failed: ${String(err)}`);
    process.exitCode = 1;
  },
);
