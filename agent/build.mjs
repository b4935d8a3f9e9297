#!/usr/bin/env node
// `npm run build:agent`: type-check the agent, then bundle it with its dependencies (ws, zod, the
// protocol library) into one file that runs with only Node installed: dist/agent/hivewatch-agent.cjs.
/* eslint-disable no-console */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOneFile } from '../scripts/bundle-one-file.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--out-dir <dir>`: write there instead of dist/agent (tests build their own copy).
const outDirAt = process.argv.indexOf('--out-dir');
const outDir =
  outDirAt === -1 ? path.join(root, 'dist', 'agent') : path.resolve(process.argv[outDirAt + 1] ?? '');
const outfile = path.join(outDir, 'hivewatch-agent.cjs');

// `--no-check` (npm start): bundle only; the type-check runs in `npm run build:agent` and in lint.
if (!process.argv.includes('--no-check')) {
  const check = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.agent.json'],
    { cwd: root, stdio: 'inherit' },
  );
  if (check.status !== 0) process.exit(check.status ?? 1);
}

/**
 * node-pty's JS goes into the bundle; its lib/utils.js, which finds `pty.node` by relative paths,
 * is replaced by agent/src/terminal/node-pty-utils.ts, which hands out the addon the single
 * executable carries (or, in the plain bundle, the one under node_modules).
 */
const nodePtyBinding = {
  name: 'node-pty-binding',
  setup(build) {
    build.onResolve({ filter: /^\.\/utils$/ }, (args) =>
      /[\\/]node_modules[\\/]node-pty[\\/]lib$/.test(args.resolveDir)
        ? { path: path.join(root, 'agent', 'src', 'terminal', 'node-pty-utils.ts') }
        : undefined,
    );
  },
};

/**
 * dockerode loads ssh2 (native addons: sshcrypto.node, cpu-features) for ssh:// hosts and gRPC +
 * protobufjs for BuildKit sessions at require time. The agent talks to the engine on a unix socket or
 * plain tcp:// only, and never builds images, so these are stubbed: ssh2's Client throws if ever used,
 * the others are empty. Without the stubs esbuild cannot bundle the .node files, and gRPC alone would
 * add ~400 KiB (docs/docker.md, "Bundle").
 */
const DOCKER_STUBS = {
  ssh2: "module.exports = { Client: function Client() { throw new Error('ssh:// Docker hosts are not supported by the Hivewatch agent'); } };",
  '@grpc/grpc-js': 'module.exports = {};',
  '@grpc/proto-loader': 'module.exports = {};',
  protobufjs: 'module.exports = {};',
};
const dockerStubs = {
  name: 'docker-stubs',
  setup(build) {
    build.onResolve({ filter: /^(ssh2|@grpc\/grpc-js|@grpc\/proto-loader|protobufjs)$/ }, (args) => ({
      path: args.path,
      namespace: 'docker-stub',
    }));
    build.onLoad({ filter: /.*/, namespace: 'docker-stub' }, (args) => ({
      contents: DOCKER_STUBS[args.path],
      loader: 'js',
    }));
  },
};

const bundled = await bundleOneFile({
  name: 'agent bundle',
  root,
  entry: path.join(root, 'agent', 'src', 'main.ts'),
  outfile,
  // Zod-free entry (as in tsconfig.agent.json, whose type-check rejects any other value import).
  alias: { '@hivewatch/protocol': path.join(root, 'libs', 'protocol', 'src', 'agent-runtime.ts') },
  // ws loads these native accelerators lazily when present and works without them.
  external: ['bufferutil', 'utf-8-validate'],
  plugins: [nodePtyBinding, dockerStubs],
});
const zodInputs = Object.entries(bundled).filter(
  ([input, { bytesInOutput }]) => input.includes('node_modules/zod/') && bytesInOutput > 0,
);
if (zodInputs.length > 0) {
  console.error(
    `agent bundle must not contain zod (${zodInputs.length} modules): import only zod-free protocol code`,
  );
  process.exit(1);
}
const inputs = Object.keys(bundled);
if (
  !inputs.some((input) => input.endsWith('node-pty/lib/unixTerminal.js')) ||
  inputs.some((input) => input.endsWith('node-pty/lib/utils.js'))
) {
  console.error("agent bundle must hold node-pty's JS with its addon lookup replaced (node-pty-utils.ts)");
  process.exit(1);
}
