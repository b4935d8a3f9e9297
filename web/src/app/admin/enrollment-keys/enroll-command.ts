/** Where the pasted command stores the enrollment key (beside the agent's default config file). */
export const ENROLLMENT_KEY_FILE = '/etc/hivewatch/enrollment.key';

const AGENT_WS_PATH = '/api/v1/agents/ws';

/** Only what a Host may legitimately hold: the value ends up in a command an admin pastes. */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** Characters an enrollment key may hold (`hwe_<base64url>`): nothing a shell interprets. */
const SAFE_KEY = /^[A-Za-z0-9_-]+$/;

/** The agents' WebSocket URL on the hub this console was loaded from. */
export function agentHubUrl(location: { protocol: string; host: string }): string {
  if (!SAFE_HOST.test(location.host)) throw new Error('unexpected characters in the hub address');
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${AGENT_WS_PATH}`;
}

/**
 * A ready-to-paste command (run as root on each host) that enrolls an agent without putting the key
 * in any process's argv or environment, where other local users could read it: `printf` is a shell
 * builtin, so the key only reaches a 0600 file, which the agent reads with `--enroll-file` (as the
 * hub's add-server command does with the agent token). The agent then keeps its own credentials in
 * its state file, /var/lib/hivewatch-agent/state.json by default (created 0700/0600).
 */
export function enrollCommand(hubUrl: string, key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error('unexpected characters in the enrollment key');
  const file = ENROLLMENT_KEY_FILE;
  return (
    `( umask 077 && mkdir -p /etc/hivewatch && rm -f ${file} && printf '%s\\n' '${key}' > ${file} ) && ` +
    `hivewatch-agent --hub ${hubUrl} --enroll-file ${file}`
  );
}
