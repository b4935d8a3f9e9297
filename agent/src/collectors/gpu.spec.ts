import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fixturePath, fixtureText } from './fixtures.spec-helper.js';
import { findOnPath, GpuPoller, parseNvidiaSmiCsv } from './gpu.js';

function fakeNvidiaSmi(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hivewatch-gpu-'));
  const path = join(dir, 'nvidia-smi');
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('parseNvidiaSmiCsv', () => {
  it('parses the CSV sample, with [N/A] as null and a comma inside a name', () => {
    expect(parseNvidiaSmiCsv(fixtureText('nvidia-smi/query-gpu.csv'))).toEqual([
      {
        index: 0,
        name: 'NVIDIA GeForce RTX 3090',
        utilizationPercent: 37,
        memoryUsedMB: 10456,
        memoryTotalMB: 24576,
        temperatureC: 64,
      },
      {
        index: 1,
        name: 'NVIDIA A100-SXM4-80GB',
        utilizationPercent: 0,
        memoryUsedMB: 4,
        memoryTotalMB: 81920,
        temperatureC: 31,
      },
      {
        index: 2,
        name: 'Tesla K80',
        utilizationPercent: null,
        memoryUsedMB: 0,
        memoryTotalMB: 11441,
        temperatureC: null,
      },
      {
        index: 3,
        name: 'NVIDIA RTX A4000, Laptop GPU',
        utilizationPercent: 5,
        memoryUsedMB: 512,
        memoryTotalMB: 8192,
        temperatureC: 48,
      },
    ]);
  });

  it('ignores error text and blank output', () => {
    expect(parseNvidiaSmiCsv('')).toEqual([]);
    expect(
      parseNvidiaSmiCsv('NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.\n'),
    ).toEqual([]);
  });
});

describe('nvidia-smi polling', () => {
  it('finds executables on PATH only', () => {
    const path = fakeNvidiaSmi('exit 0');
    const dir = join(path, '..');
    expect(findOnPath('nvidia-smi', `/nonexistent:${dir}`)).toBe(path);
    expect(findOnPath('nvidia-smi', '/nonexistent')).toBeUndefined();
  });

  it('runs nvidia-smi with the query arguments and keeps the parsed answer', async () => {
    const csv = fixturePath('nvidia-smi/query-gpu.csv');
    const poller = new GpuPoller({
      nvidiaSmiPath: fakeNvidiaSmi(
        `[ "$1" = "--query-gpu=index,name,utilization.gpu,memory.used,memory.total,temperature.gpu" ] && [ "$2" = "--format=csv,noheader,nounits" ] && cat '${csv}'`,
      ),
    });
    expect(poller.current).toBeUndefined();
    await poller.poll();
    expect(poller.current).toHaveLength(4);
  });

  it('clears the value when nvidia-smi fails', async () => {
    const poller = new GpuPoller({ nvidiaSmiPath: fakeNvidiaSmi('echo "No devices were found"; exit 6') });
    await poller.poll();
    expect(poller.current).toBeUndefined();
  });
});
