#!/usr/bin/env node
// `npm start`: build what is missing (incremental), then run the hub with its data in ./data.
// The hub applies migrations itself and prints the first administrator's credentials once.
// A local agent (scripts/local-agent.mjs) reports this machine; HIVEWATCH_LOCAL_AGENT=0 turns it off.
/* eslint-disable no-console */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HUB_NODE_ARGS, hubEnv } from './hub-runtime.mjs';
import { prepareLocalAgent, startLocalAgent } from './local-agent.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

console.log('Building the hub (incremental)…');
const build = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

// The console (dist/web): built when missing or older than web/src or angular.json.
const newest = (p) =>
  fs.statSync(p).isDirectory()
    ? Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))))
    : fs.statSync(p).mtimeMs;
const consoleIndex = path.join(root, 'dist/web/browser/index.html');
if (
  !fs.existsSync(consoleIndex) ||
  fs.statSync(consoleIndex).mtimeMs <
    Math.max(newest(path.join(root, 'web/src')), newest(path.join(root, 'angular.json')))
) {
  console.log('Building the console…');
  const ng = path.join(root, 'node_modules', '@angular', 'cli', 'bin', 'ng.js');
  const web = spawnSync(process.execPath, [ng, 'build'], { cwd: root, stdio: 'inherit' });
  if (web.status !== 0) process.exit(web.status ?? 1);
}

const port = process.env.HIVEWATCH_PORT ?? '8080';
const dataDir = process.env.HIVEWATCH_DATA_DIR ?? path.join(root, 'data');
const listenHost = process.env.HIVEWATCH_HOST;
const agentHost = !listenHost || listenHost === '0.0.0.0' || listenHost === '::' ? '127.0.0.1' : listenHost;
const localAgentConfig = prepareLocalAgent({
  root,
  dataDir,
  hubUrl: `http://${agentHost.includes(':') ? `[${agentHost}]` : agentHost}:${port}`,
  nodeArgs: HUB_NODE_ARGS,
  env: hubEnv({ HIVEWATCH_DATA_DIR: dataDir, ...process.env }),
});
console.log(
  `Starting Hivewatch on http://localhost:${port} (API explorer: http://localhost:${port}/api/docs)`,
);
const hub = spawn(process.execPath, [...HUB_NODE_ARGS, path.join(root, 'dist/src/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: hubEnv({ HIVEWATCH_DATA_DIR: path.join(root, 'data'), ...process.env }),
});
const agent = localAgentConfig ? startLocalAgent({ root, configFile: localAgentConfig }) : undefined;
if (agent) console.log('Started the local agent: this machine appears on the dashboard within seconds.');
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    agent?.kill(signal);
    hub.kill(signal);
  });
hub.on('exit', (code, signal) => {
  agent?.kill('SIGTERM');
  process.exit(code ?? (signal ? 1 : 0));
});
