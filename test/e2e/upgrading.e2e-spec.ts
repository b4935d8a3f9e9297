import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import Database from 'better-sqlite3';
import request from 'supertest';
import { expectBlocks } from '../support/doc-blocks.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { ensureBuiltHub, freePort, HUB_PROCESS_ADMIN } from '../support/hub-process.js';

jest.setTimeout(300_000);

const root = path.resolve('.');
const DOC = 'docs/upgrading.md';
const PG_ADMIN = process.env.HIVEWATCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MIGRATIONS = (dialect: string) =>
  fs.readdirSync(path.join(root, 'src/database/migrations', dialect)).filter((f) => /^\d+-\w+\.ts$/.test(f))
    .length;

/**
 * The doc's "npm ci && npm run build" line is the one line the test does not run: it would reinstall
 * this tree's node_modules. CI runs exactly these two commands on every clean clone (.ci/run), and the
 * temporary hub folder uses that build (dist/ and node_modules/ linked in).
 */
const BUILD_LINE = 'npm ci && npm run build';
function withoutBuildLine(block: string): string {
  const lines = block.split('\n');
  if (!lines.includes(BUILD_LINE)) throw new Error(`${DOC}: a block no longer has "${BUILD_LINE}"`);
  const ci = fs.readFileSync(path.join(root, '.ci/run'), 'utf8');
  if (!/^npm ci\b/m.test(ci) || !/^npm run build$/m.test(ci))
    throw new Error('.ci/run no longer runs npm ci / build');
  return lines.filter((l) => l !== BUILD_LINE).join('\n');
}

/** The doc's blocks by step, checked against the shape this test was written for. */
function documented() {
  const [note = '', sqliteBackup = '', pgBackup = ''] = expectBlocks(DOC, 'sh', '1. Back up', 3);
  const [update = ''] = expectBlocks(DOC, 'sh', '2. Update and build', 1);
  const [start = '', migrate = ''] = expectBlocks(DOC, 'sh', '3. Start', 2);
  const [rollback = '', sqliteRestore = '', pgRestore = '', restart = ''] = expectBlocks(
    DOC,
    'sh',
    'Rolling back',
    4,
  );
  return {
    note,
    sqliteBackup,
    pgBackup,
    update,
    start,
    migrate,
    rollback,
    sqliteRestore,
    pgRestore,
    restart,
  };
}

/**
 * A stand-in for `systemctl` first on PATH: the test machines run no systemd (stack.md). It behaves
 * like `systemctl start|stop` of a Type=simple unit `hivewatch` with WorkingDirectory=<hub folder> and
 * EnvironmentFile=<unit>/env: start spawns the hub (`node dist/src/main.js`, as the unit's ExecStart)
 * and returns, stop sends SIGTERM to that PID — the one process it started — and waits for its exit;
 * stopping a stopped unit succeeds silently, as systemctl does.
 */
const SYSTEMCTL = `#!/usr/bin/env bash
set -eu
if [ "$#" -ne 2 ] || [ "$2" != hivewatch ]; then echo "systemctl stand-in: start|stop hivewatch only" >&2; exit 2; fi
unit="$HW_TEST_UNIT"
running() { [ -f "$unit/pid" ] && kill -0 "$(cat "$unit/pid")" 2>/dev/null; }
case "$1" in
  start)
    running && exit 0
    cd "$HW_TEST_HUB_FOLDER"
    # shellcheck disable=SC2046
    env -i PATH="$PATH" $(cat "$unit/env") "$HW_TEST_NODE" dist/src/main.js >>"$unit/hub.log" 2>&1 </dev/null &
    echo $! >"$unit/pid" ;;
  stop)
    if running; then
      pid=$(cat "$unit/pid"); kill -TERM "$pid"
      for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$unit/pid" ;;
  *) echo "systemctl stand-in: start|stop hivewatch only" >&2; exit 2 ;;
esac
`;

