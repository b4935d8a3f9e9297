import { describe, expect, it } from '@jest/globals';
import { noContainerFigures } from '@hivewatch/protocol';
import { makeContainer } from '../containers.test-helper.js';
import { FigureAccumulator, mergeRows, toPoint } from './container-figures.js';

describe('container figures', () => {
  it('averages each figure over the samples that had it, with the running share and maxima', () => {
    const acc = new FigureAccumulator(100);
    acc.add(makeContainer('a', { cpuPercent: 10.25, memoryUsageBytes: 1000, pids: 3 }));
    acc.add(makeContainer('a', { cpuPercent: 30.5, memoryUsageBytes: 3000, pids: 4 }));
    acc.add(makeContainer('a', { state: 'exited', ...noContainerFigures() }));
    const row = acc.toRow();
    expect(row).toMatchObject({
      n: 3,
      running: 2,
      figures: 2,
      cpu: 2038,
      cpuMax: 3050,
      mem: 2000,
      memMax: 3000,
    });
    expect(row.pids).toBe(350);
    const point = toPoint(6_000_000, row);
    expect(point).toMatchObject({
      t: 6_000_000,
      running: 2 / 3,
      cpuPercent: 20.38,
      cpuPercentMax: 30.5,
      memoryUsageBytes: 2000,
      memoryUsageBytesMax: 3000,
      pids: 3.5,
      netRxBytesPerSec: 1000,
    });
  });

  it('merges two periods weighted by their samples with figures', () => {
    const a = new FigureAccumulator(1);
    a.add(makeContainer('a', { cpuPercent: 10 }));
    const b = new FigureAccumulator(1);
    for (let i = 0; i < 3; i++) b.add(makeContainer('a', { cpuPercent: 50 }));
    const merged = mergeRows(a.toRow(), b.toRow());
    expect(merged).toMatchObject({ n: 4, running: 4, figures: 4, cpu: 4000, cpuMax: 5000 });
  });
});
