#!/usr/bin/env node
// `npm run build:agent:exe`: the agent as one executable per platform, needing nothing on the host
// (docs/agent-executable.md). Bundles first (agent/build.mjs, same options: `--no-check`), then builds
//   dist/agent/hivewatch-agent-linux-x64     from this machine's Node (when it is linux-x64)
//   dist/agent/hivewatch-agent-linux-arm64   from the Node binary in HIVEWATCH_NODE_LINUX_ARM64
// Each takes the same command line as `node dist/agent/hivewatch-agent.cjs`. A platform whose Node
// binary is not available here is skipped with a message (nothing is downloaded). `--out-dir <dir>`
// writes the bundle and the executables there instead of dist/agent.
/* eslint-disable no-console */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSeaExecutable } from './sea-executable.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDirAt = process.argv.indexOf('--out-dir');
const outDir =
  outDirAt === -1 ? path.join(root, 'dist', 'agent') : path.resolve(process.argv[outDirAt + 1] ?? '');
const bundle = path.join(outDir, 'hivewatch-agent.cjs');

const bundled = spawnSync(
  process.execPath,
  [path.join(root, 'agent', 'build.mjs'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (bundled.status !== 0) process.exit(bundled.status ?? 1);

/** Native addons the agent carries, as SEA asset key → file (loaded with agent/src/native). None yet. */
const NATIVE_ASSETS = {};

const platforms = [
  { name: 'linux-x64', arch: 'x64', env: 'HIVEWATCH_NODE_LINUX_X64' },
  { name: 'linux-arm64', arch: 'arm64', env: 'HIVEWATCH_NODE_LINUX_ARM64' },
];
let built = 0;
for (const platform of platforms) {
  const native = process.platform === 'linux' && process.arch === platform.arch;
  const nodeBinary = process.env[platform.env] ?? (native ? process.execPath : undefined);
  if (nodeBinary === undefined || !existsSync(nodeBinary)) {
    console.log(
      `agent executable ${platform.name}: skipped, no Node ${process.version} binary for it here ` +
        `(set ${platform.env} to the \`node\` of the linux-${platform.arch} ${process.version} tarball)`,
    );
    continue;
  }
  const output = path.join(outDir, `hivewatch-agent-${platform.name}`);
  const size = await buildSeaExecutable({
    main: bundle,
    output,
    nodeBinary,
    assets: NATIVE_ASSETS,
    useCodeCache: native,
  });
  built++;
  if (native) {
    const version = spawnSync(output, ['--version'], { encoding: 'utf8' });
    if (version.status !== 0) {
      console.error(`agent executable ${platform.name} does not run: ${version.stderr}`);
      process.exit(1);
    }
  }
  console.log(
    `agent executable ${platform.name}: ${path.relative(root, output)} (${(size / 1048576).toFixed(1)} MiB)`,
  );
}
if (built === 0) {
  console.error('no agent executable built');
  process.exit(1);
}
