import { ansibleSnippet } from './install-snippets';

const token = 'hwa_abcdefgh_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
const command =
  "( umask 077 && mkdir -p /etc/hivewatch && rm -f /etc/hivewatch/agent.token && printf '%s\\n' " +
  `'${token}' > /etc/hivewatch/agent.token ) && hivewatch-agent --hub wss://hub.example.com/api/v1/agents/ws ` +
  '--id 6f1c2d3e-0000-4000-8000-000000000001 --token-file /etc/hivewatch/agent.token';

describe('ansibleSnippet', () => {
  const snippet = ansibleSnippet(command, token, 'db-07');
  const lines = snippet.split('\n');

  it('starts the agent as the hub command does, with the token in a file, not on the command line', () => {
    const execStart = lines.find((l) => l.trim().startsWith('ExecStart='));
    expect(execStart?.trim()).toBe(
      'ExecStart=/usr/local/bin/hivewatch-agent --hub wss://hub.example.com/api/v1/agents/ws ' +
        '--id 6f1c2d3e-0000-4000-8000-000000000001 --token-file /etc/hivewatch/agent.token',
    );
    expect(lines.filter((l) => l.includes(token))).toEqual([`        content: "${token}\\n"`]);
    expect(snippet).not.toContain('HIVEWATCH_AGENT_TOKEN');
  });

  it('writes the token 0600 and keeps it out of Ansible output', () => {
    const task = snippet.slice(snippet.indexOf('- name: Hivewatch agent token'), snippet.indexOf(token));
    expect(task).toContain('no_log: true');
    expect(task).toContain('dest: /etc/hivewatch/agent.token');
    expect(task).toContain('mode: "0600"');
    expect(snippet.indexOf('path: /etc/hivewatch')).toBeLessThan(snippet.indexOf('dest: /etc/hivewatch'));
  });
});
