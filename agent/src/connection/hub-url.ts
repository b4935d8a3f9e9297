import { AGENT_WS_PATH } from '@hivewatch/protocol';

/** `https://hub.example.com` → `wss://hub.example.com/api/v1/agents/ws`; a full ws(s) URL is kept. */
export function agentEndpoint(hubUrl: string): string {
  const url = new URL(hubUrl);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.pathname === '/' || url.pathname === '') url.pathname = AGENT_WS_PATH;
  if (url.search !== '' || url.username !== '' || url.password !== '')
    throw new Error('the hub URL must not carry credentials or a query string');
  return url.toString();
}
