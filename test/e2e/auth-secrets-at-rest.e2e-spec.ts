import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiKey, createUserAndSignIn, signIn } from '../support/http.js';
import { enrollTotp } from '../support/second-factor.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/**
 * Passwords, session cookies, API keys, recovery codes and sign-in challenges exist only as hashes in
 * the database; TOTP secrets only sealed.
 */
describe('no auth secret is stored in clear', () => {
  let hub: TestApp;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestApp();
    secrets.adminPassword = TEST_ADMIN.password;
    const admin = await signIn(hub);
    secrets.adminSession = admin.split('=')[1]!;
    secrets.userPassword = 'stored-user-password-77';
    const user = await createUserAndSignIn(hub, admin, {
      username: 'stored',
      password: secrets.userPassword,
      role: 'user',
    });
    secrets.userSession = user.split('=')[1]!;
    secrets.newPassword = 'changed-user-password-88';
    await request(hub.url)
      .post('/api/v1/auth/password')
      .set('Cookie', user)
      .send({ currentPassword: secrets.userPassword, newPassword: secrets.newPassword })
      .expect(204);
    secrets.adminKey = await createApiKey(hub, admin, 'admin');
    secrets.readKey = await createApiKey(hub, user, 'read');
    await request(hub.url)
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${secrets.readKey}`)
      .expect(200);
    const totp = await enrollTotp(hub, user);
    secrets.totpSecret = totp.secret;
    secrets.recoveryCode = totp.recoveryCodes[0]!.replace(/-/g, '');
    const login = { username: 'stored', password: secrets.newPassword };
    secrets.signInChallenge = (await request(hub.url).post('/api/v1/auth/login').send(login).expect(200)).body
      .challenge as string;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('no column of any table holds a password, session token or API key (or its random part)', async () => {
    const db = hub.app.get(DataSource);
    const tables: { name: string }[] = await db.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['users', 'sessions', 'api_keys']));
    const needles = Object.entries(secrets).flatMap(([name, s]) => [
      [name, s],
      [`${name} (random part)`, s.replace(/^hw_/, '')],
    ]);
    const found: string[] = [];
    for (const { name: table } of tables) {
      const rows: Record<string, unknown>[] = await db.query(`SELECT * FROM "${table}"`);
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          const text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
          for (const [name, needle] of needles)
            if (text.includes(needle!)) found.push(`${name} in ${table}.${column}`);
        }
      }
    }
    expect(found).toEqual([]);
    const sessions: { tokenHash: string }[] = await db.query('SELECT tokenHash FROM sessions');
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    for (const s of sessions) expect(s.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('nor do the raw database files', () => {
    const base = (hub.config.database as { file: string }).file;
    const bytes = [base, `${base}-wal`]
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f).toString('latin1'))
      .join('');
    expect(bytes.length).toBeGreaterThan(0);
    expect(path.basename(base)).toBe('hivewatch.db');
    for (const [name, secret] of Object.entries(secrets)) {
      expect({ name, found: bytes.includes(secret.replace(/^hw_/, '')) }).toEqual({ name, found: false });
    }
  });
});
