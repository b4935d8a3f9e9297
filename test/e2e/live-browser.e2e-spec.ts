import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BROWSER_WS_PATH, CloseCode } from '@hivewatch/protocol';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { HubEvents } from '../../src/common/events/hub-events.js';
import { BrowserHub } from '../../src/live/browser-hub.service.js';
import { RecordsService } from '../../src/records/records.service.js';
import { makeSample } from '../../src/records/samples.test-helper.js';
import { insertServer } from '../../src/records/servers.test-helper.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openWs, refusedStatus, wsUrl, type WsClient } from '../support/ws-client.js';

type Frame = Record<string, unknown>;
const idsOf = (frame: Frame) => (frame.servers as { id: string }[]).map((s) => s.id);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('console stream /api/v1/ws', () => {
  let hub: TestApp;
  let cookie: string;
  let url: string;
  let web: string;
  let db: string;
  const open: WsClient[] = [];

  const connect = async () => {
    const client = await openWs(url, { cookie, origin: hub.url });
    open.push(client);
    return client;
  };
  const ingest = (serverId: string, cpuPercent = 10) =>
    hub.app.get(RecordsService).ingest(makeSample({ serverId, time: Date.now(), cpuPercent }));

  beforeAll(async () => {
    hub = await startTestApp();
    url = wsUrl(hub.url, BROWSER_WS_PATH);
    cookie = await signIn(hub);
    web = await insertServer(hub.app.get(DataSource), 'web-1');
    db = await insertServer(hub.app.get(DataSource), 'db-1');
  });
  afterAll(async () => {
    for (const client of open) client.ws.terminate();
    await hub.close();
  });

  it('refuses a foreign Origin and a missing Origin with 403, a missing session with 401', async () => {
    expect(await refusedStatus(url, { cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await refusedStatus(url, { cookie })).toBe(403);
    expect(await refusedStatus(url, { origin: hub.url })).toBe(401);
  });

  it('refuses a session cookie that is not a valid session with 401 before the upgrade', async () => {
    expect(await refusedStatus(url, { cookie: 'hw_session=forged', origin: hub.url })).toBe(401);
  });

  it('sends full_sync with every server on connect', async () => {
    const client = await connect();
    const sync = await client.next((f) => f.type === 'full_sync');
    expect(idsOf(sync).sort()).toEqual([web, db].sort());
    expect(sync.servers).toContainEqual(
      expect.objectContaining({ id: web, name: 'web-1', online: false, tags: [], metrics: null }),
    );
    client.close();
  });

  it('sends an update with only the server that reported, within a second', async () => {
    const client = await connect();
    await client.next((f) => f.type === 'full_sync');
    await sleep(600); // let the tick that announces the servers this connection discovered go by
    const from = client.frames.length;
    const sentAt = Date.now();
    ingest(web, 42);
    const update = await client.next((f) => f.type === 'update', 1500, from);
    expect(Date.now() - sentAt).toBeLessThan(1000);
    expect(idsOf(update)).toEqual([web]);
    expect(update.servers).toEqual([
      expect.objectContaining({ metrics: expect.objectContaining({ cpuPercent: 42 }) }),
    ]);
    client.close();
  });

  it('sends at most one update per 500 ms under a burst of samples', async () => {
    const client = await connect();
    await client.next((f) => f.type === 'full_sync');
    const times: number[] = [];
    client.ws.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString()) as Frame).type === 'update') times.push(Date.now());
    });
    for (let i = 0; i < 40; i++) {
      ingest(i % 2 ? web : db, i);
      await sleep(40); // 25 samples per second for 1.6 s
    }
    await sleep(600);
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(times.length).toBeLessThanOrEqual(5);
    // ticks are 500 ms apart; allow for event-loop jitter on a busy test machine
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThan(350);
    client.close();
  });

  it('announces presence with server_online / server_offline', async () => {
    const client = await connect();
    await client.next((f) => f.type === 'full_sync');
    const events = hub.app.get(HubEvents);
    events.emit('server.online', { serverId: db, at: Date.now() });
    expect(await client.next((f) => f.type === 'server_online')).toMatchObject({ serverId: db });
    const update = await client.next((f) => f.type === 'update' && idsOf(f).includes(db));
    expect(update.servers).toContainEqual(expect.objectContaining({ id: db, online: true }));
    events.emit('server.offline', { serverId: db, at: Date.now(), reason: 'timeout' });
    expect(await client.next((f) => f.type === 'server_offline')).toMatchObject({ serverId: db });
    client.close();
  });

  it('closes the stream with 4401 when its session is signed out', async () => {
    const own = await signIn(hub);
    const client = await openWs(url, { cookie: own, origin: hub.url });
    open.push(client);
    await client.next((f) => f.type === 'full_sync');
    await request(hub.url).post('/api/v1/auth/logout').set('Cookie', own).set('Origin', hub.url).expect(204);
    await hub.app.get(BrowserHub).recheckSessions();
    expect((await client.closed).code).toBe(CloseCode.AuthFailed);
  });
});
