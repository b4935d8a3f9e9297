import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve('.');

/** The agent bundle as `npm run build:agent` makes it (`node agent/build.mjs --out-dir`), built into `dir`. */
export function buildAgentBundle(dir: string): string {
  const built = spawnSync(
    process.execPath,
    [path.join(root, 'agent', 'build.mjs'), '--out-dir', dir, '--no-check'],
    {
      encoding: 'utf8',
    },
  );
  if (built.status !== 0) throw new Error(`agent bundle failed: ${built.stdout}\n${built.stderr}`);
  return path.join(dir, 'hivewatch-agent.cjs');
}

/**
 * The agent bundle in `dir` (see {@link buildAgentBundle}) and a `hivewatch-agent` launcher in
 * `dir/bin`, so that a test can run the commands we hand to admins as they are. Its own output
 * folder: tests never race `npm run build:agent` for dist/.
 */
export function bundleAgent(dir: string): Promise<{ bin: string; bundle: string }> {
  const bundle = buildAgentBundle(dir);
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(
    path.join(bin, 'hivewatch-agent'),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(bundle)} "$@"\n`,
    { mode: 0o755 },
  );
  return Promise.resolve({ bin, bundle });
}

/** A child process with its output collected, and a promise of its exit code. */
export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export function collect(child: ChildProcess): RunningProcess {
  const chunks: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  return { child, output: () => chunks.join(''), exited };
}

/**
 * `command` typed into a shell, as an admin pastes it: through the shell's stdin, so the command
 * text is not itself an argument of any process (as `sh -c '…'` would make it).
 */
export function pasteIntoShell(command: string, env: NodeJS.ProcessEnv): RunningProcess {
  const shell = spawn('/bin/sh', [], { env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  shell.stdin.end(`${command}\n`);
  return collect(shell);
}

/** Every process's command line on this machine that we may read (pid → argv joined by spaces). */
export function allCommandLines(): Map<number, string> {
  const lines = new Map<number, string>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      lines.set(Number(entry), fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {
      // exited meanwhile
    }
  }
  return lines;
}

/** The processes in a process group we started (the pasted shell and what it runs). */
export function processGroup(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) members.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return members;
}

/** Ends a pasted shell and everything it started (it leads its own process group), and waits for it. */
export async function endPasted(run: RunningProcess): Promise<void> {
  const pid = run.child.pid;
  if (pid === undefined || run.child.exitCode !== null || run.child.signalCode !== null) return;
  for (const member of new Set([pid, ...processGroup(pid)])) {
    try {
      process.kill(member, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await run.exited;
}
