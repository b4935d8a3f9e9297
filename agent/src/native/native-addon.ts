import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as sea from 'node:sea';

/** Where the single executable keeps the files it carries (`sea.getAsset`), e.g. native addons. */
export interface AssetSource {
  isSea(): boolean;
  getAsset(key: string): ArrayBuffer;
}

export interface LoadNativeAddonOptions {
  /** Private directory the addon is extracted to (created 0700): see nativeAddonDir(). */
  dir: string;
  /** Outside the single executable (bundle, tests): how to load the addon instead. */
  fallback?: () => unknown;
  source?: AssetSource;
  /** What needs the addon ("the terminal"), named when this executable does not carry it. */
  feature?: string;
}

/**
 * The executable does not carry the addon: it was not built for this platform (agent/build-exe.mjs
 * NATIVE_ASSETS). The agent runs on; the feature that needs it reports itself unavailable.
 */
export class NativeAddonUnavailableError extends Error {
  constructor(
    readonly addon: string,
    readonly feature: string | undefined,
  ) {
    super(
      `this executable does not carry the native addon '${addon}' ` +
        `(not built for ${process.platform}-${process.arch})` +
        (feature === undefined ? '' : `: ${feature} is unavailable on this host`),
    );
    this.name = 'NativeAddonUnavailableError';
  }
}

/** The extraction directory for a state file: `<state dir>/native`. */
export function nativeAddonDir(stateFile: string): string {
  return join(dirname(stateFile), 'native');
}

/** The asset key a native addon is stored under in the executable (agent/build-exe.mjs). */
export function nativeAddonKey(name: string): string {
  return `native/${name}.node`;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Loads the native addon `name` that the single executable carries as an asset. A `.node` file can
 * only be loaded from disk (dlopen), so it is written to `<dir>/<name>-<sha256>.node` (0500, in a
 * 0700 directory owned by this user), and its content is checked against the executable's copy right
 * before it is loaded: a file someone changed is replaced, never loaded. Older versions are removed.
 */
export function loadNativeAddon(name: string, options: LoadNativeAddonOptions): unknown {
  if (!/^[a-z0-9][a-z0-9_.-]{0,63}$/i.test(name)) throw new Error(`invalid native addon name '${name}'`);
  const source = options.source ?? sea;
  if (!source.isSea()) {
    if (options.fallback) return options.fallback();
    throw new Error(`native addon '${name}' is only carried by the single executable`);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(source.getAsset(nativeAddonKey(name)));
  } catch {
    throw new NativeAddonUnavailableError(name, options.feature);
  }
  const digest = sha256(bytes);
  privateDirectory(options.dir);
  const fileName = `${name}-${digest}.node`;
  const file = join(options.dir, fileName);
  if (!holds(file, digest)) {
    const temporary = `${file}.${process.pid}.tmp`;
    rmSync(temporary, { force: true });
    writeFileSync(temporary, bytes, { mode: 0o500, flag: 'w' });
    renameSync(temporary, file);
    if (!holds(file, digest)) throw new Error(`native addon '${name}' changed on disk while extracting`);
  }
  const module = { exports: {} as unknown };
  process.dlopen(module, file);
  removeOlderVersions(options.dir, name, fileName);
  return module.exports;
}

/** Creates `dir` (0700) or checks an existing one: a real directory of ours that no one else can write. */
function privateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const info = lstatSync(dir);
  if (!info.isDirectory()) throw new Error(`${dir} is not a directory`);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) throw new Error(`${dir} is not owned by this user`);
  if ((info.mode & 0o077) !== 0) throw new Error(`${dir} must be private (mode 0700)`);
}

/** True when `file` is a regular file (not a link) whose content has this SHA-256. */
function holds(file: string, digest: string): boolean {
  try {
    if (!lstatSync(file).isFile()) {
      rmSync(file, { recursive: true, force: true });
      return false;
    }
    return sha256(readFileSync(file)) === digest;
  } catch {
    return false;
  }
}

function removeOlderVersions(dir: string, name: string, keep: string): void {
  for (const entry of readdirSync(dir)) {
    if (entry !== keep && entry.startsWith(`${name}-`) && entry.endsWith('.node'))
      rmSync(join(dir, entry), { force: true });
  }
}
