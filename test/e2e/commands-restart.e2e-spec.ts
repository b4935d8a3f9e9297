import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type { CommandRunDetail } from '@hivewatch/protocol';
import { ExecAgent } from '../support/agents/exec-agent.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { RestartableHub } from '../support/agents/hub.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { signIn } from '../support/http.js';

jest.setTimeout(120_000);

/** Command runs survive a hub restart: sent targets are re-sent with their request id, or time out. */
describe('command runs across a hub restart', () => {
  const hub = new RestartableHub();
  let cookie: string;
  const agents: ExecAgent[] = [];

  const detail = async (id: string) =>
    (await request(hub.url).get(`/api/v1/commands/${id}`).set('Cookie', cookie).expect(200))
      .body as CommandRunDetail;
  const restart = async () => {
    await hub.stop();
    await hub.start();
    cookie = await signIn(hub as never);
  };

  beforeAll(async () => {
    await hub.start();
    cookie = await signIn(hub as never);
  });
  afterAll(async () => {
    for (const a of agents) a.close();
    await hub.dispose();
  });

  it('re-sends a running target with the same request id when its agent is back: it runs once', async () => {
    const s = await createServer(hub.url, cookie, 'restart-long');
    const agent = new ExecAgent(hub.wsUrl, s.id, s.token, { stdout: 'long\n', delayMs: 3000 });
    agents.push(agent);
    await agent.connect();
    const res = await request(hub.url)
      .post('/api/v1/commands')
      .set('Cookie', cookie)
      .send({ command: 'long job', targets: { serverIds: [s.id] }, timeoutMs: 30_000 })
      .expect(201);
    const id = (res.body as CommandRunDetail).id;
    await eventually(() => agent.received.length === 1, 10_000);
    await restart();
    expect((await detail(id)).results[0]?.state).toMatch(/^(sent|running)$/);
    await agent.connect();
    const done = await eventuallyDefined(async () => {
      const d = await detail(id);
      return d.state === 'running' ? undefined : d;
    }, 30_000);
    expect(done.results[0]).toMatchObject({ state: 'ok', exitCode: 0, stdout: { head: 'long\n' } });
    expect(agent.received).toHaveLength(2);
    expect(agent.received[1]).toBe(agent.received[0]);
    expect(agent.ran).toHaveLength(1);
  });

  it('ends a sent target timed_out once its deadline passed and its agent did not come back', async () => {
    const s = await createServer(hub.url, cookie, 'restart-gone');
    const agent = new ExecAgent(hub.wsUrl, s.id, s.token, { never: true });
    agents.push(agent);
    await agent.connect();
    const res = await request(hub.url)
      .post('/api/v1/commands')
      .set('Cookie', cookie)
      .send({ command: 'hangs', targets: { serverIds: [s.id] }, timeoutMs: 1000 })
      .expect(201);
    const id = (res.body as CommandRunDetail).id;
    await eventually(() => agent.received.length === 1, 10_000);
    agent.close();
    await restart();
    const done = await eventuallyDefined(async () => {
      const d = await detail(id);
      return d.state === 'running' ? undefined : d;
    }, 40_000);
    expect(done.results[0]).toMatchObject({ state: 'timed_out' });
    expect(done.results[0]?.error).toMatch(/deadline/);
    expect(agent.ran).toHaveLength(1);
  });
});
