import { ansibleSnippet, consoleHubUrl, debCommand, hubUrlOf, installCommand } from './install-snippets';

const token = 'hwa_abcdefgh_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
const agentId = '6f1c2d3e-0000-4000-8000-000000000001';
const key = 'hwe_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
const hub = 'https://hub.example.com';

describe('install snippets', () => {
  it('runs the hub’s install script with the secret as an assignment, never an argument', () => {
    expect(installCommand(hub, { enrollmentKey: key })).toBe(
      `HIVEWATCH_ENROLLMENT_KEY=${key} sh -c "$(curl -fsSL https://hub.example.com/install-agent.sh)"`,
    );
    const command = installCommand(hub, { agentId, token });
    expect(command).toBe(
      `HIVEWATCH_AGENT_ID=${agentId} HIVEWATCH_AGENT_TOKEN=${token} sh -c "$(curl -fsSL https://hub.example.com/install-agent.sh)"`,
    );
    expect(hubUrlOf(command)).toBe(hub);
  });

  it('offers the .deb, checked against the hub’s SHA-256, configured by its postinst', () => {
    const command = debCommand(hub, { enrollmentKey: key });
    expect(command).toContain(
      'curl -fsSLo /tmp/hivewatch-agent.deb "https://hub.example.com/api/v1/agent/download/linux-$(dpkg --print-architecture | sed s/amd64/x64/).deb"',
    );
    expect(command).toContain('| sha256sum -c - && ');
    expect(command).toMatch(
      new RegExp(
        `HIVEWATCH_HUB_URL=${hub} HIVEWATCH_ENROLLMENT_KEY=${key} dpkg -i /tmp/hivewatch-agent.deb$`,
      ),
    );
  });

  it('writes a play for the hivewatch_agent role', () => {
    expect(ansibleSnippet(hub, { agentId, token }, 'db-07').split('\n')).toEqual([
      '# Role: docs/deploy/ansible/roles/hivewatch_agent. In a real playbook keep the secret in Ansible Vault.',
      '- name: Hivewatch agent',
      '  hosts: "db-07"',
      '  become: true',
      '  vars:',
      '    hivewatch_agent_hub_url: https://hub.example.com',
      `    hivewatch_agent_id: ${agentId}`,
      `    hivewatch_agent_token: ${token}`,
      '  roles:',
      '    - hivewatch_agent',
    ]);
  });

  it('refuses secrets or addresses a shell would interpret', () => {
    expect(() => installCommand(hub, { enrollmentKey: "hwe_x'; rm -rf / #" })).toThrow();
    expect(() => debCommand('https://h/$(id)', { enrollmentKey: key })).toThrow();
    expect(() => consoleHubUrl({ protocol: 'https:', host: 'evil.example;id' })).toThrow();
    expect(consoleHubUrl({ protocol: 'http:', host: '127.0.0.1:3000' })).toBe('http://127.0.0.1:3000');
  });
});
