import { describe, expect, it, jest } from '@jest/globals';
import type { Clock } from '../common/auth/clock.js';
import { HubEvents } from '../common/events/hub-events.js';
import type { AppConfig } from '../config/app-config.js';
import type { ServerAgentState } from '../servers/server-agent-state.js';
import type { ServerCatalog } from '../servers/server-catalog.js';
import type { AgentConnection } from './agent-connection.js';
import { AgentPresence, LAST_SEEN_WRITE_MS } from './agent-presence.js';
import type { AgentRegistry } from './agent-registry.js';

/** AgentPresence with an in-memory registry, clock, catalog and stored last contacts. */
function setup() {
  let now = 1_000_000;
  const connections = new Map<string, AgentConnection>();
  const written: { serverId: string; at: number }[][] = [];
  const noted = new Map<string, number>();
  const registry = {
    connections: () => connections.values(),
    has: (id: string) => connections.has(id),
  } as unknown as AgentRegistry;
  const servers = {
    recordLastSeen: jest.fn((entries: readonly { serverId: string; at: number }[]) => {
      written.push([...entries]);
      return Promise.resolve();
    }),
  } as unknown as ServerAgentState;
  const catalog = {
    noteSeen: (id: string, at: number) => noted.set(id, at),
  } as unknown as ServerCatalog;
  const config = { agents: { offlineAfterMs: 30_000, reconnectGraceMs: 5_000 } } as unknown as AppConfig;
  const clock: Clock = { now: () => now };
  const presence = new AgentPresence(registry, new HubEvents(), servers, catalog, config, clock);
  const connect = (serverId: string) => {
    const conn = { serverId, lastFrameAt: now, silentOffline: false } as AgentConnection;
    connections.set(serverId, conn);
    presence.connected(serverId);
    return conn;
  };
  return {
    presence,
    connect,
    written,
    noted,
    advance: (ms: number) => (now += ms),
    now: () => now,
  };
}

describe('AgentPresence last contact', () => {
  it('tells the catalog every check and stores it at most once per LAST_SEEN_WRITE_MS per server', () => {
    const t = setup();
    const conn = t.connect('a');
    t.presence.checkSilent();
    expect(t.noted.get('a')).toBe(conn.lastFrameAt);
    expect(t.written).toEqual([[{ serverId: 'a', at: conn.lastFrameAt }]]); // first check: stored at once

    for (let i = 0; i < 5; i++) {
      t.advance(10_000);
      conn.lastFrameAt = t.now();
      t.presence.checkSilent();
    }
    expect(t.noted.get('a')).toBe(t.now()); // the catalog is always current
    expect(t.written).toHaveLength(1); // 50 s later: no second write yet

    t.advance(10_000);
    conn.lastFrameAt = t.now();
    t.presence.checkSilent();
    expect(t.written).toHaveLength(2);
    expect(t.written[1]).toEqual([{ serverId: 'a', at: t.now() }]);
    expect(LAST_SEEN_WRITE_MS).toBe(60_000);
  });

  it('batches the servers that are due into one write', () => {
    const t = setup();
    t.connect('a');
    t.connect('b');
    t.presence.checkSilent();
    expect(t.written).toHaveLength(1);
    expect(t.written[0]!.map((e) => e.serverId).sort()).toEqual(['a', 'b']);
  });

  it('stores the last frame time, not the detection time, when a silent server goes offline', () => {
    const t = setup();
    const conn = t.connect('a');
    t.presence.checkSilent();
    const lastFrame = t.now();
    conn.lastFrameAt = lastFrame;
    t.advance(31_000);
    expect(t.presence.checkSilent()).toBe(1);
    expect(t.presence.isOnline('a')).toBe(false);
    expect(t.written.at(-1)).toEqual([{ serverId: 'a', at: lastFrame }]);
  });
});
