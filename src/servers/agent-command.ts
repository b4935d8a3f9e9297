export const AGENT_WS_PATH = '/api/v1/agents/ws';

/** Only what a Host header may legitimately hold: the value ends up in a command an admin pastes. */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The agents' WebSocket URL: from the configured public URL when there is one (the hub may sit
 * behind a proxy that rewrites Host), else from the request the admin made.
 */
export function agentWsUrl(
  publicUrl: string | undefined,
  request: { protocol: string; host: string | undefined },
): string {
  if (publicUrl) {
    const url = new URL(publicUrl);
    const scheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${url.host}${url.pathname.replace(/\/+$/, '')}${AGENT_WS_PATH}`;
  }
  const host = request.host && SAFE_HOST.test(request.host) ? request.host : 'localhost';
  return `${request.protocol === 'https' ? 'wss' : 'ws'}://${host}${AGENT_WS_PATH}`;
}

/** Where the pasted command stores the agent token (beside the agent's default config file). */
export const AGENT_TOKEN_FILE = '/etc/hivewatch/agent.token';

/** Characters the quoted token may hold (`hwa_<prefix>_<base64url>`): nothing a shell interprets. */
const SAFE_WORD = /^[A-Za-z0-9_-]+$/;

/**
 * A ready-to-paste command (run as root) that never puts the token in any process's argv, where
 * every local user could read it (`ps`): `printf` is a shell builtin, so the token only reaches the
 * 0600 token file, which the agent reads with `--token-file`. Every interpolated part is URL-,
 * uuid- or base64url-safe.
 */
export function buildAgentCommand(wsUrl: string, serverId: string, token: string): string {
  if (!SAFE_WORD.test(token) || !SAFE_WORD.test(serverId))
    throw new Error('unexpected characters in the agent credentials');
  const file = AGENT_TOKEN_FILE;
  return (
    `( umask 077 && mkdir -p /etc/hivewatch && rm -f ${file} && printf '%s\\n' '${token}' > ${file} ) && ` +
    `hivewatch-agent --hub ${wsUrl} --id ${serverId} --token-file ${file}`
  );
}
