import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type { CommandRunDetail } from '@hivewatch/protocol';
import { ExecAgent, type ExecScript, type Gauge } from '../support/agents/exec-agent.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { eventuallyDefined, startRealAgent, type RealAgentHandle } from '../support/agents/real-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(180_000);

const FLEET = 50;
const OFFLINE = [0, 1, 2, 3];
const DROPS = 4;
const NEVER = 5;
const REAL = 6;
const FIVE_MIB = 5 * 1024 * 1024;
const failing = (i: number) => i > REAL && i % 4 === 0;

/**
 * 50 hosts over real sockets: scripted envelope agents answering `exec` as ours does, and our real
 * agent for the one that prints 5 MiB. Offline hosts, a dropped connection, a host that never
 * answers, exit codes, max-parallel and stop-on-first-failure.
 */
describe('commands on a fleet of 50 agents', () => {
  let hub: TestApp;
  let cookie: string;
  let wsUrl: string;
  const servers: { id: string; token: string }[] = [];
  const agents = new Map<number, ExecAgent>();
  const gauge: Gauge = { now: 0, max: 0 };
  let real: RealAgentHandle | undefined;

  const run = (body: object) => request(hub.url).post('/api/v1/commands').set('Cookie', cookie).send(body);
  const ended = (id: string, timeoutMs = 60_000) =>
    eventuallyDefined(async () => {
      const res = await request(hub.url).get(`/api/v1/commands/${id}`).set('Cookie', cookie).expect(200);
      const detail = res.body as CommandRunDetail;
      return detail.state === 'running' ? undefined : detail;
    }, timeoutMs);
  const scriptOf = (i: number): ExecScript => {
    if (i === NEVER) return { never: true };
    if (i === DROPS) return { dropFirst: true, stdout: 'dropped once\n', delayMs: 200 };
    if (failing(i)) return { exitCode: 3, stdout: `host ${i}\n`, stderr: 'broken\n', delayMs: 150 };
    return { stdout: `host ${i}\n`, delayMs: 150 };
  };
  const connect = async (i: number) => {
    const s = servers[i] as { id: string; token: string };
    const agent = new ExecAgent(wsUrl, s.id, s.token, scriptOf(i), gauge);
    agents.set(i, agent);
    await agent.connect();
  };

  beforeAll(async () => {
    hub = await startTestApp();
    cookie = await signIn(hub);
    wsUrl = `${hub.url.replace('http', 'ws')}/api/v1/agents/ws`;
    for (let i = 0; i < FLEET; i++)
      servers.push(await createServer(hub.url, cookie, `fleet-${String(i).padStart(2, '0')}`));
    for (let i = 0; i < FLEET; i++) if (!OFFLINE.includes(i) && i !== REAL) await connect(i);
    const r = servers[REAL] as { id: string; token: string };
    real = await startRealAgent(hub.url, { agentId: r.id, token: r.token, capabilities: ['exec'] });
    await eventually(() => real?.agent.isAuthenticated, 20_000);
  });
  afterAll(async () => {
    for (const agent of agents.values()) agent.close();
    real?.stop();
    await hub.close();
  });

  it('runs once everywhere: offline hosts later with one result, a dropped link re-sent with the same id, a silent host timed out, 5 MiB capped', async () => {
    const started = Date.now();
    const res = await run({
      command: `head -c ${FIVE_MIB} /dev/zero | tr '\\0' a`,
      targets: { serverIds: servers.map((s) => s.id) },
      timeoutMs: 5000,
      maxParallel: 50,
    }).expect(201);
    const id = (res.body as CommandRunDetail).id;
    for (const i of OFFLINE) await connect(i);
    const detail = await ended(id);
    const byName = new Map(detail.results.map((r) => [r.serverName, r]));
    const result = (i: number) => byName.get(`fleet-${String(i).padStart(2, '0')}`);
    const failed = servers.map((_, i) => i).filter(failing);
    expect(detail.counts).toEqual({ ok: FLEET - failed.length - 1, failed: failed.length, timed_out: 1 });
    expect(detail.state).toBe('done');
    for (const i of failed)
      expect(result(i)).toMatchObject({ state: 'failed', exitCode: 3, stderr: { head: 'broken\n' } });
    expect(result(NEVER)).toMatchObject({ state: 'timed_out', exitCode: null });
    expect(result(NEVER)?.error).toMatch(/did not answer 'exec' within \d+ ms/);
    // Every scripted host ran its request exactly once.
    for (const [i, agent] of agents) expect({ i, ran: agent.ran.length }).toEqual({ i, ran: 1 });
    for (const i of OFFLINE)
      expect(result(i)).toMatchObject({ state: 'ok', stdout: { head: `host ${i}\n` } });
    const drops = agents.get(DROPS) as ExecAgent;
    expect(drops.received).toHaveLength(2);
    expect(drops.received[1]).toBe(drops.received[0]); // re-sent with the same request id
    expect(result(DROPS)).toMatchObject({ state: 'ok', stdout: { head: 'dropped once\n' } });
    const big = result(REAL)?.stdout;
    expect(big).toMatchObject({ totalBytes: FIVE_MIB, droppedBytes: FIVE_MIB - 65536 });
    expect([big?.head.length, big?.tail.length]).toEqual([32768, 32768]);
    process.stdout.write(`fleet run of ${FLEET} hosts ended in ${Date.now() - started} ms\n`);
  });

  it('keeps at most maxParallel commands in flight', async () => {
    const ids = servers
      .map((s, i) => ({ s, i }))
      .filter(({ i }) => i > REAL && !failing(i))
      .slice(0, 20);
    gauge.max = 0;
    const res = await run({
      command: 'true',
      targets: { serverIds: ids.map(({ s }) => s.id) },
      maxParallel: 5,
    }).expect(201);
    const detail = await ended((res.body as CommandRunDetail).id);
    expect(detail.counts).toEqual({ ok: 20 });
    expect(gauge.max).toBe(5);
  });

  it('stops at the first failure: the targets not sent are cancelled', async () => {
    const picked = servers.map((s, i) => ({ s, i })).filter(({ i }) => i > REAL && i <= REAL + 12);
    const before = new Map(picked.map(({ i }) => [i, agents.get(i)?.ran.length ?? 0]));
    const res = await run({
      command: 'true',
      targets: { serverIds: picked.map(({ s }) => s.id) },
      maxParallel: 1,
      stopOnFirstFailure: true,
    }).expect(201);
    const detail = await ended((res.body as CommandRunDetail).id);
    expect(detail.state).toBe('cancelled');
    expect(detail.counts.failed).toBe(1);
    expect(detail.counts.cancelled ?? 0).toBeGreaterThan(0);
    expect((detail.counts.ok ?? 0) + 1 + (detail.counts.cancelled ?? 0)).toBe(picked.length);
    const sent = picked.filter(({ i }) => (agents.get(i)?.ran.length ?? 0) > (before.get(i) ?? 0)).length;
    expect(sent).toBe((detail.counts.ok ?? 0) + 1);
  });
});
