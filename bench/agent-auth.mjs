#!/usr/bin/env node
// Reconnect-storm figure: N servers with distinct agent tokens, all verified at once with an empty
// cache (argon2id), then again with the cache warm; median of 3 runs, as a wall-clock rate and as a
// rate per second of process CPU (argon2 runs in the libuv pool, so CPU counts every thread).
// Runs the built hub in-process on a temporary SQLite file. Usage: node bench/agent-auth.mjs [agents=1000]
/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(path.join(root, 'dist/src', p));
const { createApp } = await dist('app.factory.js');
const { loadConfig } = await dist('config/app-config.js');
const { AgentTokenVerifier } = await dist('servers/agent-token.verifier.js');
const { AgentTokenService } = await dist('servers/agent-token.service.js');
const { ServersService } = await dist('servers/servers.service.js');
const { TransactionRunner } = await dist('database/transaction-runner.js');

const AGENTS = Number(process.argv[2] ?? 1000);
const RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-bench-auth-'));
const app = await createApp(
  loadConfig({
    HIVEWATCH_DATA_DIR: dataDir,
    HIVEWATCH_LOG_LEVEL: 'warn',
    HIVEWATCH_LOG_FORMAT: 'json',
    HIVEWATCH_ADMIN_PASSWORD: 'bench-admin-password-1',
  }),
);
await app.init();
try {
  const verifier = app.get(AgentTokenVerifier);
  const issued = await Promise.all(Array.from({ length: AGENTS }, () => app.get(AgentTokenService).issue()));
  const agents = [];
  await app.get(TransactionRunner).run(async (m) => {
    for (const [i, t] of issued.entries()) {
      const s = await app
        .get(ServersService)
        .insert(m, { name: `bench-${i}`, groupId: null, tags: [], notes: '' }, t);
      agents.push({ id: s.id, token: t.token });
    }
  });

  const storm = async () => {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const results = await Promise.all(agents.map((a) => verifier.verify(a.id, a.token)));
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = (performance.now() - started) / 1000;
    if (!results.every((r, i) => r?.id === agents[i].id)) throw new Error('a token failed to verify');
    return { wall: AGENTS / seconds, cpu: AGENTS / ((cpu.user + cpu.system) / 1e6) };
  };
  const cold = [];
  const warm = [];
  for (let run = 0; run < RUNS; run++) {
    verifier.clearCache();
    cold.push(await storm());
    warm.push(await storm());
  }
  const line = (label, xs) =>
    `  ${label}: median ${Math.round(median(xs.map((x) => x.wall)))}/s wall-clock ` +
    `[${xs.map((x) => Math.round(x.wall)).join(', ')}], ${Math.round(median(xs.map((x) => x.cpu)))} per CPU-second`;
  console.log(`agent token verification, ${AGENTS} agents at once, ${RUNS} runs:`);
  console.log(line('cold (argon2id)', cold));
  console.log(line('warm (cache)   ', warm));
} finally {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
