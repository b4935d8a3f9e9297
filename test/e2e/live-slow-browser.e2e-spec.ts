import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BROWSER_WS_PATH, CloseCode } from '@hivewatch/protocol';
import { DataSource } from 'typeorm';
import { BrowserHub } from '../../src/live/browser-hub.service.js';
import { RecordsService } from '../../src/records/records.service.js';
import { makeSample } from '../../src/records/samples.test-helper.js';
import { insertServer } from '../../src/records/servers.test-helper.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { openWs, wsUrl, type WsClient } from '../support/ws-client.js';

const BOUND = 64 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const socketOf = (client: WsClient) => (client.ws as unknown as { _socket: Socket })._socket;

/** Every 50 ms, a fresh, large sample (~10 KB of state) for each server: ~7 MB/s of updates. */
function flood(hub: TestApp, serverIds: string[]): () => void {
  const records = hub.app.get(RecordsService);
  const watchedServices = Array.from({ length: 150 }, (_, i) => ({
    name: `service-${i}.service`,
    activeState: 'active',
    subState: 'running',
  }));
  const timer = setInterval(() => {
    for (const serverId of serverIds)
      records.ingest(
        makeSample({ serverId, time: Date.now(), cpuPercent: Math.random() * 100, watchedServices }),
      );
  }, 50);
  return () => clearInterval(timer);
}

describe('console stream: a browser that stops reading', () => {
  let hub: TestApp;
  let cookie: string;
  let url: string;
  let stopFlood: () => void = () => undefined;
  const serverIds: string[] = [];
  const open: WsClient[] = [];

  beforeAll(async () => {
    hub = await startTestApp({
      HIVEWATCH_LIVE_BATCH_MS: '50',
      HIVEWATCH_LIVE_BROWSER_BUFFER_KB: String(BOUND / 1024),
      // long enough that a loaded machine resumes the paused browser of the first test before the
      // hub gives up on it; the second test waits for that close
      HIVEWATCH_LIVE_STALE_CLOSE_SECONDS: '4',
    });
    url = wsUrl(hub.url, BROWSER_WS_PATH);
    cookie = await signIn(hub);
    for (let i = 0; i < 40; i++) serverIds.push(await insertServer(hub.app.get(DataSource), `host-${i}`));
  });
  afterAll(async () => {
    stopFlood();
    for (const client of open) client.ws.terminate();
    await hub.close();
  });

  /** Polls the hub's view of its one console stream until `done`, tracking the largest backlog. */
  async function watch(done: (s: { stale: boolean } | undefined) => boolean, timeoutMs: number) {
    const streams = hub.app.get(BrowserHub);
    let maxBuffered = 0;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stream = streams.streams()[0];
      maxBuffered = Math.max(maxBuffered, stream?.bufferedAmount ?? 0);
      if (done(stream)) return { maxBuffered, ok: true };
      if (Date.now() > deadline) return { maxBuffered, ok: false };
      await sleep(20);
    }
  }

  it('keeps the hub-side backlog bounded, then re-syncs the browser with a fresh full_sync', async () => {
    const client = await openWs(url, { cookie, origin: hub.url });
    open.push(client);
    await client.next((f) => f.type === 'full_sync');
    socketOf(client).pause();
    stopFlood = flood(hub, serverIds);
    const behind = await watch((s) => s?.stale === true, 10_000);
    expect(behind.ok).toBe(true);
    // keep flooding a little: frames are skipped for the stale browser, nothing piles up
    const held = await watch(() => false, 800);
    const maxBuffered = Math.max(behind.maxBuffered, held.maxBuffered);
    expect(maxBuffered).toBeGreaterThan(BOUND);
    // the bound, plus at most one full_sync and one update (~400 KB each here)
    expect(maxBuffered).toBeLessThan(BOUND + 1024 * 1024);
    const from = client.frames.length;
    socketOf(client).resume();
    const resync = await client.next((f) => f.type === 'full_sync', 10_000, Math.max(from, 1));
    expect((resync.servers as unknown[]).length).toBe(serverIds.length);
    stopFlood();
    client.close();
  }, 30_000);

  it('closes a browser that stays behind past the stale limit (1008)', async () => {
    const client = await openWs(url, { cookie, origin: hub.url });
    open.push(client);
    await client.next((f) => f.type === 'full_sync');
    socketOf(client).pause();
    stopFlood = flood(hub, serverIds);
    const behind = await watch((s) => s?.stale === true, 10_000);
    expect(behind.ok).toBe(true);
    const staleAt = Date.now();
    const gone = await watch((s) => s === undefined, 10_000);
    expect(gone.ok).toBe(true);
    expect(Date.now() - staleAt).toBeGreaterThanOrEqual(1500);
    expect(Math.max(behind.maxBuffered, gone.maxBuffered)).toBeLessThan(BOUND + 1024 * 1024);
    stopFlood();
    socketOf(client).resume();
    expect((await client.closed).code).toBe(CloseCode.PolicyViolation);
  }, 30_000);
});
