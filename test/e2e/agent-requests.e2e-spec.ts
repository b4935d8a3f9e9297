import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { AgentRegistry } from '../../src/agents/agent-registry.js';
import type { Sample } from '../../src/records/sample.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { startRealAgent, type RealAgentHandle } from '../support/agents/real-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(150_000);

const SEED_FIELDS = [
  'cpuUsagePercent',
  'ramUsagePercent',
  'ramUsedGB',
  'uptimeSeconds',
  'normalizedLoad',
  'diskReadSpeedMBps',
  'diskWriteSpeedMBps',
  'diskUsage',
  'networkInterfaces',
];

describe('our agent ↔ real hub: metrics and every seed-002 request', () => {
  let hub: TestApp;
  let cookie: string;
  let server: { id: string; token: string };
  let real: RealAgentHandle;
  const api = (method: 'get' | 'post' | 'put', p: string) =>
    request(hub.url)[method](`/api/v1/servers/${server.id}${p}`).set('Cookie', cookie);

  beforeAll(async () => {
    hub = await startTestApp({ HIVEWATCH_RECORDS_FLUSH_SECONDS: '1' });
    cookie = await signIn(hub);
    server = await createServer(hub.url, cookie);
    real = await startRealAgent(hub.url, {
      agentId: server.id,
      token: server.token,
      capabilities: ['services-restart'],
      watchlist: ['nginx', 'redis-server'],
    });
    await eventually(() => real.agent.isAuthenticated, 20_000);
  });
  afterAll(async () => {
    real.stop();
    await hub.close();
  });

  it('reports every seed-002 field (and the extensions) to the hub, acknowledged and stored per minute', async () => {
    const live = await eventuallyDefined(async () => {
      const res = await api('get', '/live');
      const body = res.body as Sample;
      return res.status === 200 && body.watchedServices ? body : undefined;
    }, 20_000);
    expect(live).toMatchObject({ serverId: server.id, live: true });
    expect(live.cpuPercent).toEqual(expect.any(Number));
    expect(live.memUsedGB).toBeGreaterThan(0);
    expect(live.uptimeSeconds).toBeGreaterThan(0);
    expect(live.load1).toEqual(expect.any(Number));
    expect(live.diskReadMBps).toEqual(expect.any(Number));
    expect(live.disks.length).toBeGreaterThan(0);
    expect(live.interfaces.length).toBeGreaterThan(0);
    expect(live.processCount).toBeGreaterThan(0);
    expect(live.tcpConnections).toEqual(expect.any(Number));
    expect(live.watchedServices).toEqual([
      { name: 'nginx', activeState: 'active', subState: 'running' },
      { name: 'redis-server', activeState: 'failed', subState: 'failed' },
    ]);
    // The frame itself carries the seed-002 names (checked on what the agent queued).
    const [entry] = real.agent.outbox.after(0, 1);
    const payload = entry ? JSON.parse(entry.json) : undefined;
    if (payload) for (const field of SEED_FIELDS) expect(payload).toHaveProperty(field);
    // The hub acknowledges samples once their minute is written: the outbox does not grow without bound.
    await eventually(() => real.agent.outbox.ackedSeq > 0, 80_000, 200);
    expect(real.agent.outbox.size).toBeLessThan(real.agent.outbox.lastSeq);
    const records = await eventuallyDefined(async () => {
      const res = await api('get', '/records?metrics=cpu,mem,load1,diskRead,netIn,uptime,disk:*').expect(200);
      const body = res.body as { metrics: string[]; points: Record<string, unknown>[] };
      return body.points.some((p) => p['cpu'] !== undefined && p['uptime']) ? body : undefined;
    }, 20_000);
    expect(records.metrics).toEqual(expect.arrayContaining(['cpu', 'mem', 'load1', 'uptime']));
  });

  it('carries the busiest core from the agent to live samples and records', async () => {
    const busiest = await eventuallyDefined(async () => {
      const res = await api('get', '/live').expect(200);
      return (res.body as Sample).cpuCoreMaxPercent;
    }, 20_000);
    expect(busiest).toBeGreaterThanOrEqual(0);
    expect(busiest).toBeLessThanOrEqual(100);
    const res = await api('get', '/records?metrics=cpuCoreMax').expect(200);
    const points = res.body.points as { cpuCoreMax: { avg: number; max: number } | null }[];
    expect(points.some((p) => p.cpuCoreMax !== null && p.cpuCoreMax.max >= p.cpuCoreMax.avg)).toBe(true);
  });

  it('answers get-server-info from this machine: the distribution as OS, the kernel apart', async () => {
    const res = await api('get', '/info').expect(200);
    const osRelease = fs.readFileSync('/etc/os-release', 'utf8');
    const field = (key: string) => new RegExp(`^${key}="?([^"\n]*)"?$`, 'm').exec(osRelease)?.[1];
    expect(res.body).toMatchObject({
      hostname: expect.any(String),
      os: field('NAME'),
      cpuThreads: expect.any(Number),
    });
    // together they read as the distribution's PRETTY_NAME ("Debian GNU/Linux 12 (bookworm)")
    expect(`${res.body.os} ${res.body.osVersion}`).toBe(field('PRETTY_NAME'));
    expect(res.body.kernel).toBe(fs.readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim());
  });

  it('lists services, shows one, its log, through systemctl/journalctl', async () => {
    const services = await api('get', '/services').expect(200);
    expect(services.body).toContainEqual({ name: 'nginx', activeState: 'active', subState: 'running' });
    expect(services.body).toContainEqual({ name: 'redis-server', activeState: 'failed', subState: 'failed' });
    const nginx = await api('get', '/services/nginx').expect(200);
    expect(nginx.body).toMatchObject({
      name: 'nginx',
      mainPID: 812,
      memoryUsage: 9.02,
      restart: 'on-failure',
      startTime: '2024-11-17T09:12:03.000Z',
      exitTime: null,
    });
    expect(nginx.body.cpuUsagePercent).toBeGreaterThanOrEqual(0);
    const missing = await api('get', '/services/nope').expect(502);
    expect(missing.body.message).toContain('Unit nope.service could not be found.');
    const log = await api('get', '/services/nginx/logs').expect(200);
    expect(log.body[1]).toEqual({
      log: '2024-11-17T09:12:03.199Z Started nginx.service - A high performance web server and a reverse proxy server.',
    });
    expect(log.body).toHaveLength(4);
  });

  it('lists processes and one process from /proc (pid as the hub sends it)', async () => {
    const list = await api('get', '/processes').expect(200);
    const mine = (list.body as { pid: number; name: string }[]).find((p) => p.pid === process.pid);
    expect(mine).toMatchObject({ pid: process.pid, status: expect.any(String), user: expect.any(String) });
    const one = await api('get', `/processes/${process.pid}`).expect(200);
    expect(one.body).toMatchObject({
      pid: process.pid,
      numThreads: expect.any(Number),
      nice: expect.any(Number),
    });
    expect(one.body.cmdline).toContain('node');
    await api('get', '/processes/999999999').expect(502);
  });

  it('restarts a service once, and a repeated request id is answered from the cache without running again', async () => {
    const before = real.toolCalls('systemctl restart').length;
    await api('post', '/services/nginx/restart').expect(200);
    expect(real.toolCalls('systemctl restart')).toHaveLength(before + 1);
    // Replay the exact frame with the same id through the hub's socket, as a hub retrying would.
    const conn = hub.app.get(AgentRegistry).get(server.id);
    if (!conn) throw new Error('agent not connected');
    const id = Date.now() * 1000 + 7;
    const answers: unknown[] = [];
    conn.ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { id?: number };
      if (frame.id === id) answers.push(frame);
    });
    const frame = JSON.stringify({
      type: 'request',
      id,
      action: 'restart-service',
      payload: { name: 'ssh' },
    });
    conn.send(frame);
    conn.send(frame);
    await eventually(() => answers.length === 2, 10_000);
    expect(answers).toEqual([
      expect.objectContaining({ id, action: 'restart-service', payload: { status: 'ok' } }),
      expect.objectContaining({ id, action: 'restart-service', payload: { status: 'ok' } }),
    ]);
    expect(real.toolCalls('systemctl restart ssh')).toHaveLength(1);
  });

  it('changes the interval and watchlist, persists them to the config file, and 0 pauses metrics', async () => {
    await api('put', '/agent-config')
      .send({ metricsInterval: 0, watchlist: ['ssh'] })
      .expect(200);
    const file = JSON.parse(fs.readFileSync(path.join(real.dir, 'agent.json'), 'utf8'));
    expect(file).toMatchObject({ metricsInterval: 0, watchlist: ['ssh'] });
    const paused = real.agent.outbox.lastSeq;
    await new Promise((r) => setTimeout(r, 2500));
    expect(real.agent.outbox.lastSeq).toBe(paused);
    // Still connected and answering while paused.
    await api('get', '/info').expect(200);
    await api('put', '/agent-config')
      .send({ metricsInterval: 1, watchlist: ['ssh'] })
      .expect(200);
    await eventually(() => real.agent.outbox.lastSeq > paused, 10_000);
  });
});

