import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { sharedAgentDeb, sharedAgentExecutable } from '../support/agent-artifacts.js';
import { collect, pasteIntoShell, type RunningProcess } from '../support/agents/agent-bundle.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';

const root = path.resolve('.');

/** The linux-x64 agent executable the hub serves: one build shared by every suite (test/support). */
export function agentExecutable(): string {
  return sharedAgentExecutable();
}

/** The linux-x64 .deb the hub serves, rebuilt when older than the executable (one shared build). */
export function agentDeb(): string {
  return sharedAgentDeb();
}

/** The environment an installer runs in: nothing of ours that the agent or installer would read. */
export function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('HIVEWATCH_') && !key.startsWith('DPKG_')) env[key] = value;
  return { ...env, ...extra };
}

/**
 * Pastes an install command into a shell and waits for it to end; answers its output, which must
 * name the command that starts the installed agent ("start the agent with: …").
 */
export async function runInstaller(
  command: string,
  env: NodeJS.ProcessEnv,
): Promise<{ output: string; start: string[] }> {
  const shell = pasteIntoShell(command, env);
  const code = await shell.exited;
  const output = shell.output();
  if (code !== 0) throw new Error(`the install command failed (${code}):\n${output}`);
  const start = /start the agent with: (.*)/.exec(output)?.[1]?.trim().split(' ');
  if (!start) throw new Error(`the installer did not say how to start the agent:\n${output}`);
  return { output, start };
}

/** Starts the installed agent as the installer said, at a 1 s interval. */
export function startInstalled(start: string[]): RunningProcess {
  const [file, ...args] = start;
  return collect(
    spawn(file!, args, {
      env: cleanEnv({ HIVEWATCH_AGENT_INTERVAL: '1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** Waits until the enrolled agent has its credentials in `stateFile`; answers its server id. */
export function enrolledId(agent: RunningProcess, stateFile: string): Promise<string> {
  return eventuallyDefined(
    () => {
      if (agent.child.exitCode !== null) throw new Error(`the agent ended:\n${agent.output()}`);
      if (!fs.existsSync(stateFile)) return undefined;
      return (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { agentId?: string }).agentId;
    },
    30_000,
    200,
  );
}

/** Waits until the hub shows a live sample of the server the agent reports as. */
export function liveSample(
  hub: { url: string },
  cookie: string,
  agent: RunningProcess,
  serverId: string,
): Promise<{ live: boolean; cpuPercent: number }> {
  return eventuallyDefined(
    async () => {
      if (agent.child.exitCode !== null) throw new Error(`the agent ended:\n${agent.output()}`);
      const res = await request(hub.url).get(`/api/v1/servers/${serverId}/live`).set('Cookie', cookie);
      return res.status === 200 ? (res.body as { live: boolean; cpuPercent: number }) : undefined;
    },
    30_000,
    200,
  );
}

/** Ends an agent we started and waits for it. */
export async function stopAgent(agent: RunningProcess | undefined): Promise<void> {
  if (!agent || agent.child.exitCode !== null || agent.child.signalCode !== null) return;
  agent.child.kill('SIGTERM');
  await agent.exited;
}

/** ansible-playbook in a child process, without blocking this process: the hub under test answers it. */
export async function runPlaybook(
  playbook: string,
  vars: string,
  work: string,
): Promise<{ status: number | null; output: string }> {
  const run = collect(
    spawn('ansible-playbook', ['-i', 'localhost,', '-c', 'local', playbook, '-e', `@${vars}`], {
      env: {
        ...process.env,
        ANSIBLE_ROLES_PATH: path.join(root, 'docs/deploy/ansible/roles'),
        ANSIBLE_LOCAL_TEMP: path.join(work, 'tmp'),
        ANSIBLE_REMOTE_TEMP: path.join(work, 'tmp'),
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_RETRY_FILES_ENABLED: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const status = await run.exited;
  return { status, output: run.output() };
}

/**
 * Runs the console's Ansible play against this machine: the only changes are `hosts: all`, no
 * become (the test already has the rights it needs), and the role installing into `prefix` without
 * the service step. Answers the command that starts the installed agent.
 */
export async function runAnsibleSnippet(snippet: string, prefix: string, work: string): Promise<string[]> {
  const playbook = path.join(work, `play-${path.basename(prefix)}.yml`);
  const play = snippet
    .replace(/^ {2}hosts: .*$/m, '  hosts: all')
    .replace(/^ {2}become: true$/m, '  become: false');
  fs.writeFileSync(playbook, `${play}\n`, { mode: 0o600 });
  const vars = path.join(work, `vars-${path.basename(prefix)}.json`);
  fs.writeFileSync(
    vars,
    JSON.stringify({ hivewatch_agent_prefix: prefix, hivewatch_agent_manage_service: false }),
  );
  const run = await runPlaybook(playbook, vars, work);
  if (run.status !== 0 || !/failed=0/.test(run.output)) throw new Error(`the play failed:\n${run.output}`);
  return [
    path.join(prefix, 'usr/local/lib/hivewatch/hivewatch-agent'),
    '--config',
    path.join(prefix, 'etc/hivewatch/agent.json'),
  ];
}

/** An empty dpkg database under `root`, and `command`'s `dpkg -i` pointed at it (scripts outside a chroot). */
export function dpkgIntoRoot(command: string, root: string, debFile: string): string {
  for (const dir of ['var/lib/dpkg/info', 'var/lib/dpkg/updates'])
    fs.mkdirSync(path.join(root, dir), { recursive: true });
  for (const file of ['status', 'available']) fs.writeFileSync(path.join(root, 'var/lib/dpkg', file), '');
  if (!command.includes(' dpkg -i /tmp/hivewatch-agent.deb')) throw new Error(`no dpkg -i in: ${command}`);
  return command
    .replaceAll('/tmp/hivewatch-agent.deb', debFile)
    .replace(
      ' dpkg -i ',
      ` dpkg --root=${root} --force-not-root --force-script-chrootless --log=/dev/null -i `,
    );
}
