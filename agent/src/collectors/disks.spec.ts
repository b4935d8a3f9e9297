import { describe, expect, it, jest } from '@jest/globals';
import type { FsSpace, MountEntry } from './disks.js';
import { DiskUsageCollector, diskUsageFromStatfs, parseMountinfo, selectRealFilesystems } from './disks.js';
import { fixturePath, fixtureText } from './fixtures.spec-helper.js';

const real = (host: string): Pick<MountEntry, 'mountpoint' | 'fstype' | 'source'>[] =>
  selectRealFilesystems(parseMountinfo(fixtureText(host, 'proc/self/mountinfo'))).map(
    ({ mountpoint, fstype, source }) => ({
      mountpoint,
      fstype,
      source,
    }),
  );

describe('mount table', () => {
  it('keeps only the ext4 root of this VM (proc, sysfs, tmpfs, devpts, cgroups skipped)', () => {
    expect(real('vm-host')).toEqual([{ mountpoint: '/', fstype: 'ext4', source: '/dev/vda' }]);
  });

  it('drops a bind mount of a subdirectory of the same filesystem (/run/netns of /dev/vda)', () => {
    const all = parseMountinfo(fixtureText('netns-300-interfaces/proc/self/mountinfo'));
    expect(all.some((entry) => entry.mountpoint === '/run/netns' && entry.root === '/run/netns')).toBe(true);
    expect(real('netns-300-interfaces')).toEqual([{ mountpoint: '/', fstype: 'ext4', source: '/dev/vda' }]);
  });

  it('in a container keeps the overlay root and one entry for the host disk behind the bind mounts', () => {
    expect(real('container')).toEqual([
      { mountpoint: '/', fstype: 'overlay', source: 'overlay' },
      { mountpoint: '/data', fstype: 'ext4', source: '/dev/vda' },
    ]);
  });

  it('on a server skips snaps, container layers, lxcfs and gvfs and keeps disks, RAID, ZFS and network mounts', () => {
    expect(real('server-bond-vlan').map((entry) => entry.mountpoint)).toEqual([
      '/',
      '/boot',
      '/boot/efi',
      '/srv/raid',
      '/mnt/nas',
      '/mnt/media library',
      '/tank',
      '/tank/home',
      '/home/alice/remote',
    ]);
  });
});

describe('diskUsageFromStatfs', () => {
  const root: MountEntry = {
    deviceNumber: '254:0',
    root: '/',
    mountpoint: '/',
    fstype: 'ext4',
    source: '/dev/vda',
  };

  it('computes GB (1024^3) and the percentage the way df does (used / (used + available))', () => {
    // Recorded with `df /` on this VM: 264212084 1K-blocks, 23846320 used, 82544592 available, 23%.
    const space: FsSpace = { bsize: 4096, blocks: 66053021, bfree: 66053021 - 5961580, bavail: 20636148 };
    const usage = diskUsageFromStatfs(root, space)!;
    expect(usage.totalGB).toBe(251.97);
    expect(usage.usedGB).toBe(22.74);
    expect(usage.usagePercent).toBeCloseTo(22.41, 1);
  });

  it('skips empty filesystems', () => {
    expect(diskUsageFromStatfs(root, { bsize: 4096, blocks: 0, bfree: 0, bavail: 0 })).toBeUndefined();
  });
});

describe('DiskUsageCollector', () => {
  const space: FsSpace = { bsize: 1024, blocks: 1024 ** 2, bfree: 1024 ** 2 / 2, bavail: 1024 ** 2 / 2 };

  it('re-reads the mount table only after the refresh period', () => {
    const readText = jest.fn((path: string) =>
      fixtureText('vm-host', path.slice(fixturePath('vm-host').length)),
    );
    const collector = new DiskUsageCollector({
      mountinfoPath: fixturePath('vm-host/proc/self/mountinfo'),
      readText,
      statfsSync: () => space,
    });
    expect(collector.collect(0)).toEqual([
      { device: '/dev/vda', mountpoint: '/', fstype: 'ext4', totalGB: 1, usedGB: 0.5, usagePercent: 50 },
    ]);
    collector.collect(59_999);
    expect(readText).toHaveBeenCalledTimes(1);
    collector.collect(60_000);
    expect(readText).toHaveBeenCalledTimes(2);
  });

  it('measures network filesystems asynchronously, one call at a time, and skips failing statfs', () => {
    const pending: ((error: Error | null, space?: FsSpace) => void)[] = [];
    const statfsAsync = jest.fn((_path: string, done: (error: Error | null, space?: FsSpace) => void) => {
      pending.push(done);
    });
    const collector = new DiskUsageCollector({
      mountinfoPath: fixturePath('server-bond-vlan/proc/self/mountinfo'),
      readText: (path) => fixtureText('server-bond-vlan', path.slice(fixturePath('server-bond-vlan').length)),
      statfsSync: (path) => {
        if (path === '/tank/home') throw new Error('EACCES');
        return space;
      },
      statfsAsync,
    });
    const first = collector.collect(0).map((usage) => usage.mountpoint);
    expect(first).not.toContain('/mnt/nas'); // no answer yet
    expect(first).not.toContain('/tank/home');
    expect(statfsAsync).toHaveBeenCalledTimes(2); // nfs4 and fuse.sshfs
    collector.collect(5_000);
    expect(statfsAsync).toHaveBeenCalledTimes(2); // still pending: a hung server is not asked again
    for (const done of pending.splice(0)) done(null, space);
    expect(collector.collect(10_000).map((usage) => usage.mountpoint)).toContain('/mnt/nas');
  });
});
