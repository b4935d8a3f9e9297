import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The hub serves the console from its own origin without touching the API (a stand-in build folder). */
describe('console static serving', () => {
  let hub: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-console-'));

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><hw-root></hw-root>');
    fs.writeFileSync(path.join(dir, 'main-ABCDEFGH.js'), 'console.log(1)');
    hub = await startTestApp({ HIVEWATCH_CONSOLE_DIR: dir });
  });
  afterAll(async () => {
    await hub.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, under the CSP, revalidated', async () => {
    for (const url of ['/', '/servers/abc', '/admin/users']) {
      const res = await request(hub.url).get(url).expect(200);
      expect(res.text).toContain('<hw-root>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('caches hashed bundles for a year and 404s missing assets', async () => {
    const js = await request(hub.url).get('/main-ABCDEFGH.js').expect(200);
    expect(js.headers['cache-control']).toContain('immutable');
    await request(hub.url).get('/missing-12345678.js').expect(404);
  });

  it('leaves /api to the hub', async () => {
    await request(hub.url).get('/api/v1/health').expect(200);
    const unknown = await request(hub.url).get('/api/v1/no-such-route').expect(404);
    expect(unknown.text).not.toContain('<hw-root>');
    await request(hub.url).get('/api/v1/auth/me').expect(401);
  });
});
