import { currentUser, lookupUser, type HostUser } from '../exec/child-env.js';

/** A user name as useradd accepts it (no path, no colon, no shell metacharacters). */
const USER_NAME_PATTERN = /^[a-z_][a-z0-9_.-]{0,31}\$?$/i;

/**
 * Why the agent cannot run children as `user`, or undefined when it can: switching to another
 * account needs root (setuid/setgid); the agent's own account needs nothing.
 */
export function runAsRefusal(user: HostUser, agentUid: number, what: string): string | undefined {
  if (agentUid === 0 || user.uid === agentUid) return undefined;
  return `${what} runs as '${user.name}' only when the agent runs as root (the agent runs as uid ${agentUid})`;
}

export interface RunAsLookup {
  /** Test seam: where accounts are looked up (default /etc/passwd). */
  passwdFile?: string;
  /** Test seam: the agent's uid (default process.getuid()). */
  agentUid?: number;
}

/**
 * The account children of `what` ("the terminal", "exec") run as: `name` from passwd, or the agent's
 * own account when no name is configured. Throws an Error with a message fit for the host's admin.
 */
export function resolveRunAs(name: string | undefined, what: string, lookup: RunAsLookup = {}): HostUser {
  const self = currentUser();
  if (name === undefined) return self;
  if (!USER_NAME_PATTERN.test(name)) throw new Error(`'${name}' is not a valid user name`);
  const user = lookupUser(name, lookup.passwdFile);
  const refusal = runAsRefusal(user, lookup.agentUid ?? process.getuid?.() ?? self.uid, what);
  if (refusal !== undefined) throw new Error(refusal);
  return user;
}
