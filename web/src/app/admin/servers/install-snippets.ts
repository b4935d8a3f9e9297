/**
 * An Ansible play an admin pastes into a playbook: the agent's environment file (the variables of
 * agent/src/config/env-vars.ts), a systemd unit, and the service started. Assumes the
 * `hivewatch-agent` binary is installed on the host.
 */
export function ansibleSnippet(agentCommand: string, serverName: string): string {
  const server = /--server (\S+)/.exec(agentCommand)?.[1] ?? '';
  const id = /--id (\S+)/.exec(agentCommand)?.[1] ?? '';
  const token = /--token (\S+)/.exec(agentCommand)?.[1] ?? '';
  return [
    `# ${serverName}: in a real playbook keep the token in Ansible Vault`,
    `- hosts: ${JSON.stringify(serverName)}`,
    `  become: true`,
    `  tasks:`,
    `    - name: Hivewatch agent credentials`,
    `      ansible.builtin.copy:`,
    `        dest: /etc/hivewatch/agent.env`,
    `        mode: "0600"`,
    `        content: |`,
    `          HIVEWATCH_AGENT_HUB_URL=${server}`,
    `          HIVEWATCH_AGENT_ID=${id}`,
    `          HIVEWATCH_AGENT_TOKEN=${token}`,
    `    - name: Hivewatch agent unit`,
    `      ansible.builtin.copy:`,
    `        dest: /etc/systemd/system/hivewatch-agent.service`,
    `        content: |`,
    `          [Unit]`,
    `          Description=Hivewatch agent`,
    `          After=network-online.target`,
    `          [Service]`,
    `          EnvironmentFile=/etc/hivewatch/agent.env`,
    `          ExecStart=/usr/local/bin/hivewatch-agent`,
    `          Restart=always`,
    `          [Install]`,
    `          WantedBy=multi-user.target`,
    `    - name: Start the agent`,
    `      ansible.builtin.systemd:`,
    `        name: hivewatch-agent`,
    `        daemon_reload: true`,
    `        state: restarted`,
    `        enabled: true`,
  ].join('\n');
}
