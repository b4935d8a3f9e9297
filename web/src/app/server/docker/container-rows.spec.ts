import type { DockerUpdateFrame } from '@hivewatch/protocol';
import { containerView } from '../../docker/container-fixture';
import { DEFAULT_FILTER, filterContainers, mergeLive, summarize } from './container-rows';

const server = { id: '00000000-0000-4000-8000-000000000001', name: 'host-1' };

describe('container rows', () => {
  const web = containerView({ name: 'web', image: 'nginx:1.27' });
  const db = containerView({ name: 'db', image: 'postgres:16', state: 'exited', exitCode: 0 });
  const old = containerView({ name: 'old', removedAt: '2026-01-01T01:00:00.000Z' });

  it('filters by name, image or id start, by state, and hides removed ones unless asked', () => {
    const all = [web, db, old];
    expect(filterContainers(all, DEFAULT_FILTER).map((c) => c.name)).toEqual(['web', 'db']);
    expect(filterContainers(all, { ...DEFAULT_FILTER, text: 'POSTGRES' }).map((c) => c.name)).toEqual(['db']);
    expect(
      filterContainers(all, { ...DEFAULT_FILTER, text: web.id.slice(0, 6) }).map((c) => c.name),
    ).toContain('web');
    expect(filterContainers(all, { ...DEFAULT_FILTER, state: 'exited' }).map((c) => c.name)).toEqual(['db']);
    expect(filterContainers(all, { ...DEFAULT_FILTER, showRemoved: true }).map((c) => c.name)).toEqual([
      'web',
      'db',
      'old',
    ]);
  });

  it('applies a live frame: new figures, new containers, and missing ones marked removed', () => {
    const fresh = containerView({ name: 'cache', image: 'redis:7' });
    const {
      serverId: _s,
      serverName: _n,
      firstSeenAt: _f,
      lastSeenAt: _l,
      removedAt: _r,
      ...webSnap
    } = {
      ...web,
      cpuPercent: 88,
    };
    const {
      serverId: _a,
      serverName: _b,
      firstSeenAt: _c,
      lastSeenAt: _d,
      removedAt: _e,
      ...cacheSnap
    } = fresh;
    const frame: DockerUpdateFrame = {
      type: 'docker_update',
      serverId: server.id,
      containers: [webSnap, cacheSnap],
      at: '2026-01-01T02:00:00.000Z',
    };
    const merged = mergeLive([web, db, old], frame, server);
    const byName = new Map(merged.map((c) => [c.name, c]));
    expect(byName.get('web')?.cpuPercent).toBe(88);
    expect(byName.get('web')?.lastSeenAt).toBe(frame.at);
    expect(byName.get('db')?.removedAt).toBe(frame.at);
    expect(byName.get('old')?.removedAt).toBe(old.removedAt);
    expect(byName.get('cache')).toMatchObject({
      serverName: 'host-1',
      removedAt: null,
      firstSeenAt: frame.at,
    });
  });

  it('counts running, total and unhealthy among present containers', () => {
    const sick = containerView({ name: 'api', health: 'unhealthy' });
    expect(summarize([web, db, old, sick])).toEqual({ running: 2, total: 3, unhealthy: 1, removed: 1 });
  });
});
