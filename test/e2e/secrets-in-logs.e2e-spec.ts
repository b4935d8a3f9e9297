import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createApiKey, signIn } from '../support/http.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/**
 * Drives every flow that carries a secret with the most verbose logging, then searches everything
 * the hub logged for each secret: none may appear, in a message, a field or a request path.
 */
describe('no secret reaches the logs', () => {
  let hub: TestApp;
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-log-')), 'hub.log');
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestApp({ HIVEWATCH_LOG_LEVEL: 'trace', HIVEWATCH_LOG_FILE: logFile });
  });
  afterAll(async () => {
    await hub.close();
    fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
  });

  it('logs requests but none of the secrets they carried', async () => {
    secrets.adminPassword = TEST_ADMIN.password;
    const wrong = 'wrong-password-Zq81xK';
    secrets.wrongPassword = wrong;
    await request(hub.url)
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: wrong })
      .expect(401);

    const cookie = await signIn(hub);
    secrets.sessionCookie = cookie.split('=')[1]!;

    const key = await createApiKey(hub, cookie, 'admin');
    secrets.apiKey = key;
    await request(hub.url).get('/api/v1/servers').set('Authorization', `Bearer ${key}`).expect(200);

    const token = await request(hub.url).post('/api/v1/auth/token').set('Cookie', cookie).expect(201);
    secrets.accessToken = token.body.accessToken as string;
    await request(hub.url)
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${secrets.accessToken}`)
      .expect(200);

    const server = await request(hub.url)
      .post('/api/v1/servers')
      .set('Cookie', cookie)
      .send({ name: 'web-1' });
    expect(server.status).toBe(201);
    secrets.agentToken = server.body.token as string;
    const rotated = await request(hub.url)
      .post(`/api/v1/servers/${server.body.server.id as string}/token`)
      .set('Cookie', cookie);
    expect(rotated.status).toBeLessThan(300);
    secrets.rotatedAgentToken = rotated.body.token as string;

    const enrollment = await request(hub.url)
      .post('/api/v1/enrollment-keys')
      .set('Cookie', cookie)
      .send({ name: 'fleet' })
      .expect(201);
    secrets.enrollmentKey = enrollment.body.key as string;

    const newPassword = 'new-admin-password-Lw93';
    secrets.newPassword = newPassword;
    await request(hub.url)
      .post('/api/v1/auth/password')
      .set('Cookie', cookie)
      .send({ currentPassword: TEST_ADMIN.password, newPassword })
      .expect((res) => expect(res.status).toBeLessThan(300));

    await hub.app.close();
    await new Promise((r) => setTimeout(r, 200)); // the file destination writes asynchronously

    const log = fs.readFileSync(logFile, 'utf8');
    expect(log).toContain('/api/v1/servers'); // the requests themselves were logged
    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length).toBeGreaterThan(8);
      expect({ name, found: log.includes(secret) }).toEqual({ name, found: false });
    }
  });
});
