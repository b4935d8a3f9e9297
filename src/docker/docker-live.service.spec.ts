import { describe, expect, it } from '@jest/globals';
import { HubEvents } from '../common/events/hub-events.js';
import { containerId, makeContainer } from './containers.test-helper.js';
import { DockerLiveState, RECENT_EVENTS_MAX } from './docker-live.service.js';

const T = Date.UTC(2030, 0, 1);

describe('DockerLiveState', () => {
  it('keeps the last snapshot with its counts, and announces stats and availability flips', () => {
    const hub = new HubEvents();
    const seen: string[] = [];
    hub.on('docker.stats', (e) => seen.push(`stats ${e.serverId}`));
    hub.on('docker.availability', (e) => seen.push(`available ${String(e.available)}`));
    const live = new DockerLiveState(hub);
    const containers = [
      makeContainer('a'),
      makeContainer('b', { health: 'unhealthy' }),
      makeContainer('c', { state: 'exited' }),
    ];
    live.applyStats('s', { available: true, error: null, at: T, containers });
    expect(live.counts('s')).toEqual({ running: 2, total: 3, unhealthy: 1 });
    live.applyStats('s', { available: false, error: 'socket refused', at: T + 5000, containers: [] });
    expect(live.snapshot('s')).toMatchObject({ available: false, error: 'socket refused' });
    expect(seen).toEqual(['stats s', 'available false', 'stats s']);
  });

  it('keeps the last hour of events, in order and capped', () => {
    const hub = new HubEvents();
    const live = new DockerLiveState(hub);
    const ev = (at: number) => ({
      containerId: containerId('a'),
      containerName: 'a',
      image: null,
      action: 'start' as const,
      at,
    });
    live.applyEvent('s', ev(T - 2 * 3_600_000), T);
    live.applyEvent('s', ev(T - 10), T);
    live.applyEvent('s', ev(T - 20), T);
    expect(live.recentEvents('s', 0).map((e) => e.at)).toEqual([T - 20, T - 10]);
    expect(live.recentEvents('s', T - 15).map((e) => e.at)).toEqual([T - 10]);
    for (let i = 0; i < RECENT_EVENTS_MAX + 10; i++) live.applyEvent('s', ev(T + i), T + i);
    expect(live.recentEvents('s', 0)).toHaveLength(RECENT_EVENTS_MAX);
    expect(live.recentEvents('other', 0)).toEqual([]);
  });
});
