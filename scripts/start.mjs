#!/usr/bin/env node
// `npm start`: build what is missing (incremental), then run the hub with its data in ./data.
// The hub applies migrations itself and prints the first administrator's credentials once.
/* eslint-disable no-console */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

console.log('Building the hub (incremental)…');
const build = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const port = process.env.HIVEWATCH_PORT ?? '8080';
console.log(
  `Starting Hivewatch on http://localhost:${port} (API explorer: http://localhost:${port}/api/docs)`,
);
const hub = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { HIVEWATCH_DATA_DIR: path.join(root, 'data'), ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => hub.kill(signal));
hub.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
