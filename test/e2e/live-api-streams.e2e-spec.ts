import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  API_LOGS_WS_PATH_PREFIX,
  API_METRICS_WS_PATH_PREFIX,
  apiClientFrameSchema,
  CloseCode,
} from '@hivewatch/protocol';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { HubEvents } from '../../src/common/events/hub-events.js';
import { ServerDirectory } from '../../src/live/server-directory.js';
import { RecordsService } from '../../src/records/records.service.js';
import { makeSample } from '../../src/records/samples.test-helper.js';
import { insertServer } from '../../src/records/servers.test-helper.js';
import { Server } from '../../src/servers/server.entity.js';
import { createApiKey, signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openWs, wsUrl, type WsClient } from '../support/ws-client.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('API-client streams (seed 001)', () => {
  let hub: TestApp;
  let accessToken: string;
  let apiKey: string;
  let plain: string;
  let follower: string;
  const open: WsClient[] = [];

  const stream = async (kind: 'metrics' | 'logs', serverId: string) => {
    const prefix = kind === 'metrics' ? API_METRICS_WS_PATH_PREFIX : API_LOGS_WS_PATH_PREFIX;
    const client = await openWs(wsUrl(hub.url, `${prefix}/${serverId}`));
    open.push(client);
    return client;
  };
  const ingest = (serverId: string, cpuPercent: number) =>
    hub.app.get(RecordsService).ingest(makeSample({ serverId, time: Date.now(), cpuPercent }));

  beforeAll(async () => {
    hub = await startTestApp();
    const cookie = await signIn(hub);
    const res = await request(hub.url).post('/api/v1/auth/token').set('Cookie', cookie).expect(201);
    accessToken = res.body.accessToken as string;
    apiKey = await createApiKey(hub, cookie, 'read');
    const db = hub.app.get(DataSource);
    plain = await insertServer(db, 'seed-002-host');
    follower = await insertServer(db, 'our-agent-host');
    await db.getRepository(Server).update(follower, { capabilities: ['logs', 'ping'] });
    hub.app.get(HubEvents).emit('server.updated', { serverId: follower });
    await hub.app.get(ServerDirectory).refresh();
  });
  afterAll(async () => {
    for (const client of open) client.ws.terminate();
    await hub.close();
  });

  it('streams metrics frames to a client authenticated with an access token', async () => {
    ingest(plain, 12.5);
    const client = await stream('metrics', plain);
    client.send({ type: 'auth', token: accessToken });
    // the latest sample at once, then every new one
    const first = await client.next((f) => f.type === 'metrics');
    expect(apiClientFrameSchema.parse(first)).toEqual(first);
    expect(first.data).toMatchObject({ server_id: plain, cpu_percent: 12.5, memory_percent: 40 });
    ingest(plain, 77);
    const next = await client.next(
      (f) => f.type === 'metrics' && (f.data as { cpu_percent: number }).cpu_percent === 77,
    );
    expect(next.data).toMatchObject({
      load_1m: 0.3,
      disk_usage: expect.any(Array),
      network: expect.any(Array),
    });
    client.close();
  });

  it('accepts an API key, and answers other frames with "Invalid message format" without closing', async () => {
    const client = await stream('metrics', plain);
    client.send({ type: 'auth', token: apiKey });
    await client.next((f) => f.type === 'metrics');
    client.ws.send('not json');
    client.send({ type: 'subscribe', channel: 'everything' });
    await client.next((f) => f.type === 'error' && f.message === 'Invalid message format');
    ingest(plain, 33);
    await client.next((f) => f.type === 'metrics' && (f.data as { cpu_percent: number }).cpu_percent === 33);
    expect(client.frames.filter((f) => f.type === 'error')).toHaveLength(2);
    client.close();
  });

  it('refuses a wrong token with an error frame and 4401', async () => {
    const client = await stream('metrics', plain);
    client.send({ type: 'auth', token: 'eyJhbGciOiJIUzI1NiJ9.e30.forged' });
    expect(await client.closed).toEqual({ code: CloseCode.AuthFailed, reason: 'Invalid or expired token' });
    expect(client.frames).toEqual([{ type: 'error', message: 'Invalid or expired token' }]);
  });

  it('requires auth as the first frame (4401) and an existing server (4404)', async () => {
    const early = await stream('metrics', plain);
    early.send({ type: 'metrics' });
    expect((await early.closed).code).toBe(CloseCode.AuthFailed);
    expect(early.frames).toEqual([{ type: 'error', message: 'Authentication required' }]);
    const unknown = await stream('logs', '6f1c1c1e-7d6e-4c38-9a51-2f0f3f1a0b99');
    unknown.send({ type: 'auth', token: apiKey });
    expect((await unknown.closed).code).toBe(CloseCode.ServerNotFound);
    expect(unknown.frames).toEqual([{ type: 'error', message: 'Server not found' }]);
  });

  it("says once that a server's agent cannot stream logs, and stays open", async () => {
    const client = await stream('logs', plain);
    client.send({ type: 'auth', token: accessToken });
    expect(await client.next((f) => f.type === 'error')).toEqual({
      type: 'error',
      message: "This server's agent cannot stream logs",
    });
    await sleep(200);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    client.close();
  });

  it('forwards the log lines of an agent that follows logs', async () => {
    const client = await stream('logs', follower);
    client.send({ type: 'auth', token: apiKey });
    const events = hub.app.get(HubEvents);
    const line = { level: 'info', message: 'nginx reloaded', timestamp: '2024-01-01T00:00:00Z' };
    // no acknowledgement frame exists in seed 001: emit until the subscription is in place
    const emitting = setInterval(() => events.emit('agent.log', { serverId: follower, ...line }), 50);
    events.emit('agent.log', {
      serverId: plain,
      level: 'ERROR',
      message: 'other server',
      timestamp: line.timestamp,
    });
    try {
      const frame = await client.next((f) => f.type === 'log');
      expect(apiClientFrameSchema.parse(frame)).toEqual(frame);
      expect(frame).toEqual({ type: 'log', data: { ...line, level: 'INFO' } });
    } finally {
      clearInterval(emitting);
    }
    expect(client.frames.filter((f) => f.type === 'error')).toEqual([]);
    expect(client.frames.some((f) => JSON.stringify(f).includes('other server'))).toBe(false);
    client.close();
  });
});
