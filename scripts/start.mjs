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

// The `hivewatch` command line the hub serves at /api/v1/cli/download (a few seconds; the hub
// answers 404 there if it cannot be built).
const cli = spawnSync(process.execPath, [path.join(root, 'libs', 'client', 'build.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (cli.status !== 0) console.warn('Could not build the hivewatch command line; the hub starts without it.');

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

let agent;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    stopping = true;
    agent?.kill(signal);
    hub.kill(signal);
  });
// The hub closes cleanly on SIGINT/SIGTERM and then ends by that signal: a stop we asked for is a success.
hub.on('exit', (code) => {
  agent?.kill('SIGTERM');
  const exitCode = code ?? (stopping ? 0 : 1);
  if (!agent || agent.exitCode !== null || agent.signalCode !== null) process.exit(exitCode);
  agent.once('exit', () => process.exit(exitCode));
});

/** True once the hub answers its health check; false if it stops or does not answer within 2 minutes. */
async function hubReady() {
  const health = `http://${agentHost.includes(':') ? `[${agentHost}]` : agentHost}:${port}/api/v1/health`;
  for (let waited = 0; waited < 120_000 && hub.exitCode === null && !stopping; waited += 250) {
    if (
      await fetch(health).then(
        (r) => r.ok,
        () => false,
      )
    )
      return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

// The local agent starts once the hub listens, so its first connection succeeds.
if (await hubReady()) {
  if (localAgentConfig && !stopping) {
    agent = startLocalAgent({ root, configFile: localAgentConfig });
    console.log('Started the local agent: this machine appears on the dashboard within seconds.');
  }
  console.log(`Hivewatch is ready: open http://localhost:${port} and sign in.`);
}