describe('our agent: refusals', () => {
  let hub: TestApp;
  let cookie: string;

  beforeAll(async () => {
    hub = await startTestApp();
    cookie = await signIn(hub);
  });
  afterAll(async () => {
    await hub.close();
  });

  it("refuses restart-service without the host's services-restart capability, whatever the hub sends", async () => {
    const server = await createServer(hub.url, cookie);
    const real = await startRealAgent(hub.url, { agentId: server.id, token: server.token });
    try {
      await eventually(() => real.agent.isAuthenticated, 20_000);
      // The hub knows the capability is off (advertised set) and does not even send it…
      await request(hub.url)
        .post(`/api/v1/servers/${server.id}/services/nginx/restart`)
        .set('Cookie', cookie)
        .expect(409);
      // …and a hub that sends it anyway gets the protocol's capability error.
      const conn = hub.app.get(AgentRegistry).get(server.id);
      if (!conn) throw new Error('agent not connected');
      const id = Date.now() * 1000 + 11;
      let answer: unknown;
      conn.ws.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as { id?: number };
        if (frame.id === id) answer = frame;
      });
      conn.send(
        JSON.stringify({ type: 'request', id, action: 'restart-service', payload: { name: 'nginx' } }),
      );
      await eventually(() => answer, 10_000);
      expect(answer).toMatchObject({
        payload: { status: 'error', message: "capability 'services-restart' is disabled on this host" },
      });
      expect(real.toolCalls('systemctl restart')).toHaveLength(0);
    } finally {
      real.stop();
    }
  });

  it('answers "systemd is not available on this host" when PID 1 is not systemd', async () => {
    const server = await createServer(hub.url, cookie);
    const real = await startRealAgent(
      hub.url,
      { agentId: server.id, token: server.token, capabilities: ['services-restart'] },
      { systemdDown: true },
    );
    try {
      await eventually(() => real.agent.isAuthenticated, 20_000);
      for (const [method, p] of [
        ['get', '/services'],
        ['get', '/services/nginx'],
        ['get', '/services/nginx/logs'],
        ['post', '/services/nginx/restart'],
      ] as const) {
        const call =
          method === 'get'
            ? request(hub.url).get.bind(request(hub.url))
            : request(hub.url).post.bind(request(hub.url));
        const res = await call(`/api/v1/servers/${server.id}${p}`).set('Cookie', cookie).expect(502);
        expect(res.body.message).toContain('systemd is not available on this host');
        expect(res.body.code).toBe('systemd-unavailable');
      }
    } finally {
      real.stop();
    }
  });
});
