import { describe, expect, it } from '@jest/globals';
import { serverStateSchema } from '@hivewatch/protocol';
import type { ServerApiView, ServerView } from '../servers/dto/server.dto.js';
import { osDisplayName } from '../servers/os-display-name.js';
import { toServerMeta, toServerState } from './server-state.mapper.js';

const view = (over: Partial<ServerApiView> = {}): ServerApiView =>
  withOs({
    id: 'srv-1',
    name: 'web-1',
    groupId: null,
    tags: [],
    notes: '',
    tokenPrefix: 'abcd',
    tokenRotatedAt: new Date(0),
    enrollmentKeyId: null,
    dialect: 'envelope',
    agentVersion: '2.0.0',
    protocolVersion: 2,
    capabilities: [],
    systemInfo: { os: 'Debian GNU/Linux', osVersion: '12 (bookworm)', kernel: '6.1.0-28-amd64' },
    price: null,
    currency: null,
    billingCycle: null,
    expiresAt: null,
    displayOrder: 0,
    lastSeenAt: new Date(1_000),
    agentConfig: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...over,
  });

/** `os` as toServerView makes it from the host facts. */
function withOs<T extends Omit<ServerView, 'os'> & { os?: string | null }>(v: T): T & { os: string | null } {
  return { ...v, os: v.os !== undefined ? v.os : osDisplayName(v.systemInfo) };
}

describe('server state: presence, pause and OS name', () => {
  it('carries since when an offline server is gone, and nothing while it is online', () => {
    const meta = toServerMeta(view());
    const offline = toServerState(meta, {
      online: false,
      lastSeenAt: undefined,
      offlineSince: 1_000,
      sample: undefined,
    });
    expect(serverStateSchema.parse(offline)).toMatchObject({
      online: false,
      offlineSince: '1970-01-01T00:00:01.000Z',
      lastSeenAt: '1970-01-01T00:00:01.000Z',
    });
    const online = toServerState(meta, {
      online: true,
      lastSeenAt: 5_000,
      offlineSince: 1_000,
      sample: undefined,
    });
    expect(online.offlineSince).toBeNull();
  });

  it('marks metrics paused only when the applied interval is 0', () => {
    const at = new Date(0);
    const paused = toServerMeta(view({ agentConfig: { metricsInterval: 0, watchlist: [], appliedAt: at } }));
    const running = toServerMeta(view({ agentConfig: { metricsInterval: 5, watchlist: [], appliedAt: at } }));
    const live = { online: true, lastSeenAt: 2_000, sample: undefined };
    expect(toServerState(paused, live).metricsPaused).toBe(true);
    expect(toServerState(running, live).metricsPaused).toBe(false);
    expect(toServerState(toServerMeta(view()), live).metricsPaused).toBe(false);
  });

  it('carries the display name the server view made, never joining facts itself', () => {
    expect(toServerMeta(view()).os).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(toServerMeta(view({ os: 'Linux' })).os).toBe('Linux');
    expect(toServerMeta(view({ systemInfo: null })).os).toBeNull();
  });
});
