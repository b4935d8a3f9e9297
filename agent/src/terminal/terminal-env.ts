import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';

/** The only variables a shell gets: never the agent's own environment (its token, proxies, …). */
export const SHELL_ENV_ALLOW_LIST = ['TERM', 'LANG', 'HOME', 'USER', 'SHELL', 'PATH'] as const;

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface ShellUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/** Looks a local user up in `passwd` (no NSS: a run-as user must be a local account). */
export function findLocalUser(name: string, passwdFile = '/etc/passwd'): ShellUser {
  for (const line of readFileSync(passwdFile, 'utf8').split('\n')) {
    const fields = line.split(':');
    if (fields[0] !== name || fields.length < 7) continue;
    const uid = Number(fields[2]);
    const gid = Number(fields[3]);
    if (Number.isInteger(uid) && Number.isInteger(gid)) return { name, uid, gid, home: fields[5] || '/' };
  }
  throw new Error(`terminal run-as user '${name}' is not a local user (${passwdFile})`);
}

/** The agent's own user, when no run-as user is configured. */
export function currentUser(): ShellUser {
  const info = userInfo();
  return { name: info.username, uid: info.uid, gid: info.gid, home: info.homedir };
}

/**
 * The shell's environment, built from scratch: TERM for xterm.js, LANG from the agent's (a locale
 * is not a secret; C.UTF-8 when unset), HOME/USER/SHELL of the user the shell runs as, a fixed PATH.
 */
export function shellEnvironment(
  user: ShellUser,
  shell: string,
  agentEnv = process.env,
): Record<string, string> {
  const env: Record<(typeof SHELL_ENV_ALLOW_LIST)[number], string> = {
    TERM: 'xterm-256color',
    LANG: agentEnv['LANG'] ?? 'C.UTF-8',
    HOME: user.home,
    USER: user.name,
    SHELL: shell,
    PATH: DEFAULT_PATH,
  };
  return env;
}
