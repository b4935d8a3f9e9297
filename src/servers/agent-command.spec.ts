import { describe, expect, it } from '@jest/globals';
import { agentWsUrl, buildAgentCommand } from './agent-command.js';

describe('agent command', () => {
  it('derives the WebSocket URL from the public URL when configured', () => {
    expect(agentWsUrl('https://hub.example.com', { protocol: 'http', host: 'internal:8080' })).toBe(
      'wss://hub.example.com/api/v1/agents/ws',
    );
    expect(agentWsUrl('http://10.0.0.5:8080/monitor', { protocol: 'http', host: 'x' })).toBe(
      'ws://10.0.0.5:8080/monitor/api/v1/agents/ws',
    );
  });

  it('else from the request, refusing a Host header that is not a host', () => {
    expect(agentWsUrl(undefined, { protocol: 'http', host: '127.0.0.1:8080' })).toBe(
      'ws://127.0.0.1:8080/api/v1/agents/ws',
    );
    expect(agentWsUrl(undefined, { protocol: 'https', host: '[::1]:443' })).toBe(
      'wss://[::1]:443/api/v1/agents/ws',
    );
    expect(agentWsUrl(undefined, { protocol: 'http', host: 'evil.com;rm -rf /' })).toBe(
      'ws://localhost/api/v1/agents/ws',
    );
    expect(agentWsUrl(undefined, { protocol: 'http', host: undefined })).toBe(
      'ws://localhost/api/v1/agents/ws',
    );
  });

  it('builds a ready-to-paste command that keeps the token out of every argv (a 0600 token file)', () => {
    const command = buildAgentCommand('wss://h/api/v1/agents/ws', 'id-1', 'hwa_abcdefgh_x-Y');
    expect(command).toBe(
      "( umask 077 && mkdir -p /etc/hivewatch && rm -f /etc/hivewatch/agent.token && printf '%s\\n' 'hwa_abcdefgh_x-Y' > /etc/hivewatch/agent.token ) && " +
        'hivewatch-agent --hub wss://h/api/v1/agents/ws --id id-1 --token-file /etc/hivewatch/agent.token',
    );
    // The token appears once, as the argument of the printf builtin, never of an executed program.
    expect(command.split('hwa_abcdefgh_x-Y')).toHaveLength(2);
    expect(command).not.toContain('--token ');
  });

  it('refuses credentials a shell would interpret', () => {
    expect(() => buildAgentCommand('wss://h', 'id-1', "hwa_x'; rm -rf / #")).toThrow();
    expect(() => buildAgentCommand('wss://h', 'id 1', 'hwa_x')).toThrow();
  });
});
