#!/usr/bin/env node
// `npm start`: build what is missing (incremental), then run the hub with its data in ./data.
// The hub applies migrations itself and prints the first administrator's credentials once.
// A local agent (scripts/local-agent.mjs) reports this machine; HIVEWATCH_LOCAL_AGENT=0 turns it off.
//
// Stopping: SIGINT or SIGTERM to this process (a terminal's Ctrl-C, `kill <pid>`, or npm forwarding
// its own signal: the npm script `exec`s this file) is passed to every child by PID — the running
// build step, or the hub and the agent — and this process exits once they have ended (SIGKILL after
// STOP_GRACE_MS). If this process is orphaned (its parent died without passing a signal on), it stops too.
/* eslint-disable no-console */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentExecutableIsFresh, agentExecutablePath, writeAgentStamp } from './agent-stamp.mjs';
import { HUB_NODE_ARGS, hubEnv } from './hub-runtime.mjs';
import { prepareLocalAgent, startLocalAgent } from './local-agent.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const STOP_GRACE_MS = 15_000;

/** Every child process running now, by PID. */
const children = new Set();
let stopping = false;

function stop(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill(signal);
  const killer = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, STOP_GRACE_MS);
  killer.unref();
  void whenAllExited().then(() => process.exit(0));
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, 1000).unref();

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function whenAllExited() {
  return Promise.all(
    [...children].map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve();
          else child.once('exit', resolve);
        }),
    ),
  );
}

/** Runs `node <args>` to its end; a stop signal meanwhile ends it and then this process. */
function run(args, { env } = {}) {
  return new Promise((resolve) => {
    const child = track(spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env }));
    child.once('error', () => resolve({ status: 1 }));
    child.once('exit', (code, signal) => resolve({ status: code ?? (signal ? 1 : 0) }));
  }).then(async (result) => {
    if (stopping) await new Promise(() => {}); // stop() exits once every child has ended
    return result;
  });
}

console.log('Building the hub (incremental)…');
const build = await run([tsc, '-b', 'tsconfig.build.json']);
if (build.status !== 0) process.exit(build.status ?? 1);

// The `hivewatch` command line the hub serves at /api/v1/cli/download (a few seconds; the hub
// answers 404 there if it cannot be built).
const cli = await run([path.join(root, 'libs', 'client', 'build.mjs')]);
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
  const web = await run([ng, 'build']);
  if (web.status !== 0) process.exit(web.status ?? 1);
}

// The agent executable the console's install command downloads from this hub (about 10 s, only when
// its inputs changed since it was built: scripts/agent-stamp.mjs); its .deb follows once the hub is up.
const agentExecutable = agentExecutablePath(root);
const agentDeb = `${agentExecutable}.deb`;
if (process.platform === 'linux') {
  if (!agentExecutableIsFresh(root)) {
    console.log('Building the agent executable…');
    const exe = await run([path.join(root, 'agent', 'build-exe.mjs'), '--no-check']);
    if (exe.status === 0) writeAgentStamp(root);
    else console.warn('Could not build the agent executable; run `npm run build:agent:exe` to offer it.');
  }
}

const port = process.env.HIVEWATCH_PORT ?? '8080';
const dataDir = process.env.HIVEWATCH_DATA_DIR ?? path.join(root, 'data');
const listenHost = process.env.HIVEWATCH_HOST;
const agentHost = !listenHost || listenHost === '0.0.0.0' || listenHost === '::' ? '127.0.0.1' : listenHost;
const localAgentConfig = await prepareLocalAgent({
  root,
  dataDir,
  hubUrl: `http://${agentHost.includes(':') ? `[${agentHost}]` : agentHost}:${port}`,
  nodeArgs: HUB_NODE_ARGS,
  env: hubEnv({ HIVEWATCH_DATA_DIR: dataDir, ...process.env }),
  run,
});
console.log(
  `Starting Hivewatch on http://localhost:${port} (API explorer: http://localhost:${port}/api/docs)`,
);
const hub = track(
  spawn(process.execPath, [...HUB_NODE_ARGS, path.join(root, 'dist/src/main.js')], {
    cwd: root,
    stdio: 'inherit',
    env: hubEnv({ HIVEWATCH_DATA_DIR: path.join(root, 'data'), ...process.env }),
  }),
);

let agent;
// The hub closes cleanly on SIGINT/SIGTERM and then ends by that signal: a stop we asked for is a success.
hub.on('exit', (code) => {
  if (stopping) return; // stop() exits once the agent has ended too
  agent?.kill('SIGTERM');
  const exitCode = code ?? 1;
  void whenAllExited().then(() => process.exit(exitCode));
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
    agent = track(startLocalAgent({ root, configFile: localAgentConfig }));
    console.log('Started the local agent: this machine appears on the dashboard within seconds.');
  }
  console.log(`Hivewatch is ready: open http://localhost:${port} and sign in.`);
  if (
    fs.existsSync(agentExecutable) &&
    (!fs.existsSync(agentDeb) || fs.statSync(agentDeb).mtimeMs < fs.statSync(agentExecutable).mtimeMs)
  ) {
    // In the background: the hub offers the .deb as soon as it is written.
    track(
      spawn(process.execPath, [path.join(root, 'agent', 'packaging', 'build-deb.mjs')], {
        cwd: root,
        stdio: 'ignore',
      }),
    );
  }
  const firstPassword = path.join(dataDir, 'initial-admin-password.txt');
  if (fs.existsSync(firstPassword)) {
    console.log(`First sign-in: the generated admin password is in ${firstPassword}`);
    console.log('(printed above as well; lost it? run: npm run hub -- reset-password admin)');
  }
}
