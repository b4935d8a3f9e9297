#!/usr/bin/env node
// Alert evaluator cost per tick: N servers × R rules through the hub's real evaluator, window and
// condition code (built: run `npm run build` first).
// Usage: node bench/alerts-eval.mjs [servers=10000] [rules=20] [ticks=30]
// Every server reports every 5 s (two new samples per 10 s tick, as from the agents); the rules mix
// metric conditions with 1–5 min durations, a named filesystem, rates with units, a service, an
// offline and a traffic-quota rule, with all/include/exclude scopes. About 5 % of the servers run
// hot, so alerts go pending, fire and resolve during the run. Timed: `evaluate()` only (the tick's
// two server-list queries and the transaction of the transitions are not part of the figure).
/* eslint-disable no-console */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(path.join(root, 'dist/src', p));
const { AlertEvaluator } = await dist('alerts/alert-evaluator.js');
const { RecentWindow } = await dist('alerts/recent-window.js');
const { applyTransition } = await dist('alerts/active-alerts.js');
// The tests' sample factory is not part of the hub build (dist/): transpile it here (type-only imports).
const helper = ts.transpileModule(
  readFileSync(path.join(root, 'src/records/samples.test-helper.ts'), 'utf8'),
  {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
  },
).outputText;
const { makeSample } = await import(`data:text/javascript,${encodeURIComponent(helper)}`);

const [SERVERS = 10_000, RULES = 20, TICKS = 30] = process.argv.slice(2).map(Number);
const TICK = 10_000;
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const groups = Array.from({ length: 20 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const servers = Array.from({ length: SERVERS }, (_, i) => ({
  id: `server-${i}`,
  name: `host-${i}`,
  groupId: groups[i % groups.length],
  tags: i % 3 === 0 ? ['prod'] : ['dev', 'eu'],
}));

const all = { mode: 'all', serverIds: [], groupIds: [], tags: [] };
const metric = (m, op, threshold, durationSeconds, extra = {}) => ({
  kind: 'metric',
  metric: m,
  operator: op,
  threshold,
  durationSeconds,
  ...extra,
});
const templates = [
  [metric('cpu', '>', 90, 300)],
  [metric('cpu', '>=', 80, 60), metric('load1', '>', 1.5, 60)],
  [metric('mem', '>', 90, 120)],
  [metric('disk', '>=', 90, 0, { mountpoint: '/data' })],
  [metric('disk', '>', 95, 60)],
  [metric('netIn', '>', 800, 60, { unit: 'Mbit/s' })],
  [metric('netOut', '>', 0.5, 60, { unit: 'Gbit/s' })],
  [metric('diskWrite', '>', 200, 120)],
  [metric('swap', '>', 50, 300)],
  [metric('temperature', '>', 85, 60)],
  [metric('tcp', '>', 10_000, 60)],
  [metric('processes', '>', 1000, 60)],
  [metric('cpu', '<', 1, 600)],
  [{ kind: 'service', service: 'nginx', durationSeconds: 60 }],
  [{ kind: 'offline', seconds: 60 }],
  [{ kind: 'traffic', direction: 'total', quota: 1, unit: 'TB' }],
];
const scopes = [
  all,
  { mode: 'include', serverIds: [], groupIds: groups.slice(0, 10), tags: [] },
  { mode: 'exclude', serverIds: [], groupIds: [], tags: ['dev'] },
  { mode: 'include', serverIds: [], groupIds: [], tags: ['prod', 'eu'] },
];
const rules = Array.from({ length: RULES }, (_, i) => ({
  id: `rule-${i}`,
  name: `rule ${i}`,
  enabled: true,
  severity: 'warning',
  conditions: templates[i % templates.length],
  scope: scopes[i % scopes.length],
  trigger: i % 2 ? 'once' : 'repeat',
  repeatMinutes: 30,
  notificationGroupId: null,
  silence: null,
  version: 1,
}));

let now = Date.UTC(2030, 0, 1);
const window = new RecentWindow(20_000, 16); // as the hub builds it (alerts.service.ts)
const offline = new Map();
const usage = new Map(servers.map((s) => [s.id, { inBytes: 1e9, outBytes: 1e9 }]));
const evaluator = new AlertEvaluator(
  {
    samples: (id) => window.of(id),
    offlineSince: (id) => offline.get(id) ?? null,
    cycleUsage: (id) => usage.get(id),
    silenced: () => false,
  },
  30_000,
);
const active = new Map();
const hot = new Set(servers.filter(() => rnd() < 0.05).map((s) => s.id));

function report(at) {
  for (const s of servers) {
    const h = hot.has(s.id);
    window.add(
      makeSample({
        serverId: s.id,
        time: at,
        cpuPercent: h ? 95 : 20 + rnd() * 30,
        memPercent: h ? 93 : 50,
        load1: h ? 2 : 0.4,
        watchedServices: [{ name: 'nginx', activeState: h ? 'failed' : 'active', subState: 'running' }],
      }),
    );
  }
}

const times = [];
let transitions = 0;
for (let t = 0; t < TICKS; t++) {
  report(now + 2_500);
  report(now + 7_500);
  now += TICK;
  if (t === Math.floor(TICKS / 2)) {
    // half way, the hot servers cool down: their alerts resolve
    hot.clear();
  }
  const started = performance.now();
  const out = evaluator.evaluate(now, rules, servers, active);
  times.push(performance.now() - started);
  for (const tr of out) applyTransition(active, tr);
  transitions += out.length;
}
const sorted = [...times].sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const mem = process.memoryUsage();
console.log(
  JSON.stringify(
    {
      servers: SERVERS,
      rules: RULES,
      ticks: TICKS,
      pairs: SERVERS * RULES,
      medianMs: +pct(50).toFixed(1),
      p95Ms: +pct(95).toFixed(1),
      maxMs: +sorted[sorted.length - 1].toFixed(1),
      firstTickMs: +times[0].toFixed(1),
      transitions,
      activeAtEnd: active.size,
      heapUsedMB: Math.round(mem.heapUsed / 2 ** 20),
    },
    null,
    2,
  ),
);