interface Setup {
  dir: string;
  hubFolder: string;
  unit: string;
  port: number;
  url: string;
  /** Runs shell text in one bash in the hub folder, as a user's terminal; throws with its output on failure. */
  sh(script: string): string;
  oldCommit: string;
  newCommit: string;
  stop(): void;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
}

/**
 * A temporary release repository with an "old" and a "new" commit, the hub folder cloned from it at
 * the old one with this tree's build linked in, a unit env file, and the systemctl stand-in.
 */
async function setUp(unitEnv: Record<string, string>, shellEnv: Record<string, string>): Promise<Setup> {
  ensureBuiltHub();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-upgrade-'));
  const origin = path.join(dir, 'origin');
  fs.mkdirSync(origin);
  git(origin, 'init', '-q', '-b', 'main');
  fs.copyFileSync(path.join(root, 'package.json'), path.join(origin, 'package.json'));
  fs.writeFileSync(path.join(origin, '.gitignore'), 'dist\nnode_modules\ndata*\n*.dump\n');
  git(origin, 'add', '.');
  git(origin, 'commit', '-q', '-m', 'old release');
  const oldCommit = git(origin, 'rev-parse', 'HEAD');
  const hubFolder = path.join(dir, 'hub');
  git(dir, 'clone', '-q', origin, hubFolder);
  fs.writeFileSync(path.join(origin, 'RELEASE'), 'new\n');
  git(origin, 'add', '.');
  git(origin, 'commit', '-q', '-m', 'new release');
  const newCommit = git(origin, 'rev-parse', 'HEAD');
  for (const link of ['dist', 'node_modules'])
    fs.symlinkSync(path.join(root, link), path.join(hubFolder, link));

  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'systemctl'), SYSTEMCTL, { mode: 0o755 });
  const unit = path.join(dir, 'unit');
  fs.mkdirSync(unit);
  const port = await freePort();
  const env = {
    NODE_ENV: 'production',
    HIVEWATCH_HOST: '127.0.0.1',
    HIVEWATCH_PORT: String(port),
    HIVEWATCH_LOG_LEVEL: 'info',
    HIVEWATCH_ADMIN_USERNAME: HUB_PROCESS_ADMIN.username,
    HIVEWATCH_ADMIN_PASSWORD: HUB_PROCESS_ADMIN.password,
    ...unitEnv,
  };
  fs.writeFileSync(
    path.join(unit, 'env'),
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  const shellVars = {
    PATH: `${bin}:${path.dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: dir,
    HW_TEST_UNIT: unit,
    HW_TEST_HUB_FOLDER: hubFolder,
    HW_TEST_NODE: process.execPath,
    ...shellEnv,
  };
  const sh = (script: string): string => {
    // The doc's port is the default one; this hub listens on a free port.
    const text = script.replaceAll('127.0.0.1:8080', `127.0.0.1:${port}`);
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', text], {
      cwd: hubFolder,
      env: shellVars,
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      const log = fs.existsSync(path.join(unit, 'hub.log'))
        ? fs.readFileSync(path.join(unit, 'hub.log'), 'utf8')
        : '';
      throw new Error(
        `exit ${run.status}:\n${text}\n${run.stdout}${run.stderr}\nhub log:\n${log.slice(-4000)}`,
      );
    }
    return run.stdout;
  };
  return {
    dir,
    hubFolder,
    unit,
    port,
    url: `http://127.0.0.1:${port}`,
    sh,
    oldCommit,
    newCommit,
    stop() {
      const pidFile = path.join(unit, 'pid');
      if (fs.existsSync(pidFile))
        spawnSync('bash', [path.join(bin, 'systemctl'), 'stop', 'hivewatch'], { env: shellVars });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Puts the database back one migration, as the old release left it: the upgrade then has one pending. */
function undoLastMigration(env: Record<string, string>): void {
  const script = [
    "import { loadConfig } from './dist/src/config/app-config.js';",
    "import { createDataSource } from './dist/src/database/data-source.js';",
    'const c = loadConfig(process.env);',
    'const ds = await createDataSource(c.database, c.dataDir).initialize();',
    "await ds.undoLastMigration({ transaction: 'each' });",
    'await ds.destroy();',
  ].join('\n');
  execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'pipe',
  });
}

async function login(url: string): Promise<string> {
  const res = await request(url).post('/api/v1/auth/login').send(HUB_PROCESS_ADMIN).expect(200);
  const cookie = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('hw_session='));
  return cookie!.split(';')[0]!;
}

