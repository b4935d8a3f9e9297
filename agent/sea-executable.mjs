// Turns a one-file CommonJS bundle into a single executable (Node's single-executable applications):
// Node writes a preparation blob from a sea-config.json, and postject injects it into a copy of a
// Node binary of the same version. Files the program needs at run time (native addons) travel as
// SEA assets and are read back with `sea.getAsset()`. Used by agent/build-exe.mjs and by tests.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'postject';

/** The fuse Node checks to know that a blob was injected (doc/api/single-executable-applications.md). */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/**
 * @param {{
 *   main: string,
 *   output: string,
 *   nodeBinary?: string,
 *   assets?: Record<string, string>,
 *   useCodeCache?: boolean,
 *   strip?: boolean,
 * }} options
 *   `nodeBinary` (default: the running Node) must be the same Node version as the one building;
 *   `assets` maps asset keys to files; `useCodeCache` only when the binary runs on this machine
 *   (V8's code cache is specific to the CPU architecture); `strip` removes debug symbols first.
 * @returns {number} size of the executable in bytes
 */
export async function buildSeaExecutable({
  main,
  output,
  nodeBinary = process.execPath,
  assets = {},
  useCodeCache = false,
  strip = true,
}) {
  const work = mkdtempSync(path.join(tmpdir(), 'hivewatch-sea-'));
  try {
    const blob = path.join(work, 'sea-prep.blob');
    const config = path.join(work, 'sea-config.json');
    writeFileSync(
      config,
      JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache, assets }),
    );
    const prepared = spawnSync(process.execPath, ['--experimental-sea-config', config], { encoding: 'utf8' });
    if (prepared.status !== 0) throw new Error(`could not prepare the SEA blob: ${prepared.stderr}`);

    mkdirSync(path.dirname(output), { recursive: true });
    const partial = `${output}.partial`;
    copyFileSync(nodeBinary, partial);
    chmodSync(partial, 0o755);
    if (strip) {
      const stripped = spawnSync('strip', ['--strip-debug', partial], { encoding: 'utf8' });
      if (stripped.error === undefined && stripped.status !== 0)
        throw new Error(`strip failed: ${stripped.stderr}`);
    }
    await inject(partial, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE });
    chmodSync(partial, 0o755);
    renameSync(partial, output);
    return statSync(output).size;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
