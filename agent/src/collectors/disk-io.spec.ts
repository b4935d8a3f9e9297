import { describe, expect, it } from '@jest/globals';
import {
  DiskIoCollector,
  diskThroughput,
  parseDiskstats,
  partitionParent,
  selectWholeDisks,
} from './disk-io.js';
import { elapsedSeconds, fixtureText } from './fixtures.spec-helper.js';

const names = (host: string): string[] =>
  parseDiskstats(fixtureText(host, 'proc/diskstats')).map((disk) => disk.name);

describe('diskstats', () => {
  it('parses sectors read (field 6) and written (field 10) of a recorded file', () => {
    const vda = parseDiskstats(fixtureText('vm-host/proc/diskstats')).find((disk) => disk.name === 'vda');
    const fields = fixtureText('vm-host/proc/diskstats')
      .split('\n')
      .find((line) => line.includes(' vda '))!
      .trim()
      .split(/\s+/);
    expect(vda).toEqual({ name: 'vda', sectorsRead: Number(fields[5]), sectorsWritten: Number(fields[9]) });
  });

  it('keeps whole disks only: no loop, zram, dm, md, nor partitions of a listed disk', () => {
    expect([...selectWholeDisks(names('vm-host'))]).toEqual(['vda']);
    expect([...selectWholeDisks(names('server-bond-vlan'))]).toEqual([
      'sda',
      'sdb',
      'nvme0n1',
      'sr0',
      'xvdb1',
    ]);
  });

  it('knows how the kernel names partitions', () => {
    expect(partitionParent('sda1')).toBe('sda');
    expect(partitionParent('nvme0n1p2')).toBe('nvme0n1');
    expect(partitionParent('mmcblk0p1')).toBe('mmcblk0');
    expect(partitionParent('nvme0n1')).toBe('nvme0n'); // never listed, so nvme0n1 stays a disk
    expect(partitionParent('sda')).toBeUndefined();
  });
});

describe('disk throughput', () => {
  it('measures the 32 MiB written between the recorded snapshots (MBps = 10^6 bytes/s)', () => {
    const collector = new DiskIoCollector();
    expect(collector.update(fixtureText('vm-host/proc/diskstats'), 0)).toEqual({ readMBps: 0, writeMBps: 0 });
    const elapsed = elapsedSeconds('vm-host');
    const rate = collector.update(fixtureText('vm-host/later/proc/diskstats'), elapsed);
    const before = parseDiskstats(fixtureText('vm-host/proc/diskstats')).find((disk) => disk.name === 'vda')!;
    const after = parseDiskstats(fixtureText('vm-host/later/proc/diskstats')).find(
      (disk) => disk.name === 'vda',
    )!;
    expect(after.sectorsWritten - before.sectorsWritten).toBeGreaterThanOrEqual(65536); // dd: 32 MiB
    expect(rate.writeMBps).toBeCloseTo(
      ((after.sectorsWritten - before.sectorsWritten) * 512) / 1e6 / elapsed,
      3,
    );
    expect(rate.readMBps).toBeCloseTo(((after.sectorsRead - before.sectorsRead) * 512) / 1e6 / elapsed, 3);
  });

  it('adds nothing for a device whose counters restarted', () => {
    const collector = new DiskIoCollector();
    collector.update(fixtureText('vm-host/proc/diskstats'), 0);
    expect(collector.update(fixtureText('counter-reset/later/proc/diskstats'), 2)).toEqual({
      readMBps: 0,
      writeMBps: 0,
    });
  });

  it('is 0 when no time passed', () => {
    const disks = parseDiskstats(fixtureText('vm-host/proc/diskstats'));
    expect(diskThroughput(new Map(), disks, new Set(['vda']), 0)).toEqual({ readMBps: 0, writeMBps: 0 });
  });
});
