#!/usr/bin/env node
// The `hivewatch` command line (bundled into dist/cli/hivewatch.cjs by libs/client/build.mjs).
import { run } from './run.js';

void run(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  now: () => Date.now(),
}).then((code) => {
  process.exitCode = code;
});
