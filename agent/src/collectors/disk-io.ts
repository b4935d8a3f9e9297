import { whitespaceFields } from './fields.js';
import { BYTES_PER_MB_DECIMAL, round } from './units.js';

/** /proc/diskstats always counts 512-byte sectors, whatever the device's real sector size. */
const SECTOR_BYTES = 512;

export interface DiskCounters {
  name: string;
  sectorsRead: number;
  sectorsWritten: number;
}

export interface DiskThroughput {
  readMBps: number;
  writeMBps: number;
}

/** /proc/diskstats: "254 0 vda 93856 13161 3565762 27322 29227 48841 2458488 ..." */
export function parseDiskstats(text: string): DiskCounters[] {
  const result: DiskCounters[] = [];
  for (const line of text.split('\n')) {
    const fields = whitespaceFields(line);
    const name = fields[2];
    if (name === undefined || fields.length < 10) continue;
    result.push({ name, sectorsRead: Number(fields[5]), sectorsWritten: Number(fields[9]) });
  }
  return result;
}

/**
 * Devices that would double-count or are not disks: loop (file-backed, I/O lands on the disk holding
 * the file), ram/zram (memory), dm-* (LVM, LUKS, multipath) and md* (software RAID) sit on top of
 * disks whose I/O is already counted.
 */
const STACKED_OR_VIRTUAL = /^(loop|ram|zram|dm-|md)/;

/**
 * Whole disks only: drops the devices above, and partitions whose parent disk is listed (sda1 of
 * sda, nvme0n1p2 of nvme0n1, mmcblk0p1 of mmcblk0). A partition whose parent is absent is kept, so
 * its I/O is not lost.
 */
export function selectWholeDisks(names: readonly string[]): Set<string> {
  const candidates = new Set(names.filter((name) => !STACKED_OR_VIRTUAL.test(name)));
  const whole = new Set<string>();
  for (const name of candidates) {
    const parent = partitionParent(name);
    if (parent === undefined || !candidates.has(parent)) whole.add(name);
  }
  return whole;
}

/** The disk a partition name would belong to: a disk name ending in a digit adds "pN", else "N". */
export function partitionParent(name: string): string | undefined {
  const pStyle = /^(.*\d)p\d+$/.exec(name);
  if (pStyle) return pStyle[1];
  const plain = /^(.*\D)\d+$/.exec(name);
  return plain ? plain[1] : undefined;
}

/**
 * Throughput of the selected disks between two readings. A device absent from the previous reading
 * (hot-plugged) or whose counters went down (reset, re-attached) adds nothing for this interval.
 */
export function diskThroughput(
  previous: ReadonlyMap<string, DiskCounters>,
  current: readonly DiskCounters[],
  included: ReadonlySet<string>,
  elapsedSeconds: number,
): DiskThroughput {
  if (!(elapsedSeconds > 0)) return { readMBps: 0, writeMBps: 0 };
  let readSectors = 0;
  let writtenSectors = 0;
  for (const disk of current) {
    if (!included.has(disk.name)) continue;
    const before = previous.get(disk.name);
    if (before === undefined) continue;
    const read = disk.sectorsRead - before.sectorsRead;
    const written = disk.sectorsWritten - before.sectorsWritten;
    if (read > 0) readSectors += read;
    if (written > 0) writtenSectors += written;
  }
  const toMBps = (sectors: number): number =>
    round((sectors * SECTOR_BYTES) / BYTES_PER_MB_DECIMAL / elapsedSeconds, 3);
  return { readMBps: toMBps(readSectors), writeMBps: toMBps(writtenSectors) };
}

/** Remembers the previous reading and the disk selection (recomputed when devices come or go). */
export class DiskIoCollector {
  private previous = new Map<string, DiskCounters>();
  private included = new Set<string>();
  private namesKey = '';

  /** Stores a reading and returns throughput since the last one (0 on the first). */
  update(text: string, elapsedSeconds: number): DiskThroughput {
    const current = parseDiskstats(text);
    const names = current.map((disk) => disk.name);
    const key = names.join(' ');
    if (key !== this.namesKey) {
      this.included = selectWholeDisks(names);
      this.namesKey = key;
    }
    const result = diskThroughput(this.previous, current, this.included, elapsedSeconds);
    this.previous = new Map(current.map((disk) => [disk.name, disk]));
    return result;
  }
}
