import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import type { SimpleAgent } from '../support/agents/simple-agent.js';
import { startSimpleHost } from '../support/agents/simple-host.js';
import { signIn } from '../support/http.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import type { TestApp } from '../support/test-app.js';

jest.setTimeout(60_000);

/** Seed-001 `docker_command` / `docker_response` behind the per-server `simpleCommands` switch. */
describe('container actions on simple-dialect (seed-001) agents', () => {
  let hub: TestApp;
  let cookie: string;
  let server: { id: string; token: string };
  let agent: SimpleAgent;

  const act = (action: string, container = 'web') =>
    request(hub.url)
      .post(`/api/v1/servers/${server.id}/containers/${container}/actions`)
      .set('Cookie', cookie)
      .send({ action });
  const patch = (simpleCommands: boolean) =>
    request(hub.url)
      .patch(`/api/v1/servers/${server.id}`)
      .set('Cookie', cookie)
      .send({ simpleCommands })
      .expect(200);
  const dockerCommands = () => agent.commands.filter((c) => c['type'] === 'docker_command');
  const lastAudit = async () => {
    const res = await request(hub.url)
      .get('/api/v1/audit-logs?action=docker.container.action')
      .set('Cookie', cookie)
      .expect(200);
    return (res.body as { items: Record<string, unknown>[] }).items[0];
  };

  beforeAll(async () => {
    ({ hub, cookie, server, agent } = await startSimpleHost('seed-001-docker'));
  });
  afterAll(async () => {
    agent.close();
    await hub.close();
  });

  it('refuses with 409 while the switch is off, sends nothing, and audits the refusal', async () => {
    const r = await request(hub.url).get(`/api/v1/servers/${server.id}`).set('Cookie', cookie).expect(200);
    expect((r.body as { capabilities: string[] }).capabilities).toEqual([]);
    const res = await act('restart').expect(409);
    expect((res.body as { message: string }).message).toMatch(/simpleCommands/);
    expect(dockerCommands()).toEqual([]);
    expect(await lastAudit()).toMatchObject({
      action: 'docker.container.action',
      outcome: 'failure',
      targetId: server.id,
      detail: { action: 'restart', containerId: 'web', serverName: 'seed-001-docker', status: 409 },
    });
  });

  it('with the switch on, sends docker_command and maps docker_response to the REST result', async () => {
    await patch(true);
    const res = await act('stop').expect(200);
    expect(res.body).toEqual({ ok: true, action: 'stop', message: 'ok' });
    expect(dockerCommands()).toHaveLength(1);
    const sent = dockerCommands()[0]!;
    expect(sent).toMatchObject({ type: 'docker_command', action: 'stop', container_id: 'web' });
    expect(String(sent['command_id'])).toMatch(/^\d+$/);
    expect(await lastAudit()).toMatchObject({
      outcome: 'success',
      detail: { action: 'stop', containerId: 'web', message: 'ok' },
    });
  });

  it("a failed docker_response is a 502 with the agent's message", async () => {
    agent.dockerReply = { success: false, message: 'No such container: db' };
    const res = await act('start', 'db').expect(502);
    agent.dockerReply = { success: true, message: 'ok' };
    expect((res.body as { message: string }).message).toBe('No such container: db');
    expect(await lastAudit()).toMatchObject({
      outcome: 'failure',
      detail: { action: 'start', containerId: 'db', status: 502, message: 'No such container: db' },
    });
  });

  it('a docker_response without a message is a success with message null', async () => {
    agent.dockerReply = { success: true };
    const res = await act('remove', 'old').expect(200);
    agent.dockerReply = { success: true, message: 'ok' };
    expect(res.body).toEqual({ ok: true, action: 'remove', message: null });
    expect(dockerCommands().at(-1)).toMatchObject({ action: 'remove', container_id: 'old' });
  });

  it('refuses pause and unpause (seed 001 knows only start/stop/restart/remove), inspect and logs', async () => {
    const before = dockerCommands().length;
    for (const action of ['pause', 'unpause']) {
      const res = await act(action).expect(409);
      expect((res.body as { message: string }).message).toContain(`'${action}' cannot be sent`);
    }
    const inspect = await request(hub.url)
      .get(`/api/v1/servers/${server.id}/containers/web/inspect`)
      .set('Cookie', cookie)
      .expect(409);
    expect((inspect.body as { message: string }).message).toMatch(/seed-001/);
    await request(hub.url)
      .get(`/api/v1/servers/${server.id}/containers/web/logs?tail=5`)
      .set('Cookie', cookie)
      .expect(409);
    await act('explode').expect(400);
    expect(dockerCommands()).toHaveLength(before);
  });

  it('needs step-up', async () => {
    await ageStepUpProofs(hub);
    const res = await act('restart').expect(401);
    expect(JSON.stringify(res.body)).toContain('step_up');
    cookie = await signIn(hub);
  });

  it('switching it off again refuses at once, without a reconnect', async () => {
    await patch(false);
    const before = dockerCommands().length;
    await act('restart').expect(409);
    expect(dockerCommands()).toHaveLength(before);
  });
});
