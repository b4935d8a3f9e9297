/** Where the agent reads its token (mode 0600): the same file the hub's agent command writes. */
const TOKEN_FILE = '/etc/hivewatch/agent.token';

/**
 * An Ansible play an admin pastes into a playbook: the token in a 0600 file (never on a command
 * line, where every local user can read it, and never in Ansible's output), a systemd unit that
 * starts the agent with `--hub`, `--id` and `--token-file` as the hub's agent command does, and the
 * service started. Assumes the `hivewatch-agent` binary is installed on the host.
 */
export function ansibleSnippet(agentCommand: string, token: string, serverName: string): string {
  const hub = /--hub (\S+)/.exec(agentCommand)?.[1] ?? '';
  const id = /--id (\S+)/.exec(agentCommand)?.[1] ?? '';
  return [
    `# ${serverName}: in a real playbook keep the token in Ansible Vault`,
    `- hosts: ${JSON.stringify(serverName)}`,
    `  become: true`,
    `  tasks:`,
    `    - name: Hivewatch agent folder`,
    `      ansible.builtin.file:`,
    `        path: /etc/hivewatch`,
    `        state: directory`,
    `        mode: "0755"`,
    `    - name: Hivewatch agent token`,
    `      no_log: true`,
    `      ansible.builtin.copy:`,
    `        dest: ${TOKEN_FILE}`,
    `        mode: "0600"`,
    `        content: "${token}\\n"`,
    `    - name: Hivewatch agent unit`,
    `      ansible.builtin.copy:`,
    `        dest: /etc/systemd/system/hivewatch-agent.service`,
    `        content: |`,
    `          [Unit]`,
    `          Description=Hivewatch agent`,
    `          After=network-online.target`,
    `          [Service]`,
    `          ExecStart=/usr/local/bin/hivewatch-agent --hub ${hub} --id ${id} --token-file ${TOKEN_FILE}`,
    `          StateDirectory=hivewatch-agent`,
    `          StateDirectoryMode=0700`,
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
