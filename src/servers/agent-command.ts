import { INSTALL_SCRIPT_PATH } from '@hivewatch/protocol';

/** Characters the credentials may hold (uuid, `hwa_<prefix>_<base64url>`): nothing a shell interprets. */
const SAFE_WORD = /^[A-Za-z0-9_-]+$/;

/**
 * The ready-to-paste install command of a new server (run as root on the host): the hub's
 * install-agent.sh downloads the agent executable, checks its SHA-256, installs the hardened unit
 * and starts it with this server's id and token. The credentials are shell assignments in front of
 * `sh`, so they reach the installer's environment (readable by root only) and never any process's
 * argv; the installer writes the token to a 0600 file the agent reads with `tokenFile`.
 */
export function buildAgentCommand(hubUrl: string, serverId: string, token: string): string {
  if (!SAFE_WORD.test(token) || !SAFE_WORD.test(serverId))
    throw new Error('unexpected characters in the agent credentials');
  return (
    `HIVEWATCH_AGENT_ID=${serverId} HIVEWATCH_AGENT_TOKEN=${token} ` +
    `sh -c "$(curl -fsSL ${hubUrl}${INSTALL_SCRIPT_PATH})"`
  );
}
