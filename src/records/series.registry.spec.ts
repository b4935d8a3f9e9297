import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { EntityManager, Repository } from 'typeorm';
import type { Clock } from '../common/auth/clock.js';
import { MAX_LABELS_PER_SERVER } from './metric-catalog.js';
import type { RecordSeries } from './record-series.entity.js';
import { type SeriesInfo, SeriesRegistry } from './series.registry.js';

const S = '00000000-0000-4000-8000-000000000001';

function setup() {
  let now = Date.UTC(2030, 0, 1);
  const clock: Clock = { now: () => now };
  const registry = new SeriesRegistry({} as Repository<RecordSeries>, clock);
  const series: SeriesInfo = { id: 7, serverId: S, labels: [], index: new Map(), labelsChanged: false };
  const updates: unknown[] = [];
  const manager = {
    getRepository: () => ({
      update: (_where: unknown, set: unknown) => Promise.resolve(void updates.push(set)),
    }),
  } as unknown as EntityManager;
  return { registry, series, updates, manager, advance: (ms: number) => (now += ms) };
}

describe('SeriesRegistry label limit', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it(`takes ${MAX_LABELS_PER_SERVER} distinct labels per server, then refuses new ones and counts them`, () => {
    const { registry, series } = setup();
    for (let i = 0; i < MAX_LABELS_PER_SERVER; i++)
      expect(registry.labelIndex(series, `net:veth${i}`)).toBe(i);
    expect(registry.labelIndex(series, 'net:one-too-many')).toBeUndefined();
    expect(registry.labelIndex(series, 'disk:/another')).toBeUndefined();
    // Known labels keep their index.
    expect(registry.labelIndex(series, 'net:veth3')).toBe(3);
    expect(series.labels).toHaveLength(MAX_LABELS_PER_SERVER);
    expect(registry.labelsDropped()).toBe(2);
  });

  it('warns about a server at most once every 10 minutes', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const { registry, advance } = setup();
    registry.noteDroppedLabels(S, 5);
    advance(60_000);
    registry.noteDroppedLabels(S, 5);
    registry.noteDroppedLabels('another-server', 1);
    expect(warn).toHaveBeenCalledTimes(2);
    advance(10 * 60_000);
    registry.noteDroppedLabels(S, 1);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(registry.labelsDropped()).toBe(12);
  });

  it('writes the label list only when a label was added, never again once it is full', async () => {
    const { registry, series, updates, manager } = setup();
    for (let i = 0; i < MAX_LABELS_PER_SERVER; i++) registry.labelIndex(series, `net:veth${i}`);
    await registry.saveLabels(manager, [series]);
    expect(updates).toHaveLength(1);
    // Every later flush brings new names: none is added, so the 1,024-entry list is not rewritten.
    for (let flush = 0; flush < 5; flush++) {
      for (let i = 0; i < 100; i++) registry.labelIndex(series, `net:new${flush}-${i}`);
      await registry.saveLabels(manager, [series]);
    }
    expect(updates).toHaveLength(1);
  });
});
