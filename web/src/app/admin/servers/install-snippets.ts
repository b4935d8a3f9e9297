/**
 * The install commands and Ansible play the console shows, for a server added with its own token
 * or for a fleet enrolling with an enrollment key. Each runs the hub's own install path: the
 * install-agent.sh script, the .deb, or the role in docs/deploy/ansible. Secrets are shell
 * assignments or Ansible variables, never a program's argument (`ps` shows those to every user).
 */
export type AgentCredentials = { enrollmentKey: string } | { agentId: string; token: string };

/** Only what a hub address may hold once pasted into a shell. */
const SAFE_URL = /^https?:\/\/[A-Za-z0-9.:[\]_~%/-]+$/;
/** Characters keys, tokens and server ids hold: nothing a shell or YAML interprets. */
const SAFE_WORD = /^[A-Za-z0-9_-]+$/;

/** The hub's address as the console reaches it (`location`). */
export function consoleHubUrl(location: { protocol: string; host: string }): string {
  return checkedUrl(`${location.protocol}//${location.host}`);
}

/** The hub address inside the API's install command (it uses the hub's public URL when set). */
export function hubUrlOf(installCommand: string): string {
  const url = /curl -fsSL (\S+)\/install-agent\.sh/.exec(installCommand)?.[1];
  if (!url) throw new Error('not an install command');
  return checkedUrl(url);
}

/** The one-liner (as root): the hub's install-agent.sh with the credentials in its environment. */
export function installCommand(hubUrl: string, credentials: AgentCredentials): string {
  return `${assignments(credentials)} sh -c "$(curl -fsSL ${checkedUrl(hubUrl)}/install-agent.sh)"`;
}

/**
 * The .deb alternative (as root, Debian/Ubuntu): download the package for this architecture, check
 * its SHA-256 against the hub's, install it; its postinst configures and starts the agent.
 */
export function debCommand(hubUrl: string, credentials: AgentCredentials): string {
  const hub = checkedUrl(hubUrl);
  const url = `${hub}/api/v1/agent/download/linux-$(dpkg --print-architecture | sed s/amd64/x64/).deb`;
  return (
    `curl -fsSLo /tmp/hivewatch-agent.deb "${url}" && ` +
    `echo "$(curl -fsSL "${url}.sha256" | cut -c1-64)  /tmp/hivewatch-agent.deb" | sha256sum -c - && ` +
    `HIVEWATCH_HUB_URL=${hub} ${assignments(credentials)} dpkg -i /tmp/hivewatch-agent.deb`
  );
}

/** A play for docs/deploy/ansible's hivewatch_agent role (keep the secret in Ansible Vault). */
export function ansibleSnippet(hubUrl: string, credentials: AgentCredentials, hosts: string): string {
  const secret =
    'enrollmentKey' in credentials
      ? [`    hivewatch_agent_enrollment_key: ${credentials.enrollmentKey}`]
      : [`    hivewatch_agent_id: ${credentials.agentId}`, `    hivewatch_agent_token: ${credentials.token}`];
  checkCredentials(credentials);
  return [
    `# Role: docs/deploy/ansible/roles/hivewatch_agent. In a real playbook keep the secret in Ansible Vault.`,
    `- name: Hivewatch agent`,
    `  hosts: ${JSON.stringify(hosts)}`,
    `  become: true`,
    `  vars:`,
    `    hivewatch_agent_hub_url: ${checkedUrl(hubUrl)}`,
    ...secret,
    `  roles:`,
    `    - hivewatch_agent`,
  ].join('\n');
}

function assignments(credentials: AgentCredentials): string {
  checkCredentials(credentials);
  return 'enrollmentKey' in credentials
    ? `HIVEWATCH_ENROLLMENT_KEY=${credentials.enrollmentKey}`
    : `HIVEWATCH_AGENT_ID=${credentials.agentId} HIVEWATCH_AGENT_TOKEN=${credentials.token}`;
}

function checkCredentials(credentials: AgentCredentials): void {
  const words =
    'enrollmentKey' in credentials ? [credentials.enrollmentKey] : [credentials.agentId, credentials.token];
  if (!words.every((w) => SAFE_WORD.test(w)))
    throw new Error('unexpected characters in the agent credentials');
}

function checkedUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  if (!SAFE_URL.test(trimmed)) throw new Error('unexpected characters in the hub address');
  return trimmed;
}

/**
 * What the enrollment-key panel shows once: the key, the install one-liner, the .deb alternative
 * and the Ansible play (run as root on each host), for the hub at `hubUrl` (the console's own
 * address). Each agent that enrolls with the key gets its own server.
 */
export function enrollBlocks(hubUrl: string, key: string): { label: string; value: string }[] {
  const credentials: AgentCredentials = { enrollmentKey: key };
  return [
    { label: 'Enrollment key', value: key },
    { label: 'Agent command', value: installCommand(hubUrl, credentials) },
    { label: 'Or the .deb (Debian, Ubuntu)', value: debCommand(hubUrl, credentials) },
    { label: 'Ansible', value: ansibleSnippet(hubUrl, credentials, 'monitored') },
  ];
}
