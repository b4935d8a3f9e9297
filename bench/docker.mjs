#!/usr/bin/env node
// Docker collection cost (docs/benchmarks.md, "Docker"): a private dockerd (test/support/dockerd.ts,
// no network changes) with CONTAINERS running busybox `sleep` containers, and the agent's own
// collection code (agent/src/docker/docker-collector.ts with the engine client, bundled by esbuild with
// the agent's dockerode stubs) run COLLECTIONS times, one per second as the metrics loop does.
// Per collection: this process's CPU time (user + system, process.cpuUsage) and wall time; medians
// and p95, and CPU per container. Also the wall time of one stats call with and without `one-shot`.
// Usage: node bench/docker.mjs [containers=50] [collections=25] [concurrency=64]   (needs root, dockerd)
/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CONTAINERS = Number(process.argv[2] ?? 50);
const COLLECTIONS = Number(process.argv[3] ?? 25);
const CONCURRENCY = Number(process.argv[4] ?? 64);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const median = (xs) => pct(xs, 50);

/** The harness and the collection code, as the agent bundle has them (same stubs as agent/build.mjs). */
async function load(work) {
  const entry = path.join(work, 'entry.ts');
  fs.writeFileSync(
    entry,
    [
      `export { startDockerd } from ${JSON.stringify(path.join(root, 'test/support/dockerd.ts'))};`,
      `export { DockerCollector } from ${JSON.stringify(path.join(root, 'agent/src/docker/docker-collector.ts'))};`,
      `export { createDockerEngine } from ${JSON.stringify(path.join(root, 'agent/src/docker/docker-engine.ts'))};`,
    ].join('\n'),
  );
  const stubs = {
    name: 'docker-stubs',
    setup(b) {
      b.onResolve({ filter: /^(ssh2|@grpc\/grpc-js|@grpc\/proto-loader|protobufjs)$/ }, (a) => ({
        path: a.path,
        namespace: 'stub',
      }));
      b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
        contents: 'module.exports = { Client: function () {} };',
        loader: 'js',
      }));
    },
  };
  const outfile = path.join(work, 'bench-docker.cjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    alias: { '@hivewatch/protocol': path.join(root, 'libs/protocol/src/agent-runtime.ts') },
    nodePaths: [path.join(root, 'node_modules')],
    plugins: [stubs],
    logLevel: 'error',
  });
  return createRequire(import.meta.url)(outfile);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-bench-docker-'));
const { startDockerd, DockerCollector, createDockerEngine } = await load(work);
const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
const dockerd = await startDockerd();
try {
  const started = performance.now();
  for (let i = 0; i < CONTAINERS; i += 1)
    await dockerd.startContainer(['--name', `bench-${i}`, dockerd.image, 'sleep', '1000000']);
  console.log(
    `${CONTAINERS} containers running (${((performance.now() - started) / 1000).toFixed(1)} s to start)`,
  );
  const engine = createDockerEngine({ socketPath: dockerd.socketPath }, 10_000);
  const collector = new DockerCollector({ engine, logger: silent, concurrency: CONCURRENCY });
  for (let i = 0; i < 3; i += 1) {
    await collector.collect(); // warm-up: inspect cache filled, previous readings present, JIT warm
    await sleep(1000);
  }
  const cpuMs = [];
  const wallMs = [];
  for (let i = 0; i < COLLECTIONS; i += 1) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const payload = await collector.collect();
    wallMs.push(performance.now() - t0);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
    const withCpu = payload.containers.filter((c) => typeof c.cpuPercent === 'number').length;
    if (!payload.available || withCpu !== CONTAINERS)
      throw new Error(`collection ${i}: ${withCpu} of ${CONTAINERS} with figures`);
    await sleep(1000);
  }
  const oneShot = [];
  const twoSample = [];
  const id = (await dockerd.run(['ps', '-q', '--no-trunc', '-f', 'name=bench-0'])).trim();
  for (let i = 0; i < 3; i += 1) {
    let t0 = performance.now();
    await engine.statsOnce(id);
    oneShot.push(performance.now() - t0);
    t0 = performance.now();
    await dockerd.run(['stats', '--no-stream', '--format', '{{.CPUPerc}}', id]);
    twoSample.push(performance.now() - t0);
  }
  const fmt = (x) => x.toFixed(2);
  console.log(
    `\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `date: ${new Date().toISOString()}; command: node bench/docker.mjs ${CONTAINERS} ${COLLECTIONS} ${CONCURRENCY}\n`,
  );
  console.log('| figure | median | p95 |');
  console.log('| --- | --- | --- |');
  console.log(
    `| agent CPU per collection, ms (${CONTAINERS} containers) | ${fmt(median(cpuMs))} | ${fmt(pct(cpuMs, 95))} |`,
  );
  console.log(
    `| agent CPU per container per collection, ms | ${fmt(median(cpuMs) / CONTAINERS)} | ${fmt(pct(cpuMs, 95) / CONTAINERS)} |`,
  );
  console.log(
    `| wall time per collection, ms (concurrency ${CONCURRENCY}) | ${fmt(median(wallMs))} | ${fmt(pct(wallMs, 95))} |`,
  );
  console.log(`| one stats call, one-shot, ms | ${fmt(median(oneShot))} | |`);
  console.log(`| \`docker stats --no-stream\` (two samples), ms | ${fmt(median(twoSample))} | |`);
} finally {
  await dockerd.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
