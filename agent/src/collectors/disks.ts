import { statfs, statfsSync } from 'node:fs';
import type { DiskUsage } from './types.js';
import { BYTES_PER_GB, percent, round } from './units.js';

/** One line of /proc/self/mountinfo, reduced to what the filter needs. */
export interface MountEntry {
  /** "major:minor" of the mounted filesystem; bind mounts of one filesystem share it. */
  deviceNumber: string;
  /** Directory of the filesystem that is mounted here ("/" unless it is a bind mount of a subtree). */
  root: string;
  mountpoint: string;
  fstype: string;
  source: string;
}

/** The statfs fields we use (Node's StatsFs has these). */
export interface FsSpace {
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
}

/**
 * Filesystems that hold no user data (or only RAM, or duplicate another mount): never reported.
 * overlay and aufs are container layers on top of a disk that is already reported, except a
 * container's own root (mounted at "/"), which is the only view of the disk a container has.
 */
const PSEUDO_FSTYPES = new Set([
  'autofs',
  'binfmt_misc',
  'bpf',
  'cgroup',
  'cgroup2',
  'configfs',
  'debugfs',
  'devpts',
  'devtmpfs',
  'efivarfs',
  'fusectl',
  'hugetlbfs',
  'mqueue',
  'nfsd',
  'nsfs',
  'proc',
  'pstore',
  'ramfs',
  'rootfs',
  'rpc_pipefs',
  'securityfs',
  'selinuxfs',
  'squashfs',
  'sysfs',
  'tmpfs',
  'tracefs',
  'overlay',
  'aufs',
  'fuse.lxcfs',
  'fuse.gvfsd-fuse',
  'fuse.portal',
  'fuse.snapfuse',
  'fuse.xdg-document-portal',
]);

/** Remote filesystems: statfs can hang on a dead server, so they are measured off the event loop. */
const NETWORK_FSTYPES = new Set([
  'nfs',
  'nfs4',
  'cifs',
  'smb3',
  'smbfs',
  'ceph',
  'glusterfs',
  'lustre',
  '9p',
  'afs',
  'davfs',
  'fuse.sshfs',
  'fuse.rclone',
  'fuse.s3fs',
  'fuse.glusterfs',
  'fuse.cephfs',
]);

/** mountinfo escapes space, tab, newline and backslash as \040, \011, \012, \134. */
function unescapeOctal(text: string): string {
  return text.includes('\\')
    ? text.replace(/\\([0-7]{3})/g, (_, code: string) => String.fromCharCode(parseInt(code, 8)))
    : text;
}

/**
 * Parses /proc/self/mountinfo:
 * "27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard" (optional fields, then " - ").
 */
export function parseMountinfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const separator = line.indexOf(' - ');
    if (separator === -1) continue;
    const left = line.slice(0, separator).split(' ');
    const right = line.slice(separator + 3).split(' ');
    const [, , deviceNumber, root, mountpoint] = left;
    const [fstype, source] = right;
    if (deviceNumber === undefined || root === undefined || mountpoint === undefined || fstype === undefined)
      continue;
    entries.push({
      deviceNumber,
      root: unescapeOctal(root),
      mountpoint: unescapeOctal(mountpoint),
      fstype,
      source: unescapeOctal(source ?? ''),
    });
  }
  return entries;
}

export function isRealFilesystem(entry: MountEntry): boolean {
  if (entry.fstype === 'overlay' || entry.fstype === 'aufs') return entry.mountpoint === '/';
  return !PSEUDO_FSTYPES.has(entry.fstype);
}

export function isNetworkFilesystem(fstype: string): boolean {
  return NETWORK_FSTYPES.has(fstype);
}

/**
 * Real filesystems, one entry per filesystem: bind mounts share the device number, and of those we
 * keep a mount of the filesystem's own root ("/" root field) over a bind of a subdirectory, then the
 * shortest mountpoint (so "/" wins over "/run/netns" and "/var/lib/docker/...").
 */
