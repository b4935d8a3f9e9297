import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { GatewayStats } from '../../src/agents/gateway-stats.js';
import { createServer, eventually, sleep } from '../support/agents/fixtures.js';
import { SeedAgent, seedMetrics } from '../support/agents/seed-agent.js';
import { SimpleAgent } from '../support/agents/simple-agent.js';
import type { TestSocket } from '../support/agents/socket.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Thousands of bad frames of every kind, in rotation. */
function badFrame(i: number): { data: string | Buffer; binary: boolean } {
  switch (i % 8) {
    case 0:
      return { data: '{"type":"event","action":"metrics","payload":', binary: false }; // truncated
    case 1:
      return {
        data: JSON.stringify({
          type: 'event',
          action: 'metrics',
          payload: seedMetrics({ cpuUsagePercent: 'high' }),
        }),
        binary: false,
      };
    case 2:
      return {
        data: JSON.stringify({ type: 'event', action: 'launch-missiles', payload: {} }),
        binary: false,
      };
    case 3:
      return {
        data: JSON.stringify({
          type: 'response',
          id: 42 + i,
          action: 'get-services',
          payload: { status: 'ok' },
        }),
        binary: false,
      }; // out of order
    case 4:
      return { data: Buffer.from([0, 1, 2, 3, 255]), binary: true };
    case 5:
      return { data: JSON.stringify([1, 2, 3]), binary: false };
    case 6:
      return { data: JSON.stringify({ type: 'metrics', cpu_percent: -5 }), binary: false };
    default:
      return {
        data: JSON.stringify({ type: 'request', id: i, action: 'authenticate', payload: {} }),
        binary: false,
      };
  }
}

describe('agent gateway under a stream of bad frames', () => {
  let hub: TestApp;
  let cookie: string;
  let wsUrl: string;

  beforeAll(async () => {
    hub = await startTestApp({
      HIVEWATCH_AGENT_BAD_FRAMES_PER_SECOND: '100000',
      HIVEWATCH_AGENT_MAX_FRAME_BYTES: '65536',
    });
    cookie = await signIn(hub);
    wsUrl = `${hub.url.replace('http', 'ws')}/api/v1/agents/ws`;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('answers every bad frame, keeps the connections open, and a good agent keeps reporting', async () => {
    const stats = hub.app.get(GatewayStats);
    const good = await createServer(hub.url, cookie);
    const reporter = new SeedAgent(wsUrl, { serverId: good.id, token: good.token });
    await reporter.connect();

    const noisy: TestSocket[] = [];
    for (let n = 0; n < 3; n++) {
      const s = await createServer(hub.url, cookie);
      const envelope = new SeedAgent(wsUrl, { serverId: s.id, token: s.token });
      await envelope.connect();
      const t = await createServer(hub.url, cookie);
      const simple = new SimpleAgent(wsUrl, t.token);
      await simple.connect();
      noisy.push(envelope.socket, simple.socket);
    }
    const memoryBefore = process.memoryUsage().rss;
    const perSocket = 2000;
    let goodSent = 0;
    for (let i = 0; i < perSocket; i++) {
      for (const socket of noisy) {
        const { data, binary } = badFrame(i);
        socket.sendRaw(data, binary);
      }
      if (i % 200 === 0) {
        reporter.sendMetrics({ cpuUsagePercent: i % 100 });
        goodSent++;
      }
    }
    const total = perSocket * noisy.length;
    await eventually(() => stats.badFrameCount() >= total, 20_000);
    expect(stats.badFrameCount('malformed-json')).toBeGreaterThan(0);
    expect(stats.badFrameCount('binary')).toBeGreaterThan(0);
    expect(stats.badFrameCount('unknown-action')).toBeGreaterThan(0);
    expect(stats.badFrameCount('schema')).toBeGreaterThan(0);
    expect(stats.badFrameCount('unmatched-response')).toBeGreaterThan(0);
    expect(noisy.every((s) => s.closed === undefined)).toBe(true);
    // Simple-dialect errors are the seed-001 frame; envelope errors name the field.
    expect(await noisy[1]!.next((f) => f['type'] === 'error')).toEqual({
      type: 'error',
      message: 'Invalid message format',
    });
    await noisy[0]!.next(
      (f) => f['action'] === 'error' && JSON.stringify(f).includes('payload.cpuUsagePercent'),
    );
    // Every bad frame is answered except unmatched responses (never answer an answer).
    await eventually(() => noisy.every((s) => s.inbox.length >= (perSocket * 7) / 8), 20_000);
    await eventually(() => stats.counters.samples >= goodSent, 10_000);
    const live = await request(hub.url)
      .get(`/api/v1/servers/${good.id}/live`)
      .set('Cookie', cookie)
      .expect(200);
    expect(live.body.serverId).toBe(good.id);
    // Memory stays sane (the hub runs in this process: no growth per frame).
    expect(process.memoryUsage().rss - memoryBefore).toBeLessThan(200 * 1024 * 1024);

    // An oversized frame closes only its own connection, with 1009.
    const big = noisy[0]!;
    big.sendRaw(JSON.stringify({ type: 'event', action: 'metrics', payload: 'x'.repeat(70_000) }));
    expect((await big.waitClosed()).code).toBe(1009);
    reporter.sendMetrics({ cpuUsagePercent: 99 });
    await eventually(async () => {
      const res = await request(hub.url).get(`/api/v1/servers/${good.id}/live`).set('Cookie', cookie);
      return res.body.cpuPercent === 99;
    });
    expect(noisy.slice(1).every((s) => s.closed === undefined)).toBe(true);
    for (const s of noisy) s.close();
    reporter.close();
  }, 40_000);

  it('closes a flooding connection with 4429 after a warning, and only that one', async () => {
    const flood = await startTestApp({ HIVEWATCH_AGENT_BAD_FRAMES_PER_SECOND: '20' });
    try {
      const floodCookie = await signIn(flood);
      const url = `${flood.url.replace('http', 'ws')}/api/v1/agents/ws`;
      const a = await createServer(flood.url, floodCookie);
      const b = await createServer(flood.url, floodCookie);
      const bad = new SeedAgent(url, { serverId: a.id, token: a.token });
      const calm = new SeedAgent(url, { serverId: b.id, token: b.token });
      await bad.connect();
      await calm.connect();
      for (let i = 0; i < 200; i++) bad.socket.sendRaw('nope');
      expect((await bad.socket.waitClosed()).code).toBe(4429);
      expect(JSON.stringify(bad.socket.inbox)).toContain('too many invalid frames');
      await sleep(100);
      expect(calm.socket.closed).toBeUndefined();
      calm.close();
    } finally {
      await flood.close();
    }
  });
});
