import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('health and API document', () => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await startTestApp();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('reports the database as healthy with version and uptime', async () => {
    const res = await request(hub.url).get('/api/v1/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'ok' } });
    expect(typeof res.body.version).toBe('string');
    expect(typeof res.body.uptimeSeconds).toBe('number');
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await request(hub.url).get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/health');
    await request(hub.url).get('/api/docs').expect(200);
  });

  it('keeps `disk:<mountpoint>` visible in Swagger UI: angle brackets only inside Markdown code spans', async () => {
    const doc = await request(hub.url).get('/api/docs-json').expect(200);
    const paths = doc.body.paths as Record<
      string,
      { get?: { parameters?: { name: string; description?: string }[] } }
    >;
    const records = Object.entries(paths).find(([p]) => p.endsWith('/records'))?.[1];
    const metrics = records?.get?.parameters?.find((p) => p.name === 'metrics');
    expect(metrics?.description).toContain('`disk:<mountpoint>`');
    expect(metrics?.description).toContain('`net:<interface>`');
    expect(metrics?.description?.replace(/`[^`]*`/g, '')).not.toMatch(/[<>]/);
  });

  it('sends security headers and a request id in errors', async () => {
    const res = await request(hub.url).get('/api/v1/no-such-route').expect(404);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(res.body.requestId).toBeDefined();
  });
});
