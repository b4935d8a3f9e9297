// Jest's test sequencer, with a start on a clean clone: Jest runs the suites that took longest first
// (so that no worker is left with a long suite at the end), from the durations it caches after a run.
// A clean clone (CI) has no cache: the durations recorded in test/support/test-durations.json stand
// in for it. Refresh them after a full run with
// `--json --outputFile=<file>`:
//   node test/support/slowest-first.mjs <file>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sequencer from '@jest/test-sequencer';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const DURATIONS = path.join(here, 'test-durations.json');
const UNKNOWN_MS = 10_000;

export default class SlowestFirst extends Sequencer {
  /** @type {Record<string, number> | undefined} */
  recorded;

  /** Jest's cached duration of the last run, else the recorded one. */
  time(test) {
    const cached = super.time(test);
    if (cached !== undefined) return cached;
    this.recorded ??= fs.existsSync(DURATIONS) ? JSON.parse(fs.readFileSync(DURATIONS, 'utf8')) : {};
    return this.recorded[path.relative(root, test.path)];
  }

  /**
   * Failed last time first, then the longest first. A suite never timed counts as taking
   * UNKNOWN_MS (a typical end-to-end suite): after the known long ones, before the quick ones.
   */
  sort(tests) {
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    for (const test of tests) test.duration = this.time(test);
    const duration = (test) => test.duration ?? UNKNOWN_MS;
    return tests.sort(
      (a, b) =>
        Number(this.hasFailed(b)) - Number(this.hasFailed(a)) ||
        duration(b) - duration(a) ||
        size(b) - size(a),
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')).testResults;
  const durations = Object.fromEntries(
    results
      .map((r) => [path.relative(root, r.name), Math.round(r.endTime - r.startTime)])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  fs.writeFileSync(DURATIONS, `${JSON.stringify(durations, null, 2)}\n`);
}
