import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { commandRunEventSchema, type CommandRunDetail } from '@hivewatch/protocol';
import { bundleAgent, collect, processGroup, type RunningProcess } from '../support/agents/agent-bundle.js';
import { createServer, eventually, sleep } from '../support/agents/fixtures.js';
import { createApiKey, signIn } from '../support/http.js';
import { openSse, type SseStream } from '../support/sse.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(120_000);

const alive = (pid: number) =>
  fs.existsSync(`/proc/${pid}/stat`) && !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));

/** The real agent (bundled as shipped) with `exec`: live output over SSE, cancel, timeout. */
describe('a command on the real agent, followed live', () => {
  let hub: TestApp;
  let cookie: string;
  let work: string;
  let agent: RunningProcess;
  let serverId: string;
  const streams: SseStream[] = [];

  const run = (body: object) => request(hub.url).post('/api/v1/commands').set('Cookie', cookie).send(body);
  const follow = async (id: string, headers: Record<string, string> = { Cookie: cookie }) => {
    const stream = await openSse(`${hub.url}/api/v1/commands/${id}/events`, headers);
    streams.push(stream);
    return stream;
  };
  const start = async (command: string, timeoutMs = 60_000) => {
    const res = await run({ command, targets: { serverIds: [serverId] }, timeoutMs }).expect(201);
    const id = (res.body as CommandRunDetail).id;
    return { id, stream: await follow(id) };
  };
  const outputs = (stream: SseStream, name: 'stdout' | 'stderr') =>
    stream.events
      .map((e) => e.event)
      .filter((e) => e['type'] === 'output' && e['stream'] === name)
      .map((e) => e['data'])
      .join('');

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-commands-live-'));
    const { bundle } = await bundleAgent(work);
    hub = await startTestApp();
    cookie = await signIn(hub);
    const server = await createServer(hub.url, cookie, 'live-host');
    serverId = server.id;
    const tokenFile = path.join(work, 'agent.token');
    fs.writeFileSync(tokenFile, `${server.token}\n`, { mode: 0o600 });
    agent = collect(
      spawn(process.execPath, [bundle, '--hub', hub.url, '--id', server.id, '--token-file', tokenFile], {
        env: {
          ...process.env,
          HIVEWATCH_AGENT_STATE_FILE: path.join(work, 'state', 'state.json'),
          HIVEWATCH_AGENT_CONFIG: path.join(work, 'agent.json'),
          HIVEWATCH_AGENT_CAPABILITIES: 'exec',
          HIVEWATCH_AGENT_TOKEN: '',
        },
        stdio: 'pipe',
      }),
    );
    await eventually(async () => {
      const r = await request(hub.url).get(`/api/v1/servers/${serverId}`).set('Cookie', cookie).expect(200);
      return (r.body as { online?: boolean; capabilities?: string[] }).capabilities?.includes('exec') &&
        (r.body as { online?: boolean }).online
        ? true
        : undefined;
    }, 30_000);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    agent?.child.kill('SIGTERM');
    await agent?.exited;
    await hub.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('streams output while the command runs, stderr apart, and ends with the run', async () => {
    const { stream } = await start('for i in 1 2 3; do echo $i; sleep 1; done; echo oops >&2');
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    await stream.ended;
    const events = stream.events.map((e) => e.event);
    for (const e of events) expect(commandRunEventSchema.safeParse(e).success).toBe(true);
    expect(events[0]?.['type']).toBe('snapshot');
    const first = stream.events.find((e) => e.event['type'] === 'output');
    const final = stream.events.find(
      (e) => e.event['type'] === 'target' && (e.event['target'] as { state: string }).state === 'ok',
    );
    expect(first?.event['data']).toBe('1\n'); // printed before we followed: replayed after the snapshot
    // The first line arrived about two seconds before the result.
    expect((final?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThan(1200);
    expect(outputs(stream, 'stdout')).toBe('1\n2\n3\n');
    expect(outputs(stream, 'stderr')).toBe('oops\n');
    const last = events.at(-1) as { type: string; run: { state: string; counts: object } };
    expect(last).toMatchObject({ type: 'run', run: { state: 'done', counts: { ok: 1 } } });
  });

  it('cancel kills the running command and its whole process group', async () => {
    const { id, stream } = await start('sleep 300 & echo $!; wait', 120_000);
    await stream.next((e) => e['type'] === 'output');
    const pid = Number(outputs(stream, 'stdout').trim());
    expect(alive(pid)).toBe(true);
    const pgid = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[2]);
    await request(hub.url).post(`/api/v1/commands/${id}/cancel`).set('Cookie', cookie).expect(200);
    await stream.ended;
    const detail = (await request(hub.url).get(`/api/v1/commands/${id}`).set('Cookie', cookie).expect(200))
      .body as CommandRunDetail;
    expect(detail.state).toBe('cancelled');
    expect(detail.results[0]).toMatchObject({ state: 'cancelled', signal: 'SIGTERM' });
    expect(alive(pid)).toBe(false);
    expect(processGroup(pgid).filter(alive)).toEqual([]);
  });

  it('the agent timeout ends a command that runs too long', async () => {
    const { stream } = await start('sleep 30', 1000);
    await stream.ended;
    const last = stream.events.at(-1)?.event as { run: { counts: object } };
    expect(last.run.counts).toEqual({ timed_out: 1 });
  });

  it('has the access of reading the run, and bounds followers per user', async () => {
    const { id, stream } = await start('sleep 2');
    await request(hub.url).get(`/api/v1/commands/${id}/events`).expect(401);
    const key = await createApiKey(hub, cookie, 'read');
    const read = await request(hub.url).get(`/api/v1/commands/${id}`).set('Authorization', `Bearer ${key}`);
    const sse = await follow(id, { Authorization: `Bearer ${key}` });
    expect(sse.status).toBe(read.status);
    sse.close();
    await sleep(300); // the hub sees the close
    const missing = await follow('00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const more = [];
    for (let i = 0; i < 9; i++) more.push(await follow(id));
    const refused = await follow(id);
    expect(refused.status).toBe(429);
    for (const s of more) s.close();
    await stream.ended;
  });
});
