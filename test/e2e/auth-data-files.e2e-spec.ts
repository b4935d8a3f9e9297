import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { API_METRICS_WS_PATH_PREFIX, CloseCode } from '@hivewatch/protocol';
import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import request from 'supertest';
import { HUB_PROCESS_ADMIN, startHubProcess, type HubProcess } from '../support/hub-process.js';
import { openWs, wsUrl } from '../support/ws-client.js';

jest.setTimeout(120_000);

const DB = 'hivewatch.db';
const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8).padStart(4, '0');
/** Every entry of the folder with its mode, e.g. { 'hivewatch.db': '0600' }. */
const modes = (dir: string) =>
  Object.fromEntries(fs.readdirSync(dir).map((f) => [f, mode(path.join(dir, f))]));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function signInAt(url: string, username: string, password: string): Promise<string> {
  const res = await request(url).post('/api/v1/auth/login').send({ username, password }).expect(200);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((c) => c.startsWith('hw_session='))!.split(';')[0]!;
}

/**
 * The SQLite file holds the access-token signing key: the built hub (dist/src/main.js, as `npm start`
 * runs it) keeps its data folder and files private to its user, narrows what an older version left
 * readable, and refuses tokens that only someone holding the key could mint (lifetime above the
 * configured maximum, issued in the future).
 */
describe('data folder permissions and tokens signed with a stolen key', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-perm-'));
  let hub: HubProcess | undefined;

  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  describe('a fresh start', () => {
    const dataDir = path.join(root, 'fresh', 'data');
    let cookie: string;

    beforeAll(async () => {
      hub = await startHubProcess({ HIVEWATCH_DATA_DIR: dataDir, HIVEWATCH_ACCESS_TOKEN_TTL_SECONDS: '900' });
      cookie = await signInAt(hub.url, HUB_PROCESS_ADMIN.username, HUB_PROCESS_ADMIN.password);
    });
    afterAll(async () => {
      await hub?.stop();
      hub = undefined;
    });

    it('creates the data folder 0700 and the database with its -wal and -shm 0600, also after writes', async () => {
      expect(mode(dataDir)).toBe('0700');
      // hub-id: this hub process's id (terminal sessions record which hub relays them).
      expect(modes(dataDir)).toEqual({
        [DB]: '0600',
        [`${DB}-wal`]: '0600',
        [`${DB}-shm`]: '0600',
        'hub-id': '0600',
      });
      await request(hub!.url)
        .post('/api/v1/users')
        .set('Cookie', cookie)
        .send({ username: 'writer', password: 'writer-password-1', role: 'user' })
        .expect(201);
      await request(hub!.url).post('/api/v1/auth/token').set('Cookie', cookie).expect(201);
      expect(fs.statSync(path.join(dataDir, `${DB}-wal`)).size).toBeGreaterThan(0);
      expect(mode(dataDir)).toBe('0700');
      expect(Object.values(modes(dataDir))).toEqual(expect.arrayContaining(['0600']));
      for (const [file, m] of Object.entries(modes(dataDir)))
        expect({ file, mode: m }).toEqual({ file, mode: '0600' });
    });

    it('refuses tokens signed with the key from the database that live too long or are issued in the future', async () => {
      // the key exists once a token was issued; read it as someone with read access to the file would
      await request(hub!.url).post('/api/v1/auth/token').set('Cookie', cookie).expect(201);
      const db = new Database(path.join(dataDir, DB), { readonly: true, fileMustExist: true });
      const { value } = db.prepare("SELECT value FROM configs WHERE key = 'jwt_signing_key'").get() as {
        value: string;
      };
      const admin = db.prepare("SELECT id, tokenGeneration FROM users WHERE username = 'admin'").get() as {
        id: string;
        tokenGeneration: number;
      };
      db.close();
      const key = new TextEncoder().encode(value);
      const now = Math.floor(Date.now() / 1000);
      const forge = (claims: { iat?: number; exp?: number }) =>
        new SignJWT({ name: 'admin', role: 'admin', scope: 'admin', gen: admin.tokenGeneration, ...claims })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setIssuer('hivewatch')
          .setAudience('hivewatch-api')
          .setSubject(admin.id)
          .sign(key);
      const users = async (token: string) =>
        (await request(hub!.url).get('/api/v1/users').set('Authorization', `Bearer ${token}`)).status;

      // within the configured lifetime the stolen key works: that is why the file must be private
      const plausible = await forge({ iat: now, exp: now + 900 });
      expect(await users(plausible)).toBe(200);
      const tenYears = await forge({ iat: now, exp: now + 10 * 365 * 86_400 });
      expect(await users(tenYears)).toBe(401);
      expect(await users(await forge({ iat: now, exp: now + 2 * 900 }))).toBe(401);
      expect(await users(await forge({ iat: now + 3600, exp: now + 3600 + 900 }))).toBe(401);
      expect(await users(await forge({ exp: now + 900 }))).toBe(401);

      // the streams use the same check: the forged token is refused before the server is even looked up
      const stream = async (token: string) => {
        const client = await openWs(wsUrl(hub!.url, `${API_METRICS_WS_PATH_PREFIX}/${admin.id}`));
        client.send({ type: 'auth', token });
        return (await client.closed).code;
      };
      expect(await stream(plausible)).toBe(CloseCode.ServerNotFound);
      expect(await stream(tenYears)).toBe(CloseCode.AuthFailed);
    });
  });

  it('narrows the folder and files an older hub left readable, naming each path and its old mode', async () => {
    const dataDir = path.join(root, 'upgraded');
    hub = await startHubProcess({ HIVEWATCH_DATA_DIR: dataDir });
    const cookie = await signInAt(hub.url, HUB_PROCESS_ADMIN.username, HUB_PROCESS_ADMIN.password);
    await request(hub.url)
      .post('/api/v1/users')
      .set('Cookie', cookie)
      .send({ username: 'kept', password: 'kept-password-12', role: 'user' })
      .expect(201);
    // a crash leaves -wal and -shm behind; an older version made them all world-readable
    hub.child.kill('SIGKILL');
    while (hub.alive()) await sleep(20);
    await hub.stop();
    const files = [DB, `${DB}-wal`, `${DB}-shm`];
    for (const f of files) fs.chmodSync(path.join(dataDir, f), 0o644);
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, 'notes.txt'), 'not the hub’s', { mode: 0o644 });
    fs.chmodSync(path.join(dataDir, 'notes.txt'), 0o644);

    hub = await startHubProcess({ HIVEWATCH_DATA_DIR: dataDir });
    const warnings = hub
      .output()
      .split('\n')
      .filter((l) => l.includes('"DataFiles"') || l.includes('DataFiles'));
    expect(
      warnings.find((l) => l.includes(`"path":"${dataDir}"`) && l.includes('"oldMode":"0755"')),
    ).toBeDefined();
    for (const f of files) {
      const file = path.join(dataDir, f);
      expect({
        f,
        warned: warnings.some((l) => l.includes(`"path":"${file}"`) && l.includes('"oldMode":"0644"')),
      }).toEqual({
        f,
        warned: true,
      });
    }
    expect(mode(dataDir)).toBe('0700');
    for (const f of files) expect({ f, mode: mode(path.join(dataDir, f)) }).toEqual({ f, mode: '0600' });
    expect(mode(path.join(dataDir, 'notes.txt'))).toBe('0644');
    // nothing was lost on the way
    const again = await signInAt(hub.url, 'kept', 'kept-password-12');
    expect(again).toMatch(/^hw_session=/);
  });
});
