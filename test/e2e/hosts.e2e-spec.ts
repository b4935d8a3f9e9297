import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stepUpRequiredSchema } from '@hivewatch/protocol';
import request from 'supertest';
import { Clock } from '../../src/common/auth/clock.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { SimpleAgent } from '../support/agents/simple-agent.js';
import { createApiKey, createUserAndSignIn, signIn } from '../support/http.js';
import { ageStepUpProofs, enrollTotp, totpCode } from '../support/second-factor.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('host requests relayed to the agent (REST)', () => {
  let hub: TestApp;
  let cookie: string;
  let wsUrl: string;
  let s: { id: string; token: string };
  let agent: SeedAgent;
  const get = (path: string) => request(hub.url).get(`/api/v1/servers/${s.id}${path}`).set('Cookie', cookie);

  beforeAll(async () => {
    hub = await startTestApp({ HIVEWATCH_AGENT_RPC_TIMEOUT_SECONDS: '1' });
    cookie = await signIn(hub);
    wsUrl = `${hub.url.replace('http', 'ws')}/api/v1/agents/ws`;
    s = await createServer(hub.url, cookie);
    agent = new SeedAgent(wsUrl, {
      serverId: s.id,
      token: s.token,
      handlers: {
        'get-service': (p) =>
          (p as { name: string }).name === 'broken'
            ? { status: 'error', message: 'Unit broken.service not found.' }
            : { status: 'ok', data: { name: (p as { name: string }).name, mainPID: 812, restart: 'always' } },
      },
    });
    await agent.connect();
    await eventually(() => agent.ran('get-server-info') >= 1);
  });
  afterAll(async () => {
    agent.close();
    await hub.close();
  });

  it('answers info, services (unwrapped), one service, its log, processes and one process', async () => {
    expect((await get('/info').expect(200)).body).toMatchObject({ hostname: 'server-01', cpuThreads: 8 });
    expect((await get('/services').expect(200)).body).toEqual([
      { name: 'nginx', activeState: 'active', subState: 'running' },
    ]);
    expect((await get('/services/nginx').expect(200)).body).toMatchObject({ name: 'nginx', mainPID: 812 });
    expect((await get('/services/nginx/logs').expect(200)).body).toEqual([
      { log: '2024-01-01T00:00:00Z started' },
    ]);
    expect((await get('/processes').expect(200)).body[0]).toMatchObject({ pid: 1, name: 'systemd' });
    expect((await get('/processes/1234').expect(200)).body).toMatchObject({
      pid: 1234,
      cmdline: 'python app.py',
    });
    const ids = agent.requests.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Time-based ids (ms × 1000 + sequence), never a counter from 1, always safe integers.
    expect(ids.every((id) => Number.isSafeInteger(id) && id > (Date.now() - 60_000) * 1000)).toBe(true);
  });

  it('restarts a service (admin, audited) and updates the agent config', async () => {
    await request(hub.url)
      .post(`/api/v1/servers/${s.id}/services/nginx/restart`)
      .set('Cookie', cookie)
      .expect(200, { status: 'ok' });
    expect(agent.ran('restart-service')).toBe(1);
    await request(hub.url)
      .put(`/api/v1/servers/${s.id}/agent-config`)
      .set('Cookie', cookie)
      .send({ metricsInterval: 10, watchlist: ['nginx', 'postgresql@16-main'] })
      .expect(200, { status: 'ok' });
    expect(agent.requests.at(-1)).toMatchObject({
      action: 'update-agent-config',
      payload: { metricsInterval: 10, watchlist: ['nginx', 'postgresql@16-main'] },
    });
    const audit = await request(hub.url).get('/api/v1/audit-logs').set('Cookie', cookie).expect(200);
    const actions = (audit.body.items as { action: string }[]).map((i) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['server.service.restart', 'server.agent-config.update']));
  });

  it('restarting is a step-up action: 401 step_up_required, then a fresh code reaches the agent, until the window ends', async () => {
    const restart = (headers: Record<string, string>) =>
      request(hub.url).post(`/api/v1/servers/${s.id}/services/nginx/restart`).set(headers);
    const ops = await createUserAndSignIn(hub, cookie, {
      username: 'ops-admin',
      password: 'ops-admin-password-1',
      role: 'admin',
    });
    const { secret } = await enrollTotp(hub, ops);
    const before = agent.ran('restart-service');
    await ageStepUpProofs(hub);
    const refused = await restart({ Cookie: ops }).expect(401);
    expect(stepUpRequiredSchema.parse(refused.body)).toMatchObject({ methods: ['totp'], maxAgeSeconds: 300 });
    expect(agent.ran('restart-service')).toBe(before);
    // the enrollment spent this 30-second step: step up with the app's next code
    const later = Date.now() + 30_000;
    const spy = jest.spyOn(hub.app.get(Clock), 'now').mockImplementation(() => later);
    try {
      await request(hub.url)
        .post('/api/v1/auth/step-up')
        .set('Cookie', ops)
        .send({ code: totpCode(secret, later) })
        .expect(200);
    } finally {
      spy.mockRestore();
    }
    await restart({ Cookie: ops }).expect(200, { status: 'ok' });
    expect(agent.ran('restart-service')).toBe(before + 1);
    await ageStepUpProofs(hub);
    await restart({ Cookie: ops }).expect(401);
    expect(agent.ran('restart-service')).toBe(before + 1);
  });

  it('API keys need the ops scope for step-up actions, created with step-up by an admin; access tokens never pass', async () => {
    const restart = (headers: Record<string, string>) =>
      request(hub.url).post(`/api/v1/servers/${s.id}/services/nginx/restart`).set(headers);
    await request(hub.url)
      .post('/api/v1/auth/step-up')
      .set('Cookie', cookie)
      .send({ password: 'test-admin-password-0001' })
      .expect(200);
    const adminKey = await createApiKey(hub, cookie, 'admin');
    const token = (await request(hub.url).post('/api/v1/auth/token').set('Cookie', cookie).expect(201)).body
      .accessToken as string;
    const before = agent.ran('restart-service');
    const keyRefused = await restart({ Authorization: `Bearer ${adminKey}` }).expect(403);
    expect(keyRefused.body.message).toMatch(/ops scope/);
    const tokenRefused = await restart({ Authorization: `Bearer ${token}` }).expect(403);
    expect(tokenRefused.body.message).toMatch(/access tokens cannot/);
    expect(agent.ran('restart-service')).toBe(before);
    // an ops key needs a fresh proof to be created, and an admin
    await ageStepUpProofs(hub);
    const stale = await request(hub.url)
      .post('/api/v1/api-keys')
      .set('Cookie', cookie)
      .send({ name: 'ops', scope: 'ops' })
      .expect(401);
    expect(stale.body.reason).toBe('step_up_required');
    await request(hub.url)
      .post('/api/v1/api-keys')
      .set('Cookie', cookie)
      .send({ name: 'r', scope: 'read' })
      .expect(201);
    await request(hub.url)
      .post('/api/v1/auth/step-up')
      .set('Cookie', cookie)
      .send({ password: 'test-admin-password-0001' })
      .expect(200);
    const opsKey = await createApiKey(hub, cookie, 'ops');
    const user = await createUserAndSignIn(hub, cookie, {
      username: 'plain',
      password: 'plain-password-0001',
      role: 'user',
    });
    const userOps = await request(hub.url)
      .post('/api/v1/api-keys')
      .set('Cookie', user)
      .send({ name: 'x', scope: 'ops' })
      .expect(403);
    expect(userOps.body.message).toMatch(/Only admins may create ops-scoped/);
    await restart({ Authorization: `Bearer ${opsKey}` }).expect(200, { status: 'ok' });
    expect(agent.ran('restart-service')).toBe(before + 1);
    const listed = await request(hub.url).get('/api/v1/api-keys').set('Cookie', cookie).expect(200);
    expect((listed.body as { scope: string }[]).map((k) => k.scope)).toContain('ops');
  });

  it('validates before sending: 400 and nothing reaches the agent', async () => {
    const sent = agent.requests.length;
    const put = (body: unknown) =>
      request(hub.url)
        .put(`/api/v1/servers/${s.id}/agent-config`)
        .set('Cookie', cookie)
        .send(body as object);
    expect((await put({ metricsInterval: 3601, watchlist: [] }).expect(400)).text).toContain(
      'metricsInterval',
    );
    await put({ metricsInterval: 1.5, watchlist: [] }).expect(400);
    expect((await put({ metricsInterval: 5, watchlist: ['nginx; rm -rf /'] }).expect(400)).text).toContain(
      'watchlist',
    );
    await put({ metricsInterval: 5 }).expect(400);
    await get('/services/bad%20name').expect(400);
    await get('/processes/abc').expect(400);
    await request(hub.url)
      .post(`/api/v1/servers/${s.id}/services/$(reboot)/restart`)
      .set('Cookie', cookie)
      .expect(400);
    expect(agent.requests.length).toBe(sent);
  });

  it('maps failures: 404 unknown server, 502 agent error, 504 timeout, 409 offline', async () => {
    await request(hub.url)
      .get('/api/v1/servers/6f1c1c1e-7d6e-4c38-9a51-2f0f3f1a0b99/services')
      .set('Cookie', cookie)
      .expect(404);
    const failed = await get('/services/broken').expect(502);
    expect(failed.body.message).toBe('Unit broken.service not found.');
    agent.silent = true;
    await get('/processes').expect(504);
    agent.silent = false;
    const other = await createServer(hub.url, cookie);
    const offline = await request(hub.url)
      .get(`/api/v1/servers/${other.id}/info`)
      .set('Cookie', cookie)
      .expect(409);
    expect(offline.body.message).toContain('agent offline');
  });

  it('refuses seed-002 actions to a simple-dialect agent with 409', async () => {
    const other = await createServer(hub.url, cookie);
    const simple = new SimpleAgent(wsUrl, other.token);
    await simple.connect();
    const res = await request(hub.url)
      .get(`/api/v1/servers/${other.id}/services`)
      .set('Cookie', cookie)
      .expect(409);
    expect(res.body.message).toContain("not supported by this agent's dialect");
    simple.close();
  });

  it('re-sends a pending request with the same id after a reconnect; the agent cache answers', async () => {
    agent.silent = true;
    const restart = request(hub.url)
      .post(`/api/v1/servers/${s.id}/services/nginx/restart`)
      .set('Cookie', cookie)
      .then((r) => r);
    await eventually(() => agent.requests.at(-1)?.action === 'restart-service');
    const first = agent.requests.at(-1)!;
    // The agent executes it, but its answer is lost with the connection.
    agent.silent = false;
    agent.cache.set(
      first.id,
      JSON.stringify({
        type: 'response',
        id: first.id,
        action: 'restart-service',
        payload: { status: 'ok' },
      }),
    );
    agent.executions.set('restart-service', agent.ran('restart-service') + 1);
    const ranBefore = agent.ran('restart-service');
    agent.socket.terminate();
    await agent.reconnect();
    const res = await restart;
    expect(res.status).toBe(200);
    const resent = agent.requests.filter((r) => r.id === first.id);
    expect(resent.length).toBe(2);
    expect(agent.ran('restart-service')).toBe(ranBefore); // answered from the cache: ran once
  });

  it('remembers the agent config on the server once the agent accepted it, never after an error or timeout', async () => {
    const other = await createServer(hub.url, cookie);
    let answer: 'ok' | 'error' | 'no-answer' = 'ok';
    const configured = new SeedAgent(wsUrl, {
      serverId: other.id,
      token: other.token,
      handlers: {
        'update-agent-config': () =>
          answer === 'ok'
            ? { status: 'ok' }
            : answer === 'error'
              ? { status: 'error', message: 'config file is read-only' }
              : 'no-answer',
      },
    });
    await configured.connect();
    const put = (body: object) =>
      request(hub.url).put(`/api/v1/servers/${other.id}/agent-config`).set('Cookie', cookie).send(body);
    const stored = async () =>
      (await request(hub.url).get(`/api/v1/servers/${other.id}`).set('Cookie', cookie).expect(200)).body
        .agentConfig as { metricsInterval: number; watchlist: string[]; appliedAt: string } | null;
    try {
      expect(await stored()).toBeNull();

      const before = Date.now();
      await put({ metricsInterval: 30, watchlist: ['nginx', 'cron'] }).expect(200);
      const applied = await stored();
      expect(applied).toEqual({
        metricsInterval: 30,
        watchlist: ['nginx', 'cron'],
        appliedAt: expect.any(String),
      });
      expect(Date.parse(applied!.appliedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(applied!.appliedAt)).toBeLessThanOrEqual(Date.now());
      const list = await request(hub.url).get('/api/v1/servers').set('Cookie', cookie).expect(200);
      const row = (list.body.items as { id: string; agentConfig: unknown }[]).find((i) => i.id === other.id);
      expect(row?.agentConfig).toEqual(applied);

      answer = 'error';
      expect((await put({ metricsInterval: 60, watchlist: ['ssh'] }).expect(502)).body.message).toBe(
        'config file is read-only',
      );
      expect(await stored()).toEqual(applied);

      answer = 'no-answer';
      await put({ metricsInterval: 90, watchlist: [] }).expect(504);
      expect(await stored()).toEqual(applied);
      expect(configured.ran('update-agent-config')).toBe(3);
    } finally {
      configured.close();
    }
  });
});
