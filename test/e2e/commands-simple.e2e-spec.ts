import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type { CommandRunDetail } from '@hivewatch/protocol';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import type { SimpleAgent } from '../support/agents/simple-agent.js';
import { startSimpleHost } from '../support/agents/simple-host.js';
import { signIn } from '../support/http.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import type { TestApp } from '../support/test-app.js';

jest.setTimeout(60_000);

/** Seed-001 `command` / `command_response` behind the per-server `simpleCommands` switch. */
describe('commands to simple-dialect (seed-001) agents', () => {
  let hub: TestApp;
  let cookie: string;
  let server: { id: string; token: string };
  let agent: SimpleAgent;

  const run = async (body: object) => {
    const res = await request(hub.url).post('/api/v1/commands').set('Cookie', cookie).send(body).expect(201);
    return eventuallyDefined(async () => {
      const r = await request(hub.url)
        .get(`/api/v1/commands/${(res.body as CommandRunDetail).id}`)
        .set('Cookie', cookie)
        .expect(200);
      const d = r.body as CommandRunDetail;
      return d.state === 'running' ? undefined : d;
    }, 20_000);
  };
  const patch = (simpleCommands: unknown) =>
    request(hub.url).patch(`/api/v1/servers/${server.id}`).set('Cookie', cookie).send({ simpleCommands });

  beforeAll(async () => {
    ({ hub, cookie, server, agent } = await startSimpleHost('seed-001-host'));
  });
  afterAll(async () => {
    agent.close();
    await hub.close();
  });

  it('denies with a clear reason while the switch is off, and sends nothing', async () => {
    const r = await request(hub.url).get(`/api/v1/servers/${server.id}`).set('Cookie', cookie).expect(200);
    expect(r.body).toMatchObject({ simpleCommands: false });
    expect((r.body as { capabilities: string[] }).capabilities).not.toContain('exec');
    const detail = await run({ command: 'uptime', targets: { serverIds: [server.id] } });
    expect(detail.results[0]).toMatchObject({ state: 'denied' });
    expect(detail.results[0]?.error).toMatch(/simpleCommands/);
    expect(agent.commands).toEqual([]);
  });

  it('switching it on needs step-up, is audited, and validates its value', async () => {
    await ageStepUpProofs(hub);
    const stale = await patch(true).expect(401);
    expect(JSON.stringify(stale.body)).toContain('step_up');
    await request(hub.url)
      .patch(`/api/v1/servers/${server.id}`)
      .set('Cookie', cookie)
      .send({ notes: 'n' })
      .expect(200);
    cookie = await signIn(hub);
    await patch('yes').expect(400);
    const ok = await patch(true).expect(200);
    expect(ok.body).toMatchObject({ simpleCommands: true });
    const audit = await request(hub.url)
      .get('/api/v1/audit-logs?action=server.simple-commands')
      .set('Cookie', cookie)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'server.simple-commands',
      detail: { enabled: true },
    });
  });

  it('then sends seed-001 command frames: output as stdout, the exit code, no stderr', async () => {
    const detail = await run({ command: 'uname -a', targets: { serverIds: [server.id] } });
    expect(agent.commands.at(-1)).toMatchObject({ type: 'command', command: 'uname -a' });
    expect(String(agent.commands.at(-1)?.['command_id'])).toMatch(/^\d+$/);
    expect(detail.results[0]).toMatchObject({
      state: 'ok',
      exitCode: 0,
      stdout: { head: 'ran uname -a', droppedBytes: 0 },
      stderr: { head: '', totalBytes: 0 },
    });
  });

  it("enforces the run's timeout on the hub (a seed-001 agent has none)", async () => {
    agent.silent = true;
    const started = Date.now();
    const detail = await run({ command: 'sleep 100', targets: { serverIds: [server.id] }, timeoutMs: 1500 });
    agent.silent = false;
    expect(detail.results[0]).toMatchObject({ state: 'timed_out' });
    expect(detail.results[0]?.error).toMatch(/no timeout of its own/);
    expect(Date.now() - started).toBeLessThan(12_000); // not the envelope grace of 15 s
  });

  it('switching it off again denies at once, without a reconnect', async () => {
    await patch(false).expect(200);
    const before = agent.commands.length;
    const detail = await run({ command: 'id', targets: { serverIds: [server.id] } });
    expect(detail.results[0]).toMatchObject({ state: 'denied' });
    expect(agent.commands).toHaveLength(before);
  });
});
