import { actionsFor } from './container-actions';
import { eventText, timeline } from './container-events';
import { inspectRows } from './container-inspect';

describe('container actions and facts', () => {
  it('offers the actions a state allows, fewer for the simple dialect, remove last', () => {
    expect(actionsFor('running', false)).toEqual(['stop', 'restart', 'pause', 'remove']);
    expect(actionsFor('running', true)).toEqual(['stop', 'restart', 'remove']);
    expect(actionsFor('paused', false)).toEqual(['unpause', 'stop', 'remove']);
    expect(actionsFor('exited', false)).toEqual(['start', 'remove']);
    expect(actionsFor('removing', false)).toEqual([]);
  });

  it('describes events and merges live ones over stored ones without doubles', () => {
    expect(eventText({ action: 'die', exitCode: 137, health: null })).toBe('died (exit code 137)');
    expect(eventText({ action: 'health_status', exitCode: null, health: 'unhealthy' })).toBe(
      'health: unhealthy',
    );
    const at = '2026-01-01T00:00:00.000Z';
    const merged = timeline(
      [{ key: 'live-0', action: 'start', at, exitCode: null, health: null }],
      [
        {
          id: '1',
          serverId: 's',
          containerId: 'c',
          containerName: 'web',
          image: null,
          action: 'start',
          exitCode: null,
          health: null,
          at,
        },
        {
          id: '2',
          serverId: 's',
          containerId: 'c',
          containerName: 'web',
          image: null,
          action: 'create',
          exitCode: null,
          health: null,
          at: '2025-12-31T00:00:00.000Z',
        },
      ],
    );
    expect(merged.map((e) => e.key)).toEqual(['live-0', '2']);
  });

  it('lists inspect facts without anything outside the allow-list', () => {
    const rows = inspectRows({
      id: 'a'.repeat(64),
      name: 'web',
      image: 'nginx:1.27',
      imageId: 'sha256:abc',
      createdAt: 0,
      startedAt: null,
      finishedAt: null,
      state: 'running',
      health: 'none',
      exitCode: null,
      oomKilled: false,
      restartCount: 0,
      restartPolicy: 'unless-stopped',
      command: ['nginx', '-g', 'daemon off;'],
      workingDir: null,
      user: null,
      privileged: false,
      readOnlyRootfs: true,
      memoryLimitBytes: 256_000_000,
      nanoCpus: 1_500_000_000,
      labels: {},
      mounts: [],
      networks: [{ name: 'bridge', ipAddress: '172.17.0.2' }],
      ports: [],
    });
    const map = new Map(rows);
    expect(map.get('Command')).toBe('nginx -g daemon off;');
    expect(map.get('CPU limit')).toBe('1.5 CPUs');
    expect(map.get('Memory limit')).toBe('256 MB');
    expect(map.get('Networks')).toBe('bridge (172.17.0.2)');
  });
});
