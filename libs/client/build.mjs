#!/usr/bin/env node
// Bundles the `hivewatch` command line with its dependencies (zod, the protocol library) into one
// file that runs with only Node.js ≥ 20 installed: dist/cli/hivewatch.cjs at the repository root
// (the hub serves it at GET /api/v1/cli/download), copied to libs/client/dist/cli/ (the package's bin).
// `npm run build` type-checks the client first (tsc -b tsconfig.build.json).
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOneFile } from '../../scripts/bundle-one-file.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const outfile = path.join(root, 'dist', 'cli', 'hivewatch.cjs');
const packageBin = path.join(here, 'dist', 'cli', 'hivewatch.cjs');

await bundleOneFile({
  name: 'cli bundle',
  root,
  entry: path.join(here, 'src', 'cli', 'main.ts'),
  outfile,
  alias: { '@hivewatch/protocol': path.join(root, 'libs', 'protocol', 'src', 'index.ts') },
});
mkdirSync(path.dirname(packageBin), { recursive: true });
copyFileSync(outfile, packageBin);
chmodSync(packageBin, 0o755);
