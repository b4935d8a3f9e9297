import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type { CommandRunDetail } from '@hivewatch/protocol';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { eventuallyDefined, startRealAgent, type RealAgentHandle } from '../support/agents/real-agent.js';
import { SimpleAgent } from '../support/agents/simple-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(120_000);

describe('commands on many hosts: real hub, real agents over real sockets', () => {
  let hub: TestApp;
  let cookie: string;
  const agents: RealAgentHandle[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-commands-'));

  const start = async (server: { id: string; token: string }, capabilities: string[]) => {
    const real = await startRealAgent(hub.url, { agentId: server.id, token: server.token, capabilities });
    agents.push(real);
    await eventually(() => real.agent.isAuthenticated, 20_000);
    return real;
  };
  const run = (body: object) => request(hub.url).post('/api/v1/commands').set('Cookie', cookie).send(body);
  const ended = (id: string) =>
    eventuallyDefined(async () => {
      const res = await request(hub.url).get(`/api/v1/commands/${id}`).set('Cookie', cookie).expect(200);
      const detail = res.body as CommandRunDetail;
      return detail.state === 'running' ? undefined : detail;
    }, 30_000);

  beforeAll(async () => {
    hub = await startTestApp();
    cookie = await signIn(hub);
  });
  afterAll(async () => {
    for (const a of agents) a.stop();
    await hub.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs on an exec host with stdout and stderr apart, and denies a host without exec', async () => {
    const withExec = await createServer(hub.url, cookie, 'exec-yes');
    const without = await createServer(hub.url, cookie, 'exec-no');
    await start(withExec, ['exec']);
    await start(without, []);
    const res = await run({
      command: 'echo out; echo err >&2; exit 3',
      targets: { serverIds: [withExec.id, without.id] },
    }).expect(201);
    const detail = await ended((res.body as CommandRunDetail).id);
    const [no, yes] = detail.results; // by server name
    expect(yes).toMatchObject({ serverName: 'exec-yes', state: 'failed', exitCode: 3 });
    expect(yes?.stdout).toEqual({ head: 'out\n', tail: '', droppedBytes: 0, totalBytes: 4 });
    expect(yes?.stderr?.head).toBe('err\n');
    expect(no).toMatchObject({ serverName: 'exec-no', state: 'denied' });
  });

  it('queues an offline host and runs it once when its agent connects', async () => {
    const later = await createServer(hub.url, cookie, 'exec-later');
    const marker = path.join(dir, 'ran');
    const res = await run({
      command: `echo once >> ${marker}`,
      targets: { serverIds: [later.id] },
      offlineTtlSeconds: 60,
    }).expect(201);
    const id = (res.body as CommandRunDetail).id;
    expect((res.body as CommandRunDetail).results[0]?.state).toBe('queued');
    await start(later, ['exec']);
    const detail = await ended(id);
    expect(detail.results[0]).toMatchObject({ state: 'ok', exitCode: 0 });
    expect(fs.readFileSync(marker, 'utf8')).toBe('once\n');
  });

  it('fans out with every state right: capped, timed out with its group killed, failed, offline back or expired', async () => {
    const servers = await Promise.all(
      ['fan-0', 'fan-1', 'fan-2', 'fan-3', 'fan-4', 'fan-5'].map((n) => createServer(hub.url, cookie, n)),
    );
    for (const s of servers.slice(0, 4)) await start(s, ['exec']);
    // All agents share this machine: each run claims the next slot (mkdir is atomic) and acts on it.
    const slots = path.join(dir, 'slots');
    fs.mkdirSync(slots);
    const command = [
      `i=0; while ! mkdir ${slots}/$i 2>/dev/null; do i=$((i+1)); done`,
      `case $i in 0) head -c 5242880 /dev/zero | tr '\\0' a;; 1) sleep 300 & echo $!; wait;; 2) echo no >&2; exit 1;; *) echo ok;; esac`,
    ].join('; ');
    const res = await run({
      command,
      targets: { serverIds: servers.map((s) => s.id) },
      timeoutMs: 4000, // generous: 5 MiB through a pipe on a loaded 2-core machine
      offlineTtlSeconds: 6,
      maxParallel: 2,
    }).expect(201);
    const id = (res.body as CommandRunDetail).id;
    await start(servers[4] as { id: string; token: string }, ['exec']);
    const detail = await ended(id);
    expect(detail.counts).toEqual({ ok: 3, failed: 1, timed_out: 1, offline: 1 });
    expect(detail.results.find((r) => r.serverName === 'fan-5')?.state).toBe('offline');
    expect(detail.results.find((r) => r.serverName === 'fan-4')?.state).toBe('ok');
    const capped = detail.results.find((r) => (r.stdout?.droppedBytes ?? 0) > 0);
    expect(capped?.stdout).toMatchObject({ totalBytes: 5242880, droppedBytes: 5242880 - 65536 });
    expect(capped?.stdout?.head).toHaveLength(32768);
    const timedOut = detail.results.find((r) => r.state === 'timed_out');
    const child = Number(timedOut?.stdout?.head.trim());
    expect(child).toBeGreaterThan(1);
    expect(
      fs.existsSync(`/proc/${child}`) && !/\) Z /.test(fs.readFileSync(`/proc/${child}/stat`, 'utf8')),
    ).toBe(false);
    expect(fs.readdirSync(slots).sort()).toEqual(['0', '1', '2', '3', '4']); // five runs, none twice
  });

  it('shows a target as running once its live output arrives, before its result', async () => {
    const slow = await createServer(hub.url, cookie, 'exec-slow');
    await start(slow, ['exec']);
    const res = await run({
      command: 'echo started; sleep 1; echo done',
      targets: { serverIds: [slow.id] },
    }).expect(201);
    const id = (res.body as CommandRunDetail).id;
    await eventuallyDefined(async () => {
      const r = await request(hub.url).get(`/api/v1/commands/${id}`).set('Cookie', cookie).expect(200);
      return (r.body as CommandRunDetail).results[0]?.state === 'running' ? true : undefined;
    }, 5_000);
    const detail = await ended(id);
    expect(detail.results[0]).toMatchObject({ state: 'ok', stdout: { head: 'started\ndone\n' } });
  });

  it('never sends a command to a simple-dialect agent that nobody enabled', async () => {
    const seed = await createServer(hub.url, cookie, 'exec-seed-001');
    const agent = new SimpleAgent(`${hub.url.replace('http', 'ws')}/api/v1/agents/ws`, seed.token);
    await agent.connect();
    try {
      await eventually(async () => {
        const r = await request(hub.url).get(`/api/v1/servers/${seed.id}`).set('Cookie', cookie).expect(200);
        return (r.body as { online?: boolean }).online === true;
      }, 10_000);
      const res = await run({ command: 'id', targets: { serverIds: [seed.id] } }).expect(201);
      const detail = await ended((res.body as CommandRunDetail).id);
      expect(detail.results[0]).toMatchObject({ state: 'denied' });
      expect(agent.commands).toEqual([]);
    } finally {
      agent.close();
    }
  });

  it('refuses a run without a target and keeps the output cap within 1 MiB', async () => {
    await run({ command: 'true', targets: {} }).expect(400);
    const one = await createServer(hub.url, cookie, 'exec-cap');
    await run({ command: 'true', targets: { serverIds: [one.id] }, outputCapBytes: 2 * 1024 * 1024 }).expect(
      400,
    );
  });
});
