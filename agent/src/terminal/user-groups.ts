import type { HostUser } from '../exec/child-env.js';

/**
 * Runs `spawn` (synchronous: node-pty forks inside it) while this process holds the supplementary
 * groups of `user`, then restores its own. node-pty's child only calls setgid() and setuid() before
 * exec, so without this a shell run as `ops` by a root agent would keep root's supplementary groups
 * (group 0 among them); with it the shell has exactly the groups a login of `ops` gets (initgroups).
 * Only a root agent switches users, and for root the group list grants nothing it does not have.
 */
export function withGroupsOf<T>(user: HostUser, spawn: () => T): T {
  // process.initgroups exists on POSIX in every supported Node; @types/node no longer declares it.
  const posix = process as NodeJS.Process & { initgroups?: (user: string, extraGroup: number) => void };
  if (process.getuid?.() !== 0 || !posix.getgroups || !posix.setgroups || !posix.initgroups) return spawn();
  const own = posix.getgroups();
  posix.initgroups(user.name, user.gid);
  try {
    return spawn();
  } finally {
    posix.setgroups(own);
  }
}
