import { readdirSync, readFileSync } from 'node:fs';

/** `/proc/<pid>/stat` fields after the command name: state, ppid, pgrp, session, … */
function statFields(procRoot: string, pid: string): string[] | undefined {
  try {
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // exited while we looked
  }
}

/** Live (not zombie) processes of the terminal session `sid` (the shell's pid). */
export function sessionMembers(sid: number, procRoot = '/proc'): number[] {
  const found: number[] = [];
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(procRoot, entry);
    if (fields && fields[0] !== 'Z' && Number(fields[3]) === sid) found.push(Number(entry));
  }
  return found;
}

/**
 * Signals everything the shell started. node-pty makes the shell a session leader, but an interactive
 * shell with job control puts each background job in a process group of its own: killing `-pid`
 * alone would leave `sleep 1000 &` running. So: the shell's group, then every member of its session.
 * (A process that calls setsid() itself leaves the session; only a cgroup would hold it.)
 */
export function killSession(sid: number, signal: NodeJS.Signals): void {
  const targets = [-sid, ...sessionMembers(sid)];
  for (const target of targets) {
    try {
      process.kill(target, signal);
    } catch {
      // ESRCH: already gone.
    }
  }
}

/** False once `pid` has exited (gone, or a zombie waiting to be reaped). */
export function isRunning(pid: number, procRoot = '/proc'): boolean {
  const fields = statFields(procRoot, String(pid));
  return fields !== undefined && fields[0] !== 'Z' && fields[0] !== 'X';
}