export function selectRealFilesystems(entries: readonly MountEntry[]): MountEntry[] {
  const byDevice = new Map<string, MountEntry>();
  for (const entry of entries) {
    if (!isRealFilesystem(entry)) continue;
    const kept = byDevice.get(entry.deviceNumber);
    if (kept === undefined || preferMount(entry, kept)) byDevice.set(entry.deviceNumber, entry);
  }
  return [...byDevice.values()];
}

function preferMount(candidate: MountEntry, kept: MountEntry): boolean {
  const candidateIsRoot = candidate.root === '/';
  const keptIsRoot = kept.root === '/';
  if (candidateIsRoot !== keptIsRoot) return candidateIsRoot;
  return candidate.mountpoint.length < kept.mountpoint.length;
}

/** Size and usage the way `df` shows them; undefined for an empty (0-block) filesystem. */
export function diskUsageFromStatfs(entry: MountEntry, space: FsSpace): DiskUsage | undefined {
  if (!(space.blocks > 0)) return undefined;
  const total = space.blocks * space.bsize;
  const used = (space.blocks - space.bfree) * space.bsize;
  const available = space.bavail * space.bsize;
  return {
    device: entry.source,
    mountpoint: entry.mountpoint,
    fstype: entry.fstype,
    totalGB: round(total / BYTES_PER_GB, 2),
    usedGB: round(used / BYTES_PER_GB, 2),
    usagePercent: percent(used, used + available),
  };
}

export interface DiskUsageOptions {
  mountinfoPath: string;
  readText: (path: string) => string;
  /** How often the mount table is re-read (procfs gives no cheap change signal). Default 60 s. */
  mountRefreshMs?: number;
  statfsSync?: (path: string) => FsSpace;
  statfsAsync?: (path: string, done: (error: Error | null, space?: FsSpace) => void) => void;
}

/**
 * Usage of every real filesystem. Local filesystems are statfs()ed synchronously (~3 µs each);
 * network ones asynchronously, reporting the last answer, with at most one call outstanding per
 * mount so a hung NFS server costs one threadpool thread and never blocks the event loop.
 */
export class DiskUsageCollector {
  private mounts: MountEntry[] = [];
  private mountsReadAt = Number.NEGATIVE_INFINITY;
  private readonly refreshMs: number;
  private readonly statfsSync: (path: string) => FsSpace;
  private readonly statfsAsync: NonNullable<DiskUsageOptions['statfsAsync']>;
  private readonly remote = new Map<string, { pending: boolean; space?: FsSpace }>();

  constructor(private readonly options: DiskUsageOptions) {
    this.refreshMs = options.mountRefreshMs ?? 60_000;
    this.statfsSync = options.statfsSync ?? ((path) => statfsSync(path));
    this.statfsAsync = options.statfsAsync ?? ((path, done) => statfs(path, done));
  }

  collect(nowMs: number): DiskUsage[] {
    if (nowMs - this.mountsReadAt >= this.refreshMs) {
      this.mounts = selectRealFilesystems(parseMountinfo(this.options.readText(this.options.mountinfoPath)));
      this.mountsReadAt = nowMs;
    }
    const result: DiskUsage[] = [];
    for (const entry of this.mounts) {
      const space = isNetworkFilesystem(entry.fstype)
        ? this.remoteSpace(entry.mountpoint)
        : this.localSpace(entry.mountpoint);
      const usage = space && diskUsageFromStatfs(entry, space);
      if (usage) result.push(usage);
    }
    return result;
  }

  private localSpace(mountpoint: string): FsSpace | undefined {
    try {
      return this.statfsSync(mountpoint);
    } catch {
      return undefined; // unmounted since the table was read, or not accessible to us
    }
  }

  private remoteSpace(mountpoint: string): FsSpace | undefined {
    let state = this.remote.get(mountpoint);
    if (state === undefined) {
      state = { pending: false };
      this.remote.set(mountpoint, state);
    }
    if (!state.pending) {
      const current = state;
      current.pending = true;
      this.statfsAsync(mountpoint, (error, space) => {
        current.pending = false;
        current.space = error ? undefined : space;
      });
    }
    return state.space;
  }
}
