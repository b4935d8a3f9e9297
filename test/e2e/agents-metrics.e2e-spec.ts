import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { GatewayStats } from '../../src/agents/gateway-stats.js';
import { MinuteBucketWriter } from '../../src/records/minute-bucket.writer.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { SimpleAgent } from '../support/agents/simple-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MIN = 60_000;

describe('agent gateway: metrics, backfill, outbox acks', () => {
  let hub: TestApp;
  let cookie: string;
  let wsUrl: string;
  const get = (path: string) => request(hub.url).get(path).set('Cookie', cookie);

  beforeAll(async () => {
    // A long flush period: the tests flush by hand, so "ack only after flush" is observable.
    hub = await startTestApp({
      HIVEWATCH_RECORDS_FLUSH_SECONDS: '600',
      HIVEWATCH_AGENT_CLOCK_SKEW_SECONDS: '60',
    });
    cookie = await signIn(hub);
    wsUrl = `${hub.url.replace('http', 'ws')}/api/v1/agents/ws`;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('stores seed-002 metrics and shows them on /live and /records', async () => {
    const s = await createServer(hub.url, cookie);
    const agent = new SeedAgent(wsUrl, { serverId: s.id, token: s.token });
    await agent.connect();
    agent.sendMetrics({ cpuUsagePercent: 33.5 });
    const live = await eventually(async () => {
      const res = await get(`/api/v1/servers/${s.id}/live`);
      return res.status === 200 ? (res.body as Record<string, unknown>) : null;
    });
    expect(live).toMatchObject({
      serverId: s.id,
      live: true,
      cpuPercent: 33.5,
      memPercent: 45.2,
      memUsedGB: 4.1,
      load1: 0.5,
      netInMbps: 12.4,
      netOutMbps: 5.2,
      disks: [{ mountpoint: '/', device: '/dev/sda1', totalGB: 450.5 }],
      interfaces: [{ name: 'eth0', mac: '00:11:22:33:44:55', downloadMbps: 12.4, uploadMbps: 5.2 }],
    });
    const records = await get(`/api/v1/servers/${s.id}/records?metrics=cpu`).expect(200);
    expect((records.body.points as unknown[]).at(-1)).toMatchObject({ cpu: { avg: 33.5, max: 33.5 } });
    agent.close();
  });

  it('corrects a wrong agent clock: a live sample lands at receive time, not an hour ahead', async () => {
    const s = await createServer(hub.url, cookie);
    const agent = new SeedAgent(wsUrl, { serverId: s.id, token: s.token });
    await agent.connect();
    const before = Date.now();
    agent.sendMetrics({ cpuUsagePercent: 1 }, before + 3_600_000);
    const live = await eventually(async () => {
      const res = await get(`/api/v1/servers/${s.id}/live`);
      return res.status === 200 ? (res.body as { time: number }) : null;
    });
    expect(Math.abs(live.time - before)).toBeLessThan(2000);
    agent.close();
  });

  it('maps simple-dialect metrics onto the same sample', async () => {
    const s = await createServer(hub.url, cookie);
    const agent = new SimpleAgent(wsUrl, s.token);
    await agent.connect();
    agent.sendMetrics({ cpu_percent: 71 });
    const live = await eventually(async () => {
      const res = await get(`/api/v1/servers/${s.id}/live`);
      return res.status === 200 ? (res.body as Record<string, unknown>) : null;
    });
    expect(live).toMatchObject({ cpuPercent: 71, memPercent: 62.5, netInMbps: 2, netOutMbps: 1 });
    agent.close();
  });

  it('acks only after the flush, de-duplicates by seq, folds backfill into past buckets without touching /live', async () => {
    const s = await createServer(hub.url, cookie);
    const agent = new SeedAgent(wsUrl, {
      serverId: s.id,
      token: s.token,
      extra: { protocol_version: 2, agent_version: '1.0.0', capabilities: [] },
    });
    await agent.connect();
    const now = Date.now();
    const past = Math.floor(now / MIN) * MIN - 10 * MIN + 1000;
    agent.sendMetrics({ cpuUsagePercent: 20, seq: 1 }, now); // live, current minute
    await eventually(async () => (await get(`/api/v1/servers/${s.id}/live`)).status === 200);
    agent.sendMetrics({ cpuUsagePercent: 90, seq: 2, backfill: true }, past);
    agent.sendMetrics({ cpuUsagePercent: 91, seq: 3, backfill: true }, past + 1000);
    agent.sendMetrics({ cpuUsagePercent: 92, seq: 3, backfill: true }, past + 2000); // duplicate
    const stats = hub.app.get(GatewayStats);
    await eventually(() => stats.counters.duplicateSamples >= 1);
    expect(agent.socket.inbox.some((f) => (f as { action?: string }).action === 'ack')).toBe(false);

    const live = await get(`/api/v1/servers/${s.id}/live`).expect(200);
    expect(live.body.cpuPercent).toBe(20); // backfill never replaces the live sample

    // Closed minutes (the backfill) are written, but seq 1 still sits in the open minute: the acked
    // seq stays below it (samples are acknowledged in order).
    await hub.app.get(MinuteBucketWriter).flushClosed();
    await new Promise((r) => setTimeout(r, 200));
    const acked = () =>
      agent.socket.inbox
        .filter((f) => (f as { action?: string }).action === 'ack')
        .map((f) => (f as { payload: { seq: number } }).payload.seq);
    expect(acked().every((seq) => seq < 1)).toBe(true);
    await hub.app.get(MinuteBucketWriter).flushAll();
    await agent.socket.next((f) => f['action'] === 'ack' && (f['payload'] as { seq: number }).seq === 3);

    const history = await get(
      `/api/v1/servers/${s.id}/records?metrics=cpu&from=${past - MIN}&to=${now + MIN}`,
    ).expect(200);
    const pastPoint = (history.body.points as { t: number; cpu?: { avg: number; max: number } }[]).find(
      (p) => p.t === Math.floor(past / MIN) * MIN,
    );
    expect(pastPoint?.cpu).toEqual({ avg: 90.5, max: 91 });

    // A re-sent, already durable sample is dropped and acknowledged again.
    agent.sendMetrics({ cpuUsagePercent: 93, seq: 2, backfill: true }, past);
    await eventually(() => stats.counters.duplicateSamples >= 2);
    await eventually(() => acked().filter((seq) => seq === 3).length >= 2);
    agent.close();
  });
});
