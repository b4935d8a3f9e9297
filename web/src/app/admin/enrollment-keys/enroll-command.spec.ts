import { agentHubUrl, enrollCommand } from './enroll-command';

const key = 'hwe_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

describe('enrollCommand', () => {
  it('uses the agent’s --hub flag and keeps the key out of the agent’s command line', () => {
    const command = enrollCommand('wss://hub.example.com/api/v1/agents/ws', key);
    expect(command).toBe(
      "( umask 077 && mkdir -p /etc/hivewatch && rm -f /etc/hivewatch/enrollment.key && printf '%s\\n' " +
        `'${key}' > /etc/hivewatch/enrollment.key ) && ` +
        'hivewatch-agent --hub wss://hub.example.com/api/v1/agents/ws --enroll-file /etc/hivewatch/enrollment.key',
    );
    expect(command).not.toContain('--server');
    expect(command.slice(command.indexOf('hivewatch-agent'))).not.toContain(key);
  });

  it('refuses a key or host a shell would interpret', () => {
    expect(() => enrollCommand('wss://h/api/v1/agents/ws', "hwe_x'; rm -rf / #")).toThrow();
    expect(() => agentHubUrl({ protocol: 'https:', host: 'evil.example;id' })).toThrow();
  });

  it('builds the agents’ WebSocket URL from the console’s own address', () => {
    expect(agentHubUrl({ protocol: 'https:', host: 'hub.example.com' })).toBe(
      'wss://hub.example.com/api/v1/agents/ws',
    );
    expect(agentHubUrl({ protocol: 'http:', host: '127.0.0.1:3000' })).toBe(
      'ws://127.0.0.1:3000/api/v1/agents/ws',
    );
  });
});
