import { describe, expect, it } from '@jest/globals';
import { HubEvents } from '../../common/events/hub-events.js';
import { containerId, makeContainer } from '../containers.test-helper.js';
import { DockerLiveState } from '../docker-live.service.js';
import { DockerFrames, type DockerBrowserFrame } from '../live/docker-frames.js';
import type { DockerStore } from '../store/docker-store.js';
import type { DockerWriter, EventToWrite } from '../store/docker-writer.service.js';
import { ContainerRegistry } from './container-registry.js';
import { DockerIngest } from './docker-ingest.service.js';

const T = Date.UTC(2030, 0, 1, 12);

function setup() {
  const hub = new HubEvents();
  const live = new DockerLiveState(hub);
  const registry = new ContainerRegistry();
  const written: EventToWrite[] = [];
  let scheduled = 0;
  const writer = {
    registry,
    addEvent: (e: EventToWrite) => written.push(e),
    noteSeen: () => undefined,
    scheduleRows: () => void scheduled++,
    forget: () => undefined,
  } as unknown as DockerWriter;
  const frames = new DockerFrames();
  const sent: DockerBrowserFrame[] = [];
  frames.onFrame((f) => sent.push(f));
  const store = { present: () => Promise.resolve([]) } as unknown as DockerStore;
  const ingest = new DockerIngest(hub, live, writer, frames, store);
  return { hub, live, registry, ingest, written, sent, frames, scheduled: () => scheduled };
}

describe('DockerIngest', () => {
  it('puts the collection time on the hub clock, and falls back to receive time when it is implausible', () => {
    const { ingest, live } = setup();
    ingest.stats('s', { available: true, at: T + 2_000, containers: [makeContainer('a')] }, T, 2_000);
    expect(live.snapshot('s')?.at).toBe(T);
    ingest.stats('s', { available: true, at: T + 3_600_000, containers: [makeContainer('a')] }, T + 5_000, 0);
    expect(live.snapshot('s')?.at).toBe(T + 5_000);
  });

  it('an unreachable engine changes no container and is announced once', async () => {
    const { ingest, live, registry, sent, frames, hub } = setup();
    await ingest.onModuleInit();
    hub.emit('agent.docker-stats', {
      serverId: 's',
      payload: { available: true, at: T, containers: [makeContainer('a')] },
      receivedAt: T,
      clockOffsetMs: 0,
    });
    registry.takeDirty();
    ingest.stats('s', { available: false, error: 'connect ENOENT', containers: [] }, T + 5_000, 0);
    ingest.stats('s', { available: false, error: 'connect ENOENT', containers: [] }, T + 10_000, 0);
    expect(registry.takeDirty()).toEqual([]);
    expect(registry.find('s', containerId('a'))?.removedAt).toBeNull();
    expect(live.counts('s')).toEqual({ running: 0, total: 0, unhealthy: 0 });
    expect(sent.filter((f) => f.type === 'docker_availability_changed')).toHaveLength(1);
    ingest.onModuleDestroy();
    frames.onModuleDestroy();
  });

  it('keeps an event, queues its row and sends its frame', () => {
    const { ingest, live, written, sent, scheduled, frames } = setup();
    const payload = {
      containerId: containerId('a'),
      containerName: 'a',
      image: 'img',
      action: 'die' as const,
      at: T - 1_000,
      exitCode: 137,
    };
    ingest.event('s', payload, T, 0);
    expect(live.recentEvents('s', 0)).toEqual([{ ...payload, serverId: 's' }]);
    expect(written).toEqual([
      expect.objectContaining({ action: 'die', exitCode: 137, health: null, at: T - 1_000 }),
    ]);
    expect(scheduled()).toBe(1);
    expect(sent).toEqual([expect.objectContaining({ type: 'docker_event', exitCode: 137 })]);
    frames.onModuleDestroy();
  });
});
