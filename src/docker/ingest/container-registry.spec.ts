import { describe, expect, it } from '@jest/globals';
import { makeContainer } from '../containers.test-helper.js';
import { ContainerRegistry } from './container-registry.js';

const T = Date.UTC(2030, 0, 1, 12, 0, 0);
const S = 'server-1';

describe('ContainerRegistry', () => {
  it('marks new and changed containers dirty, and unchanged ones not', () => {
    const r = new ContainerRegistry();
    r.apply(S, [makeContainer('a'), makeContainer('b')], T);
    expect(r.takeDirty().map((e) => e.last.name)).toEqual(['c-a', 'c-b']);
    r.apply(
      S,
      [makeContainer('a', { cpuPercent: 50 }), makeContainer('b', { state: 'exited', exitCode: 1 })],
      T + 5000,
    );
    const dirty = r.takeDirty();
    expect(dirty.map((e) => e.last.name)).toEqual(['c-b']);
    expect(dirty[0]!.last.exitCode).toBe(1);
    expect(r.find(S, makeContainer('a').id)!.lastSeenAt).toBe(T + 5000);
  });

  it('sets removedAt when a container is no longer listed and clears it when it comes back', () => {
    const r = new ContainerRegistry();
    r.apply(S, [makeContainer('a'), makeContainer('b')], T);
    r.takeDirty();
    r.apply(S, [makeContainer('a')], T + 5000);
    const [removed] = r.takeDirty();
    expect(removed!.containerId).toBe(makeContainer('b').id);
    expect(removed!.removedAt).toBe(T + 5000);
    r.apply(S, [makeContainer('a'), makeContainer('b')], T + 10_000);
    const [back] = r.takeDirty();
    expect(back!.removedAt).toBeNull();
    expect(back!.firstSeenAt).toBe(T);
  });

  it('does not touch containers of another server, and a removal once written leaves memory', () => {
    const r = new ContainerRegistry();
    r.apply(S, [makeContainer('a')], T);
    r.apply('server-2', [makeContainer('a')], T);
    r.takeDirty();
    r.apply(S, [], T + 5000);
    const dirty = r.takeDirty();
    expect(dirty).toHaveLength(1);
    expect(dirty[0]!.serverId).toBe(S);
    r.takeClosed();
    r.settleRemoved(dirty);
    expect(r.find(S, makeContainer('a').id)).toBeUndefined();
    expect(r.find('server-2', makeContainer('a').id)).toBeDefined();
  });

  it('a container seeded from the database and missing from the first listing is removed', () => {
    const r = new ContainerRegistry();
    const c = makeContainer('old');
    r.seed([
      { key: 7, serverId: S, containerId: c.id, firstSeenAt: T - 1000, lastSeenAt: T - 1000, last: c },
    ]);
    r.apply(S, [makeContainer('new')], T);
    const dirty = r.takeDirty();
    expect(dirty.find((e) => e.key === 7)!.removedAt).toBe(T);
  });

  it('folds samples into one bucket per minute and closes it when the minute changes', () => {
    const r = new ContainerRegistry();
    r.apply(S, [makeContainer('a', { cpuPercent: 10 })], T);
    r.apply(S, [makeContainer('a', { cpuPercent: 30 })], T + 30_000);
    expect(r.takeClosed(Math.floor(T / 60_000))).toEqual([]);
    r.apply(S, [makeContainer('a', { cpuPercent: 90 })], T + 60_000);
    const closed = r.takeClosed(Math.floor(T / 60_000) + 1);
    expect(closed).toHaveLength(1);
    expect(closed[0]!.bucket.period).toBe(Math.floor(T / 60_000));
    expect(closed[0]!.bucket.toRow()).toMatchObject({ n: 2, running: 2, cpu: 2000, cpuMax: 3000 });
    expect(r.takeClosed()).toHaveLength(1); // the open minute, at shutdown
  });

  it('keeps no minute for a container that neither ran nor had figures', () => {
    const r = new ContainerRegistry();
    const stopped = {
      state: 'exited' as const,
      cpuPercent: null,
      memoryUsageBytes: null,
      memoryLimitBytes: null,
    };
    r.apply(S, [makeContainer('a', stopped)], T);
    expect(r.takeClosed()).toEqual([]);
  });
});
