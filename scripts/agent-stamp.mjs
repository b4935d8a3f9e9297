#!/usr/bin/env node
// Is the agent executable in dist/agent up to date? Its build writes a stamp beside it
// (`hivewatch-agent-<platform>.inputs`): a hash of what goes into it (the agent's sources and build
// scripts, the protocol library, the lock file, this Node) and the executable's mtime. The executable
// is fresh when the stamp matches both; an executable without a matching stamp (built by hand with
// `npm run build:agent:exe`) is fresh when it is newer than every input, as before stamps existed.
// Used by `npm start` (scripts/start.mjs) and by the tests that share one build (test/support).
//   node scripts/agent-stamp.mjs check [--root <dir>]   exit 0 when fresh, 1 when missing or stale
//   node scripts/agent-stamp.mjs write [--root <dir>]   records the stamp of the executable just built
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What goes into the executable: folders (every file but specs) and single files, from the root. */
const INPUT_DIRS = ['agent/src', 'libs/protocol/src'];
const INPUT_FILES = [
  'agent/build.mjs',
  'agent/build-exe.mjs',
  'agent/sea-executable.mjs',
  'scripts/bundle-one-file.mjs',
  'package-lock.json',
];
const SPEC = /\.(int-)?spec\.ts$/;

/** Input files as paths relative to `root`, sorted; a missing single file is left out. */
function inputFiles(root) {
  const files = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (!SPEC.test(entry.name)) files.push(child);
    }
  };
  for (const dir of INPUT_DIRS) if (fs.existsSync(path.join(root, dir))) walk(dir);
  for (const file of INPUT_FILES) if (fs.existsSync(path.join(root, file))) files.push(file);
  return files.sort();
}

/** The hash of every input's path and content, and of the Node that the executable is made from. */
export function agentInputsHash(root) {
  const hash = createHash('sha256').update(`${process.version} ${process.platform}-${process.arch}\0`);
  for (const file of inputFiles(root))
    hash.update(`${file}\0`).update(fs.readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

/** The executable this machine's `npm run build:agent:exe` writes into dist/agent. */
export function agentExecutablePath(root) {
  return path.join(root, 'dist', 'agent', `hivewatch-agent-${process.platform}-${process.arch}`);
}

const stampPath = (root) => `${agentExecutablePath(root)}.inputs`;

/** True when the executable exists and was built from the inputs as they are now. */
export function agentExecutableIsFresh(root) {
  const exe = fs.statSync(agentExecutablePath(root), { throwIfNoEntry: false });
  if (!exe) return false;
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampPath(root), 'utf8'));
  } catch {
    stamp = undefined;
  }
  if (stamp?.executableMtimeMs === exe.mtimeMs) return stamp.inputs === agentInputsHash(root);
  // No stamp of this executable: compare modification times instead.
  const newest = Math.max(0, ...inputFiles(root).map((f) => fs.statSync(path.join(root, f)).mtimeMs));
  return exe.mtimeMs >= newest;
}

/** Records that the executable now in dist/agent was built from the inputs as they are now. */
export function writeAgentStamp(root) {
  const { mtimeMs } = fs.statSync(agentExecutablePath(root));
  const stamp = JSON.stringify({ inputs: agentInputsHash(root), executableMtimeMs: mtimeMs });
  const partial = `${stampPath(root)}.partial`;
  fs.writeFileSync(partial, `${stamp}\n`);
  fs.renameSync(partial, stampPath(root));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rootAt = process.argv.indexOf('--root');
  const root =
    rootAt === -1
      ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
      : path.resolve(process.argv[rootAt + 1] ?? '');
  const command = process.argv[2];
  if (command === 'check') process.exit(agentExecutableIsFresh(root) ? 0 : 1);
  else if (command === 'write') writeAgentStamp(root);
  else {
    process.stderr.write('usage: node scripts/agent-stamp.mjs check|write [--root <dir>]\n');
    process.exit(2);
  }
}