async function serverNames(url: string): Promise<string[]> {
  const cookie = await login(url);
  const res = await request(url).get('/api/v1/servers').set('Cookie', cookie).expect(200);
  return (res.body as { items: { name: string }[] }).items.map((s) => s.name).sort();
}

async function healthy(s: Setup): Promise<void> {
  await eventually(
    async () => (await fetch(`${s.url}/api/v1/health`).catch(() => null))?.ok,
    30_000,
    100,
  ).catch(() => {
    throw new Error(
      `the hub did not answer:\n${fs.readFileSync(path.join(s.unit, 'hub.log'), 'utf8').slice(-4000)}`,
    );
  });
}

describe('docs/upgrading.md, run as written', () => {
  let setup: Setup | undefined;
  let dropDb: (() => void) | undefined;
  afterEach(() => {
    setup?.stop();
    dropDb?.();
    setup = undefined;
    dropDb = undefined;
  });

  it('SQLite: backs up, upgrades (the hub applies the pending migration), rolls back to the backup', async () => {
    const doc = documented();
    const dataDir = path.join(os.tmpdir(), `hivewatch-upgrade-data-${process.pid}-${Date.now()}`);
    setup = await setUp({ HIVEWATCH_DATA_DIR: dataDir }, { HIVEWATCH_DATA_DIR: dataDir });
    const s = setup;
    const dataDirs = () =>
      fs.readdirSync(path.dirname(dataDir)).filter((f) => f.startsWith(path.basename(dataDir)));
    try {
      s.sh('systemctl start hivewatch');
      await healthy(s);
      await createServer(s.url, await login(s.url), 'before-backup');
      s.sh('systemctl stop hivewatch');
      undoLastMigration({ HIVEWATCH_DATA_DIR: dataDir });
      const applied = () => {
        const db = new Database(path.join(dataDir, 'hivewatch.db'), { readonly: true });
        try {
          return (db.prepare('SELECT COUNT(*) AS n FROM migrations').get() as { n: number }).n;
        } finally {
          db.close();
        }
      };
      expect(applied()).toBe(MIGRATIONS('sqlite') - 1);
      // The old release's database, its hub stopped (stopping a stopped unit is a no-op), and
      // the doc's steps, in one shell as a user types them: note, back up, update, start.
      const session = [doc.note, doc.sqliteBackup, withoutBuildLine(doc.update), doc.start].join('\n');
      const out = s.sh(`${session}\necho "OLD=$OLD"`);
      expect(out).toContain(`OLD=${s.oldCommit}`);
      expect(git(s.hubFolder, 'rev-parse', 'HEAD')).toBe(s.newCommit);
      expect(out).toMatch(/"status":"ok"/); // the health check's answer
      expect(fs.existsSync(`${dataDir}.backup-${s.oldCommit}/hivewatch.db`)).toBe(true);
      expect(applied()).toBe(MIGRATIONS('sqlite'));
      expect(fs.readFileSync(path.join(s.unit, 'hub.log'), 'utf8')).not.toMatch(/migration.*(error|failed)/i);
      await createServer(s.url, await login(s.url), 'after-upgrade');
      expect(await serverNames(s.url)).toEqual(['after-upgrade', 'before-backup']);

      // Roll back, in the same shell session (OLD is still set).
      // Roll back ("elsewhere, set OLD to the commit you noted"), then start.
      s.sh([`OLD=${s.oldCommit}`, withoutBuildLine(doc.rollback), doc.sqliteRestore].join('\n'));
      expect(git(s.hubFolder, 'rev-parse', 'HEAD')).toBe(s.oldCommit);
      expect(applied()).toBe(MIGRATIONS('sqlite') - 1);
      s.sh(doc.restart);
      await healthy(s);
      expect(await serverNames(s.url)).toEqual(['before-backup']);
    } finally {
      s.stop();
      for (const d of dataDirs())
        fs.rmSync(path.join(path.dirname(dataDir), d), { recursive: true, force: true });
    }
  });

  it('PostgreSQL: pg_dump, migration:run, start, then pg_restore brings back the data of the backup', async () => {
    const doc = documented();
    const dbName = `hivewatch_upgrade_${process.pid}_${Date.now()}`;
    const psql = (url: string, sql: string) =>
      execFileSync('psql', ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], {
        encoding: 'utf8',
      }).trim();
    psql(PG_ADMIN, `CREATE DATABASE ${dbName}`);
    dropDb = () => psql(PG_ADMIN, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    const dbUrl = PG_ADMIN.replace(/\/[^/]*$/, `/${dbName}`);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-upgrade-pgdata-'));
    try {
      // Migrations are applied by hand here (HIVEWATCH_MIGRATIONS_RUN=false): the doc's migration:run.
      const db = { DATABASE_URL: dbUrl, HIVEWATCH_DATA_DIR: dataDir };
      setup = await setUp({ ...db, HIVEWATCH_MIGRATIONS_RUN: 'false' }, db);
      const s = setup;
      execFileSync('npm', ['run', '--silent', 'migration:run'], {
        cwd: root,
        env: { ...process.env, ...db },
      });
      s.sh('systemctl start hivewatch');
      await healthy(s);
      await createServer(s.url, await login(s.url), 'before-backup');
      s.sh('systemctl stop hivewatch');
      undoLastMigration(db);
      const applied = () => Number(psql(dbUrl, 'SELECT COUNT(*) FROM migrations'));
      expect(applied()).toBe(MIGRATIONS('postgres') - 1);
      // The old release's database with its hub stopped (this build cannot run on the old schema):
      // pg_dump works the same on a running one, and stopping a stopped unit is a no-op.

      const session = [doc.note, doc.pgBackup, withoutBuildLine(doc.update), doc.migrate, doc.start].join(
        '\n',
      );
      const out = s.sh(session);
      expect(out).toMatch(/applied 1 migration\(s\) to postgres/);
      expect(fs.existsSync(path.join(s.hubFolder, `hivewatch-${s.oldCommit}.dump`))).toBe(true);
      expect(git(s.hubFolder, 'rev-parse', 'HEAD')).toBe(s.newCommit);
      expect(applied()).toBe(MIGRATIONS('postgres'));
      await createServer(s.url, await login(s.url), 'after-upgrade');
      expect(await serverNames(s.url)).toEqual(['after-upgrade', 'before-backup']);

      s.sh([`OLD=${s.oldCommit}`, withoutBuildLine(doc.rollback), doc.pgRestore].join('\n'));
      expect(git(s.hubFolder, 'rev-parse', 'HEAD')).toBe(s.oldCommit);
      expect(applied()).toBe(MIGRATIONS('postgres') - 1);
      expect(psql(dbUrl, 'SELECT name FROM servers ORDER BY name')).toBe('before-backup');
      // This build stands in for the old release, which would run the restored schema as it is; this
      // build needs its newest migration, so its unit applies migrations at start from here on.
      fs.appendFileSync(path.join(s.unit, 'env'), '\nHIVEWATCH_MIGRATIONS_RUN=true');
      s.sh(doc.restart);
      await healthy(s);
      expect(await serverNames(s.url)).toEqual(['before-backup']);
    } finally {
      setup?.stop();
      setup = undefined;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
