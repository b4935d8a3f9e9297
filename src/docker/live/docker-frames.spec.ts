import { describe, expect, it } from '@jest/globals';
import { makeContainer } from '../containers.test-helper.js';
import { DOCKER_UPDATE_MIN_GAP_MS, DockerFrames, type DockerBrowserFrame } from './docker-frames.js';

const T = Date.UTC(2030, 0, 1);
const snap = (at: number, cpu: number) => ({
  available: true,
  error: null,
  at,
  containers: [makeContainer('a', { cpuPercent: cpu })],
});

describe('DockerFrames', () => {
  it('sends at most one docker_update per server per 2 s, the latest snapshot winning', () => {
    const frames = new DockerFrames();
    const sent: DockerBrowserFrame[] = [];
    frames.onFrame((f) => sent.push(f));
    frames.stats('s1', snap(T, 1), T);
    frames.stats('s1', snap(T + 500, 2), T + 500);
    frames.stats('s1', snap(T + 1000, 3), T + 1000);
    frames.stats('s2', snap(T + 1000, 9), T + 1000);
    expect(sent.map((f) => f.type === 'docker_update' && [f.serverId, f.containers[0]!.cpuPercent])).toEqual([
      ['s1', 1],
      ['s2', 9],
    ]);
    frames.tick(T + DOCKER_UPDATE_MIN_GAP_MS - 1);
    expect(sent).toHaveLength(2);
    frames.tick(T + DOCKER_UPDATE_MIN_GAP_MS);
    expect(sent).toHaveLength(3);
    expect(sent[2]).toMatchObject({
      type: 'docker_update',
      serverId: 's1',
      at: new Date(T + 1000).toISOString(),
    });
    frames.tick(T + 10_000);
    expect(sent).toHaveLength(3);
    frames.onModuleDestroy();
  });

  it('builds nothing without listeners and passes events and availability through at once', () => {
    const frames = new DockerFrames();
    frames.stats('s1', snap(T, 1), T);
    const sent: DockerBrowserFrame[] = [];
    frames.onFrame((f) => sent.push(f));
    frames.event('s1', {
      containerId: makeContainer('a').id,
      containerName: 'c-a',
      image: null,
      action: 'die',
      exitCode: 3,
      at: T,
    });
    frames.availability('s1', false, T);
    expect(sent).toEqual([
      expect.objectContaining({ type: 'docker_event', action: 'die', exitCode: 3, health: null }),
      expect.objectContaining({ type: 'docker_availability_changed', available: false }),
    ]);
    frames.onModuleDestroy();
  });
});
