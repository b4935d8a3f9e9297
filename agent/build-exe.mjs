#!/usr/bin/env node
// `npm run build:agent:exe`: the agent as one executable per platform, needing nothing on the host
// (docs/agent-executable.md). Bundles first (agent/build.mjs, same options: `--no-check`), then builds
//   dist/agent/hivewatch-agent-<platform>   for this machine's platform (linux-x64 here), or for each
//                                           `--platform <linux-x64|linux-arm64>` given
// Each takes the same command line as `node dist/agent/hivewatch-agent.cjs`. This machine's platform
// uses the running Node; another one the official Node binary of the same version, fetched from the
// npm registry and verified (agent/node-runtime.mjs). `--out-dir <dir>` writes there, not dist/agent.
/* eslint-disable no-console */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchNodeRuntime } from './node-runtime.mjs';
import { buildSeaExecutable } from './sea-executable.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outDirAt = args.indexOf('--out-dir');
const outDir = outDirAt === -1 ? path.join(root, 'dist', 'agent') : path.resolve(args[outDirAt + 1] ?? '');
const bundle = path.join(outDir, 'hivewatch-agent.cjs');

/** The platforms an executable can be built for, with their Node architecture. */
const ARCHES = { 'linux-x64': 'x64', 'linux-arm64': 'arm64' };
/**
 * Native addons the agent carries, per platform, as SEA asset key → file (loaded with
 * agent/src/native). node-pty's addon (the terminal) is the one npm compiled on this machine, so only
 * this machine's platform carries it (linux-x64 here: there is no aarch64 compiler, and node-pty
 * publishes no Linux prebuilds).
 * An addon missing for a platform is reported below; that executable still starts, and its
 * terminal refuses sessions with "this executable does not carry the native addon 'node-pty' (not
 * built for linux-arm64)" (agent/src/terminal/pty-binding.ts).
 */
const PTY_ADDON = path.join(root, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node');
const hostPlatform = `${process.platform}-${process.arch}`;
const NATIVE_ASSETS = { 'linux-x64': {}, 'linux-arm64': {} };
if (hostPlatform in NATIVE_ASSETS) NATIVE_ASSETS[hostPlatform]['native/node-pty.node'] = PTY_ADDON;

const platforms = args.flatMap((arg, i) => (arg === '--platform' ? [args[i + 1] ?? ''] : []));
if (platforms.length === 0) platforms.push(hostPlatform);
for (const platform of platforms) {
  if (!(platform in ARCHES)) {
    console.error(`unknown platform '${platform}' (known: ${Object.keys(ARCHES).join(', ')})`);
    process.exit(2);
  }
}

const bundled = spawnSync(process.execPath, [path.join(root, 'agent', 'build.mjs'), ...args], {
  cwd: root,
  stdio: 'inherit',
});
if (bundled.status !== 0) process.exit(bundled.status ?? 1);

for (const platform of new Set(platforms)) {
  for (const [key, file] of Object.entries(NATIVE_ASSETS[platform])) {
    if (!existsSync(file)) {
      console.error(`agent executable ${platform}: ${key} is missing (${file}): run npm ci`);
      process.exit(1);
    }
  }
}
const allAddons = new Set(Object.values(NATIVE_ASSETS).flatMap((assets) => Object.keys(assets)));
for (const platform of new Set(platforms)) {
  const started = performance.now();
  const native = platform === hostPlatform;
  const output = path.join(outDir, `hivewatch-agent-${platform}`);
  const work = mkdtempSync(path.join(tmpdir(), 'hivewatch-node-'));
  let size;
  try {
    // Another architecture: no V8 code cache (it is CPU-specific; Node's SEA docs require it off for
    // a blob used by another platform's binary), and no strip (the host's strip cannot read it).
    const nodeBinary = native
      ? process.execPath
      : fetchNodeRuntime({ arch: ARCHES[platform], workDir: work });
    size = await buildSeaExecutable({
      main: bundle,
      output,
      nodeBinary,
      assets: NATIVE_ASSETS[platform],
      useCodeCache: native,
      strip: native,
    });
  } catch (error) {
    console.error(`agent executable ${platform}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (native) {
    const version = spawnSync(output, ['--version'], { encoding: 'utf8' });
    if (version.status !== 0) {
      console.error(`agent executable ${platform} does not run: ${version.stderr}`);
      process.exit(1);
    }
  }
  for (const key of allAddons) {
    if (!(key in NATIVE_ASSETS[platform]))
      console.log(`agent executable ${platform}: without ${key} (not built for ${platform})`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `agent executable ${platform}: ${path.relative(root, output)} (${(size / 1048576).toFixed(1)} MiB, ${seconds} s)`,
  );
}
