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

/** A ready-to-paste example; every interpolated part is URL-, uuid- or base64url-safe. */
export function buildAgentCommand(wsUrl: string, serverId: string, token: string): string {
  return `hivewatch-agent --server ${wsUrl} --id ${serverId} --token ${token}`;
}
