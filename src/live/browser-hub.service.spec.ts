import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { browserFrameSchema, CloseCode } from '@hivewatch/protocol';
import type { WebSocket } from 'ws';
import type { CredentialsService } from '../auth/credentials.service.js';
import type { Principal } from '../common/auth/principal.js';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import type { AppConfig } from '../config/app-config.js';
import { LiveState } from '../records/live-state.service.js';
import type { LastRecords } from '../records/last-records.service.js';
import { makeSample } from '../records/samples.test-helper.js';
import type { ApiStreamsService } from './api-streams.service.js';
import { BrowserHub } from './browser-hub.service.js';
import type { Heartbeat } from './heartbeat.js';
import { LastFigures } from './last-figures.js';
import { LiveJobs } from './live.jobs.js';
import type { DirectoryChange, ServerDirectory } from './server-directory.js';
import type { ServerMeta } from './server-state.mapper.js';

/** A socket that records what it was sent; `bufferedAmount` is set by the test. */
class FakeSocket {
  readyState = 1;
  bufferedAmount = 0;
  sent: Buffer[] = [];
  closedWith: number | undefined;
  send(data: Buffer): void {
    this.sent.push(data);
  }
  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  once(): void {}
  frames(): { type: string; servers?: { id: string }[] }[] {
    return this.sent.map((b) => browserFrameSchema.parse(JSON.parse(b.toString())));
  }
}

const meta = (id: string): ServerMeta => ({
  id,
  name: id,
  groupId: null,
  tags: [],
  dialect: 'envelope',
  agentVersion: null,
  protocolVersion: 2,
  capabilities: [],
  hostname: null,
  os: null,
  architecture: null,
  lastSeenAt: null,
});

function fakeDirectory(ids: string[]) {
  const servers = new Map(ids.map((id) => [id, meta(id)]));
  const online = new Set<string>();
  let listener: (c: DirectoryChange) => void = () => undefined;
  const directory = {
    all: () => servers.values(),
    get: (id: string) => servers.get(id),
    isOnline: (id: string) => online.has(id),
    offlineSince: () => null,
    onChange: (l: (c: DirectoryChange) => void) => ((listener = l), () => undefined),
  };
  const presence = (serverId: string, on: boolean) => {
    if (on) online.add(serverId);
    else online.delete(serverId);
    listener({ kind: 'presence', serverId, online: on, at: Date.now() });
  };
  return { directory: directory as unknown as ServerDirectory, presence };
}

const principal: Principal = {
  via: 'session',
  userId: 'u1',
  username: 'admin',
  role: 'admin',
  scope: 'admin',
};
const live = {
  batchMs: 500,
  browserBufferBytes: 10_000,
  staleCloseMs: 5_000,
  pingIntervalMs: 30_000,
  serversRefreshMs: 5_000,
  authRecheckMs: 60_000,
};

describe('BrowserHub', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  let state: LiveState;
  let hub: BrowserHub;
  let intervals: IntervalJobs;
  let presence: (id: string, on: boolean) => void;

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.UTC(2024, 0, 1) });
    state = new LiveState();
    const fake = fakeDirectory(['a', 'b', 'c']);
    presence = fake.presence;
    const config = { live } as AppConfig;
    const noRecords = { all: () => Promise.resolve(new Map()) } as unknown as LastRecords;
    hub = new BrowserHub(
      fake.directory,
      state,
      new LastFigures(noRecords, fake.directory),
      {} as CredentialsService,
      config,
    );
    hub.onModuleInit();
    const apiStreams = { tick: () => undefined } as unknown as ApiStreamsService;
    intervals = new IntervalJobs();
    const heartbeat = { beat: () => undefined } as unknown as Heartbeat;
    new LiveJobs(config, intervals, hub, apiStreams, heartbeat); // registers its timers with `intervals`
    intervals.onApplicationBootstrap();
  });
  afterEach(() => {
    intervals.onModuleDestroy();
    jest.useRealTimers();
  });

  const connect = () => {
    const socket = new FakeSocket();
    hub.add(socket as unknown as WebSocket, principal, 'cookie');
    return socket;
  };
  const ingest = (serverId: string) => state.update(makeSample({ serverId, time: Date.now() }));

  it('sends full_sync on connect, then at most one update per batch with only the changed servers', () => {
    const one = connect();
    const two = connect();
    expect(one.frames()).toEqual([
      expect.objectContaining({ type: 'full_sync', servers: expect.any(Array) }),
    ]);
    expect(one.frames()[0]!.servers!.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    for (let i = 0; i < 20; i++) {
      ingest('b');
      jest.advanceTimersByTime(20); // a burst of 20 samples within 400 ms
    }
    jest.advanceTimersByTime(100);
    expect(one.frames().map((f) => f.type)).toEqual(['full_sync', 'update']);
    expect(one.frames()[1]!.servers!.map((s) => s.id)).toEqual(['b']);
    // one serialization per tick: both browsers got the very same bytes
    expect(two.sent[1]).toBe(one.sent[1]);
    jest.advanceTimersByTime(2000);
    expect(one.sent).toHaveLength(2); // nothing changed, nothing sent
  });

  it('sends presence frames at once and the server in the next update', () => {
    const socket = connect();
    presence('c', true);
    expect(socket.frames()[1]).toMatchObject({ type: 'server_online', serverId: 'c' });
    jest.advanceTimersByTime(500);
    expect(socket.frames()[2]).toMatchObject({ type: 'update', servers: [{ id: 'c', online: true }] });
    presence('c', false);
    expect(socket.frames()[3]).toMatchObject({ type: 'server_offline', serverId: 'c' });
  });

  it('skips a browser over the bound, then re-syncs it with a fresh full_sync instead of the backlog', () => {
    const slow = connect();
    const fast = connect();
    slow.bufferedAmount = 50_000;
    for (let i = 0; i < 4; i++) {
      ingest(i % 2 ? 'a' : 'b');
      jest.advanceTimersByTime(500);
    }
    expect(slow.sent).toHaveLength(1);
    expect(fast.sent).toHaveLength(5);
    expect(hub.streams()).toEqual([
      { userId: 'u1', bufferedAmount: 50_000, stale: true },
      { userId: 'u1', bufferedAmount: 0, stale: false },
    ]);
    slow.bufferedAmount = 0;
    jest.advanceTimersByTime(500); // no sample: the stale browser is still visited
    expect(slow.frames().map((f) => f.type)).toEqual(['full_sync', 'full_sync']);
    ingest('a');
    jest.advanceTimersByTime(500);
    expect(slow.frames().map((f) => f.type)).toEqual(['full_sync', 'full_sync', 'update']);
  });

  it('closes a browser that stays behind past the stale limit', () => {
    const stuck = connect();
    stuck.bufferedAmount = 50_000;
    ingest('a');
    jest.advanceTimersByTime(500);
    jest.advanceTimersByTime(live.staleCloseMs);
    expect(stuck.closedWith).toBe(CloseCode.PolicyViolation);
    expect(hub.streams()).toEqual([]);
  });
});
