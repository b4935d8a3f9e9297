import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Server } from '../../src/servers/server.entity.js';
import { GatewayStats } from '../../src/agents/gateway-stats.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { RestartableHub } from '../support/agents/hub.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { signIn } from '../support/http.js';

const MIN = 60_000;

describe('agent gateway across a hub restart (same data folder, same agent process)', () => {
  const hub = new RestartableHub();
  let cookie: string;
  let s: { id: string; token: string };

  beforeAll(async () => {
    await hub.start();
    cookie = await signIn(hub as never);
    s = await createServer(hub.url, cookie);
  });
  afterAll(async () => {
    await hub.dispose();
  });

  it('a restart-service after the restart EXECUTES again (fresh id, not the agent cache)', async () => {
    const agent = new SeedAgent(hub.wsUrl, { serverId: s.id, token: s.token });
    await agent.connect();
    const restart = () =>
      request(hub.url)
        .post(`/api/v1/servers/${s.id}/services/nginx/restart`)
        .set('Cookie', cookie)
        .expect(200);
    await restart();
    expect(agent.ran('restart-service')).toBe(1);

    await hub.stop();
    await agent.socket.waitClosed();
    await hub.start();
    cookie = await signIn(hub as never);
    await agent.reconnect();
    await restart();
    expect(agent.ran('restart-service')).toBe(2);
    expect(agent.cacheHits).toBe(0);
    const ids = agent.requests.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const row = await hub.get(DataSource).getRepository(Server).findOneByOrFail({ id: s.id });
    expect(row.rpcIdHighWater).toBeGreaterThanOrEqual(Math.max(...ids));
    agent.close();
  });

  it('does not ingest twice what was stored before the restart (seq de-dup from the database)', async () => {
    const other = await createServer(hub.url, cookie);
    const agent = new SeedAgent(hub.wsUrl, {
      serverId: other.id,
      token: other.token,
      extra: { protocol_version: 2 },
    });
    await agent.connect();
    const past = Math.floor(Date.now() / MIN) * MIN - 5 * MIN + 1000;
    agent.sendMetrics({ cpuUsagePercent: 10, seq: 1, backfill: true }, past);
    agent.sendMetrics({ cpuUsagePercent: 20, seq: 2, backfill: true }, past + 1000);
    await eventually(() => hub.get(GatewayStats).counters.backfillSamples >= 2);
    await hub.stop(); // flushes on shutdown and stores the settled seq
    await agent.socket.waitClosed();
    await hub.start();
    const stored = await hub.get(DataSource).getRepository(Server).findOneByOrFail({ id: other.id });
    expect(stored.settledSeq).toBe(2);
    cookie = await signIn(hub as never);
    // The agent never saw the ack (it was closing): it re-sends both, plus a new one.
    await agent.reconnect();
    agent.sendMetrics({ cpuUsagePercent: 10, seq: 1, backfill: true }, past);
    agent.sendMetrics({ cpuUsagePercent: 20, seq: 2, backfill: true }, past + 1000);
    agent.sendMetrics({ cpuUsagePercent: 60, seq: 3, backfill: true }, past + 2000);
    const stats = hub.get(GatewayStats);
    await eventually(() => stats.counters.duplicateSamples >= 2 && stats.counters.backfillSamples >= 1);
    expect(stats.counters.duplicateSamples).toBe(2);
    const res = await request(hub.url)
      .get(`/api/v1/servers/${other.id}/records?metrics=cpu&from=${past - MIN}&to=${Date.now()}`)
      .set('Cookie', cookie)
      .expect(200);
    const point = (res.body.points as { t: number; cpu?: { avg: number; max: number } }[]).find(
      (p) => p.t === Math.floor(past / MIN) * MIN,
    );
    expect(point?.cpu).toEqual({ avg: 30, max: 60 });
    agent.close();
  }, 15_000);
});
