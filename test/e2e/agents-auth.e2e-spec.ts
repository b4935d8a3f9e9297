import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createServer } from '../support/agents/fixtures.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { SimpleAgent } from '../support/agents/simple-agent.js';
import { TestSocket } from '../support/agents/socket.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('agent gateway: authentication (both dialects)', () => {
  let hub: TestApp;
  let cookie: string;
  let wsUrl: string;
  let server: { id: string; token: string };

  beforeAll(async () => {
    hub = await startTestApp({
      HIVEWATCH_AGENT_AUTH_TIMEOUT_SECONDS: '1',
      HIVEWATCH_AGENT_AUTH_FAILURES_PER_MINUTE: '1000',
    });
    cookie = await signIn(hub);
    wsUrl = `${hub.url.replace('http', 'ws')}/api/v1/agents/ws`;
    server = await createServer(hub.url, cookie);
  });
  afterAll(async () => {
    await hub.close();
  });

  it('answers the seed-002 authenticate (no id) with status ok at both levels, id null', async () => {
    const agent = new SeedAgent(wsUrl, { serverId: server.id, token: server.token });
    const reply = await agent.connect();
    const { timestamp, ...rest } = reply;
    expect(typeof timestamp).toBe('number');
    expect(rest).toEqual({
      type: 'response',
      id: null,
      action: 'authenticate',
      status: 'ok',
      payload: { status: 'ok', server_id: server.id, protocol_version: 2, metrics_interval: 5 },
    });
    // Then the hub asks for the host facts and stores them with the dialect.
    await agent.socket.next((f) => f['action'] === 'get-server-info' && f['type'] === 'request');
    const view = await request(hub.url).get(`/api/v1/servers/${server.id}`).set('Cookie', cookie).expect(200);
    expect(view.body).toMatchObject({ dialect: 'envelope', protocolVersion: 1 });
    agent.close();
  });

  it('echoes the request id and refuses bad credentials with 4401 and the exact error reply', async () => {
    const socket = await TestSocket.open(wsUrl);
    socket.send({
      type: 'request',
      id: 7,
      action: 'authenticate',
      payload: { agent_id: server.id, token: server.token.slice(0, -2) + 'xx' },
    });
    const reply = await socket.next();
    const { timestamp: _t, ...rest } = reply;
    expect(rest).toEqual({
      type: 'response',
      id: 7,
      action: 'authenticate',
      status: 'error',
      message: 'Invalid agent credentials',
      payload: { status: 'error', message: 'Invalid agent credentials' },
    });
    expect((await socket.waitClosed()).code).toBe(4401);
    const audit = await request(hub.url)
      .get('/api/v1/audit-logs?action=agent.authenticate&outcome=failure')
      .set('Cookie', cookie)
      .expect(200);
    expect(JSON.stringify(audit.body)).not.toContain(server.token.slice(13));
    expect(audit.body.items.length).toBeGreaterThan(0);
  });

  it('speaks the simple dialect: auth_success, and the seed-001 error + 4401 on a bad key', async () => {
    const agent = new SimpleAgent(wsUrl, server.token);
    expect(await agent.connect()).toEqual({
      type: 'auth_success',
      server_id: server.id,
      message: 'Connected successfully',
    });
    agent.close();
    const bad = new SimpleAgent(wsUrl, 'hwa_aaaaaaaa_' + 'A'.repeat(43));
    expect(await bad.connect()).toEqual({ type: 'error', message: 'Invalid or inactive API key' });
    expect((await bad.socket.waitClosed()).code).toBe(4401);
  });

  it('refuses a credential in the URL query string (4401, audited) before any frame', async () => {
    const socket = await TestSocket.open(`${wsUrl}?token=${encodeURIComponent(server.token)}`);
    expect((await socket.waitClosed()).code).toBe(4401);
    const audit = await request(hub.url)
      .get('/api/v1/audit-logs?action=agent.authenticate')
      .set('Cookie', cookie)
      .expect(200);
    const text = JSON.stringify(audit.body);
    expect(text).toContain('credentials-in-query');
    expect(text).not.toContain(server.token);
  });

  it('closes 4400 after an error frame when the first frame is not an authentication', async () => {
    const simple = await TestSocket.open(wsUrl);
    simple.send({ type: 'metrics', cpu_percent: 1, memory_percent: 1 });
    expect(await simple.next()).toEqual({ type: 'error', message: 'Invalid message format' });
    expect((await simple.waitClosed()).code).toBe(4400);

    const garbage = await TestSocket.open(wsUrl);
    garbage.sendRaw('{not json');
    expect(await garbage.next()).toEqual({ type: 'error', message: 'Invalid message format' });
    expect((await garbage.waitClosed()).code).toBe(4400);

    const envelope = await TestSocket.open(wsUrl);
    envelope.send({ type: 'event', action: 'metrics', payload: {} });
    expect(await envelope.next()).toMatchObject({ type: 'event', action: 'error' });
    expect((await envelope.waitClosed()).code).toBe(4400);
  });

  it('closes 4408 when no authentication arrives within the deadline', async () => {
    const socket = await TestSocket.open(wsUrl);
    const started = Date.now();
    expect((await socket.waitClosed(4000)).code).toBe(4408);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('enrolls with an enrollment key and carries on authenticated', async () => {
    const key = await request(hub.url)
      .post('/api/v1/enrollment-keys')
      .set('Cookie', cookie)
      .send({ name: 'fleet' })
      .expect(201);
    const socket = await TestSocket.open(wsUrl);
    socket.send({
      type: 'request',
      id: 1,
      action: 'authenticate',
      payload: { enrollment_key: key.body.key, hostname: 'db-7', machine_id: 'm-123', protocol_version: 2 },
    });
    const reply = await socket.next<{ payload: Record<string, unknown>; status: string }>();
    expect(reply.status).toBe('ok');
    expect(reply.payload).toMatchObject({ status: 'ok', protocol_version: 2, metrics_interval: 5 });
    expect(reply.payload['agent_id']).toBe(reply.payload['server_id']);
    expect(String(reply.payload['token'])).toMatch(/^hwa_/);
    // Authenticated: a metrics event is accepted without an error reply.
    socket.send({ type: 'event', action: 'metrics', payload: { bogus: true } });
    expect(await socket.next((f) => f['action'] === 'error')).toMatchObject({ type: 'event' });
    socket.close();
  });

  it('closes the live connection with 4403 when the token is rotated', async () => {
    const s = await createServer(hub.url, cookie);
    const agent = new SeedAgent(wsUrl, { serverId: s.id, token: s.token });
    await agent.connect();
    await request(hub.url).post(`/api/v1/servers/${s.id}/token`).set('Cookie', cookie).expect(200);
    expect((await agent.socket.waitClosed()).code).toBe(4403);
  });
});

describe('agent gateway: authentication rate limit', () => {
  it('closes with 4429 without verifying once an address failed too often', async () => {
    const hub = await startTestApp({ HIVEWATCH_AGENT_AUTH_FAILURES_PER_MINUTE: '3' });
    try {
      const wsUrl = `${hub.url.replace('http', 'ws')}/api/v1/agents/ws`;
      for (let i = 0; i < 3; i++) {
        const bad = new SimpleAgent(wsUrl, 'hwa_bbbbbbbb_' + 'B'.repeat(43));
        await bad.connect();
        expect((await bad.socket.waitClosed()).code).toBe(4401);
      }
      const blocked = await TestSocket.open(wsUrl);
      blocked.send({ type: 'auth', api_key: 'hwa_bbbbbbbb_' + 'B'.repeat(43) });
      expect((await blocked.waitClosed()).code).toBe(4429);
    } finally {
      await hub.close();
    }
  });
});
