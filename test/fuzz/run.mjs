#!/usr/bin/env node
// Long fuzz run against the built hub: `npm run test:fuzz -- --minutes 30 [--seed N]`.
// Runs test/fuzz/hub.fuzz.e2e-spec.ts through jest with FUZZ_MINUTES/FUZZ_SEED, then prints the
// figures from its report. Without --minutes it runs the CI batch once. docs/fuzzing.md has the details.
/* eslint-disable no-console */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const minutes = Number(option('minutes') ?? 0);
if (!Number.isFinite(minutes) || minutes < 0) {
  console.error('usage: npm run test:fuzz -- [--minutes N] [--seed N]');
  process.exit(2);
}
// A long run explores: a fresh seed unless one is given. The CI batch keeps the spec's fixed seed.
const seed =
  option('seed') ??
  process.env.FUZZ_SEED ??
  (minutes > 0 ? String((Math.random() * 2 ** 31) | 0) : undefined);
const report = path.join(os.tmpdir(), `hivewatch-fuzz-run-${process.pid}.json`);

// Incremental: the fuzzed hub is always the source as it is now, never a stale build.
console.log('building the hub (npx tsc -b tsconfig.build.json)');
const build = spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log(`fuzz: seed ${seed ?? '(spec default)'}, ${minutes > 0 ? `${minutes} min` : 'one CI batch'}`);
const jest = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    '--selectProjects',
    'e2e',
    '--testPathPatterns',
    'test/fuzz/hub.fuzz.e2e-spec.ts',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      FUZZ_MINUTES: String(minutes),
      FUZZ_REPORT: report,
      ...(seed === undefined ? {} : { FUZZ_SEED: seed }),
    },
  },
);

if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const t = r.tally;
  console.log(`
fuzz summary (seed ${r.seed}; replay: npm run test:fuzz -- --seed ${r.seed}${minutes > 0 ? ` --minutes ${minutes}` : ''})
  duration:            ${r.durationS} s, ${t.batches} batch(es)
  frames tried:        ${t.framesSent} (accepted ${t.accepted}, refused ${t.refused}, counted as bad ${t.countable})
  connections:         ${t.connections} agent connections (${t.preAuthConnections} with a hostile first frame), ${t.httpRequests} raw HTTP/upgrade requests
  crashes:             ${r.hubExit ? `1 (${JSON.stringify(r.hubExit)})` : 0}; exited on SIGTERM: ${r.exitedOnSigterm}
  health:              ${r.health.polls} polls, max latency ${r.health.maxLatencyMs} ms, ${r.health.misses.length} over 1 s or failed
  hub RSS:             before ${r.rssBeforeMb.toFixed(1)} MB, after ${Number(r.rssAfterMb).toFixed(1)} MB
  bad-frame counter:   +${r.statsAfter.badFramesTotal - r.statsBefore.badFramesTotal} (expected +${t.countable})
  steady agent:        sent ${r.steady.sent}, acked ${r.steady.acked}, stored ${r.steady.stored}
  findings:            ${t.frameMismatches.length} frame mismatches, ${t.connectionFailures.length} connection failures, ${t.httpFindings.length} HTTP findings, ${r.hubErrors.count} hub error log lines
  full report:         ${report}`);
}
process.exit(jest.status ?? 1);
