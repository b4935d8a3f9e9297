import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MinuteBucketWriter } from '../../src/records/minute-bucket.writer.js';
import { RecordsService } from '../../src/records/records.service.js';
import { makeSample } from '../../src/records/samples.test-helper.js';
import { insertServer } from '../../src/records/servers.test-helper.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MIN = 60_000;

describe('records history API', () => {
  let hub: TestApp;
  let cookie: string;
  let serverId: string;
  const now = Date.now();
  const thisMinute = Math.floor(now / MIN) * MIN;

  beforeAll(async () => {
    hub = await startTestApp();
    cookie = await signIn(hub);
    serverId = await insertServer(hub.app.get(DataSource));
    const records = hub.app.get(RecordsService);
    // Ten written minutes ending two minutes ago, three days back for the hourly view, and the current minute in memory.
    for (let m = 12; m >= 2; m--)
      records.ingest(makeSample({ serverId, time: thisMinute - m * MIN + 1_000, cpuPercent: m }));
    records.ingest(makeSample({ serverId, time: thisMinute - 3 * 86_400_000, cpuPercent: 77, live: false }));
    await hub.app.get(MinuteBucketWriter).flushClosed();
    records.ingest(makeSample({ serverId, time: thisMinute + 500, cpuPercent: 99 }));
  });
  afterAll(async () => {
    await hub.close();
  });

  const get = (path: string) => request(hub.url).get(path).set('Cookie', cookie);

  it('answers minute points for the last hour by default, the unwritten minute included', async () => {
    const res = await get(`/api/v1/servers/${serverId}/records?metrics=cpu,uptime,disk:*,net:eth0`).expect(
      200,
    );
    expect(res.body).toMatchObject({ serverId, resolution: 'minute' });
    expect(res.body.metrics).toEqual(['cpu', 'uptime', 'disk:/', 'disk:/data', 'net:eth0']);
    expect(res.body.points).toHaveLength(12);
    const points = res.body.points as Record<string, unknown>[];
    expect(points[0]).toMatchObject({
      t: thisMinute - 12 * MIN,
      cpu: { avg: 12, max: 12 },
      'net:eth0': { in: 3, out: 1 },
    });
    // Counters and filesystem usage are kept every 5th minute.
    expect(points.filter((p) => p.uptime === 1000 && p['disk:/'] === 40).length).toBeGreaterThanOrEqual(2);
    expect(points.at(-1)).toMatchObject({ t: thisMinute, cpu: { avg: 99, max: 99 } });
  });

  it('switches to hourly rows beyond 48 hours (auto), computing recent hours from minutes', async () => {
    const res = await get(
      `/api/v1/servers/${serverId}/records?from=${now - 4 * 86_400_000}&to=${now}&metrics=cpu`,
    ).expect(200);
    expect(res.body.resolution).toBe('hour');
    const maxima = (res.body.points as { cpu: { max: number } }[]).map((p) => p.cpu.max);
    expect(maxima).toContain(99);
    const narrow = await get(
      `/api/v1/servers/${serverId}/records?from=${new Date(now - 47 * 3_600_000).toISOString()}`,
    ).expect(200);
    expect(narrow.body.resolution).toBe('minute');
    expect(narrow.body.metrics).toContain('load15');
  });

  it('answers CSV with a header row for Accept: text/csv', async () => {
    const res = await get(`/api/v1/servers/${serverId}/records?metrics=cpu,net:eth0`)
      .set('Accept', 'text/csv')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('time,cpu_avg,cpu_max,net:eth0_in,net:eth0_out');
    expect(lines).toHaveLength(13);
    expect(lines[1]).toBe(`${new Date(thisMinute - 12 * MIN).toISOString()},12,12,3,1`);
  });

  it('answers 404 for an unknown server and 400 for a bad range or metric', async () => {
    await get('/api/v1/servers/6f1c1c1e-7d6e-4c38-9a51-2f0f3f1a0b99/records').expect(404);
    await get('/api/v1/servers/not-a-uuid/records').expect(400);
    await get(`/api/v1/servers/${serverId}/records?from=${now}&to=${now - 1000}`).expect(400);
    const bad = await get(`/api/v1/servers/${serverId}/records?metrics=cpu,bogus`).expect(400);
    expect(JSON.stringify(bad.body)).toContain('bogus');
    expect(JSON.stringify(bad.body)).toContain('load15');
    await get(`/api/v1/servers/${serverId}/records?resolution=minute&from=${now - 40 * 86_400_000}`).expect(
      400,
    );
    await request(hub.url).get(`/api/v1/servers/${serverId}/records`).expect(401);
  });

  it('answers the latest live sample, or 404 before the first', async () => {
    const res = await get(`/api/v1/servers/${serverId}/live`).expect(200);
    expect(res.body).toMatchObject({ serverId, cpuPercent: 99 });
    const other = await insertServer(hub.app.get(DataSource), 'silent');
    await get(`/api/v1/servers/${other}/live`).expect(404);
  });

  it('reads and changes retention per table (admin, audited)', async () => {
    const initial = await get('/api/v1/settings/retention').expect(200);
    expect(initial.body).toEqual({
      minuteDays: 7,
      hourlyDays: 400,
      defaults: { minuteDays: 7, hourlyDays: 400 },
    });
    const put = await request(hub.url)
      .put('/api/v1/settings/retention')
      .set('Cookie', cookie)
      .set('Origin', hub.url)
      .send({ minuteDays: 14 })
      .expect(200);
    expect(put.body).toMatchObject({ minuteDays: 14, hourlyDays: 400 });
    await request(hub.url)
      .put('/api/v1/settings/retention')
      .set('Cookie', cookie)
      .set('Origin', hub.url)
      .send({ minuteDays: 0 })
      .expect(400);
    expect((await get('/api/v1/settings/retention').expect(200)).body.minuteDays).toBe(14);
    const audit = await get('/api/v1/audit-logs?action=settings.retention.update').expect(200);
    expect(audit.body.items[0]).toMatchObject({ detail: { after: { minuteDays: 14, hourlyDays: 400 } } });
  });
});
