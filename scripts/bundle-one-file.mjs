// One-file Node.js programs (the agent, the `hivewatch` command line): esbuild bundles an entry with
// its dependencies into a single executable CommonJS file that runs on Node.js ≥ 20 with nothing else
// installed. Shared by agent/build.mjs and libs/client/build.mjs.
/* eslint-disable no-console */
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles `entry` into `outfile` (mode 0755) and prints its size as `<name>: <path> (<n> KiB)`.
 * Returns esbuild's metafile inputs of the output, for checks on what went in.
 * @param {{ name: string, root: string, entry: string, outfile: string, alias?: Record<string, string>, external?: string[], plugins?: import('esbuild').Plugin[] }} options
 */
export async function bundleOneFile({ name, root, entry, outfile, alias = {}, external = [], plugins = [] }) {
  mkdirSync(path.dirname(outfile), { recursive: true });
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    keepNames: true,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    alias,
    external,
    plugins,
    logLevel: 'warning',
  });
  chmodSync(outfile, 0o755);
  const output = Object.values(result.metafile.outputs)[0];
  const bytes = output?.bytes;
  console.log(`${name}: ${path.relative(root, outfile)}${bytes ? ` (${Math.round(bytes / 1024)} KiB)` : ''}`);
  return output?.inputs ?? {};
}
