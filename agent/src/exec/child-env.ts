import { readFileSync } from 'node:fs';
import os from 'node:os';

/** A local account as /etc/passwd names it. */
export interface HostUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

/** The only variables a command (or a terminal) gets: never the agent's own environment or secrets. */
export const CHILD_ENV_NAMES = ['TERM', 'LANG', 'HOME', 'USER', 'SHELL', 'PATH'] as const;

export const SAFE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The account `name` from a passwd file, or an error naming what is wrong. */
export function lookupUser(name: string, passwdFile = '/etc/passwd'): HostUser {
  for (const line of readFileSync(passwdFile, 'utf8').split('\n')) {
    const fields = line.split(':');
    if (fields.length < 7 || fields[0] !== name) continue;
    const uid = Number(fields[2]);
    const gid = Number(fields[3]);
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) break;
    return { name, uid, gid, home: fields[5] || '/', shell: fields[6] || '/bin/sh' };
  }
  throw new Error(`run-as user '${name}' does not exist on this host`);
}

/** The account the agent itself runs as. */
export function currentUser(): HostUser {
  const info = os.userInfo();
  return {
    name: info.username,
    uid: info.uid,
    gid: info.gid,
    home: info.homedir,
    shell: info.shell ?? '/bin/sh',
  };
}

/** The allow-listed environment for a child running as `user` with `shell`. */
export function childEnvironment(user: HostUser, shell: string, term: string): Record<string, string> {
  return {
    TERM: term,
    LANG: process.env.LANG ?? 'C.UTF-8',
    HOME: user.home,
    USER: user.name,
    SHELL: shell,
    PATH: SAFE_PATH,
  };
}
