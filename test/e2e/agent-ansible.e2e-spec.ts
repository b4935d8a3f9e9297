import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { eventually } from '../support/agents/fixtures.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { pasteIntoShell } from '../support/agents/agent-bundle.js';
import {
  agentExecutable,
  enrolledId,
  liveSample,
  runPlaybook,
  startInstalled,
  stopAgent,
} from './agent-install-support.js';

jest.setTimeout(240_000);

const hasAnsible = spawnSync('ansible-playbook', ['--version']).status === 0;
if (!hasAnsible && process.env.CI === 'true')
  throw new Error('ansible-playbook not found: CI must install ansible-core (.ci/run does)');
if (!hasAnsible)
  console.warn('ansible-playbook not found (apt-get install -y ansible-core): Ansible role test skipped');

/**
 * The Ansible role, run for real against this machine into a temporary prefix (no service step): it
 * downloads the agent executable from the hub, and a second run, once the host has enrolled, takes
 * the enrollment key off the host.
 */
(hasAnsible ? describe : describe.skip)('Ansible role: install, enroll, report', () => {
  let hub: TestApp;
  let cookie: string;
  let work: string;
  let executable: string;
  let agent: ChildProcess | undefined;

  beforeAll(async () => {
    executable = agentExecutable();
    hub = await startTestApp();
    cookie = await signIn(hub);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-ansible-'));
  });
  afterAll(async () => {
    if (agent?.pid !== undefined && agent.exitCode === null) agent.kill('SIGTERM');
    await hub.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('installs the executable and a 0600 config; the agent enrolls and reports; a re-run removes the key', async () => {
    const key = await request(hub.url)
      .post('/api/v1/enrollment-keys')
      .set('Cookie', cookie)
      .send({ name: 'ansible e2e' })
      .expect(201);
    const prefix = path.join(work, 'root');
    const playbook = path.join(work, 'site.yml');
    fs.writeFileSync(
      playbook,
      ['- hosts: all', '  gather_facts: false', '  roles: [hivewatch_agent]', ''].join('\n'),
    );
    const vars = path.join(work, 'vars.json');
    fs.writeFileSync(
      vars,
      JSON.stringify({
        hivewatch_agent_hub_url: hub.url,
        hivewatch_agent_enrollment_key: key.body.key,
        hivewatch_agent_capabilities: ['services-restart'],
        hivewatch_agent_interval: 1,
        hivewatch_agent_prefix: prefix,
        hivewatch_agent_manage_service: false,
      }),
      { mode: 0o600 },
    );
    const run = await runPlaybook(playbook, vars, work);
    expect(run.output).toMatch(/failed=0/);
    expect(run.status).toBe(0);
    expect(run.output).not.toContain(key.body.key);

    const installed = path.join(prefix, 'usr/local/lib/hivewatch/hivewatch-agent');
    expect(fs.readFileSync(installed).equals(fs.readFileSync(executable))).toBe(true);
    expect(fs.statSync(installed).mode & 0o777).toBe(0o755);
    expect(fs.readlinkSync(path.join(prefix, 'usr/local/bin/hivewatch-agent'))).toBe(
      '/usr/local/lib/hivewatch/hivewatch-agent',
    );
    const keyFile = path.join(prefix, 'etc/hivewatch/enrollment.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(`${key.body.key}\n`);
    const config = path.join(prefix, 'etc/hivewatch/agent.json');
    expect(fs.statSync(config).mode & 0o777).toBe(0o600);
    const settings = {
      hubUrl: hub.url,
      capabilities: ['services-restart'],
      metricsInterval: 1,
      watchlist: [],
      stateFile: `${prefix}/var/lib/hivewatch-agent/state.json`,
    };
    expect(JSON.parse(fs.readFileSync(config, 'utf8'))).toEqual({ ...settings, enrollmentKeyFile: keyFile });

    const logs: string[] = [];
    const start = () => {
      const child = spawn(installed, ['--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
      return child;
    };
    agent = start();
    const state = path.join(prefix, 'var/lib/hivewatch-agent/state.json');
    // The agent writes the state file (machine id) before it enrolls: wait for the credentials.
    const enrolled = await eventually(
      () => {
        if (!fs.existsSync(state)) return undefined;
        const current = JSON.parse(fs.readFileSync(state, 'utf8')) as { agentId?: string };
        return current.agentId ? current : undefined;
      },
      30_000,
      100,
    );
    if (!enrolled?.agentId) throw new Error(`agent did not enroll:\n${logs.join('')}`);
    const live = await eventuallyDefined(async () => {
      const res = await request(hub.url)
        .get(`/api/v1/servers/${enrolled.agentId}/live`)
        .set('Cookie', cookie);
      return res.status === 200 ? (res.body as Record<string, unknown>) : undefined;
    }, 30_000);
    expect(live).toMatchObject({ serverId: enrolled.agentId, live: true });
    const server = await request(hub.url)
      .get(`/api/v1/servers/${enrolled.agentId}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(server.body.name).toBe(os.hostname());
    expect(logs.join('')).not.toContain(key.body.key);
    agent.kill('SIGTERM');
    await new Promise((resolve) => agent?.once('exit', resolve));

    // Once the host has enrolled, the next run takes the key off it; the agent keeps working.
    const again = await runPlaybook(playbook, vars, work);
    expect(again.output).toMatch(/failed=0/);
    expect(again.status).toBe(0);
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(JSON.parse(fs.readFileSync(config, 'utf8'))).toEqual(settings);
    const before = logs.join('').split('"msg":"authenticated"').length;
    agent = start();
    await eventually(() => logs.join('').split('"msg":"authenticated"').length > before, 30_000);
    agent.kill('SIGTERM');
    await new Promise((resolve) => agent?.once('exit', resolve));
  });

  it("README's rollout: the key in Vault, playbook.yml with serial batches; the host enrolls", async () => {
    const key = await request(hub.url)
      .post('/api/v1/enrollment-keys')
      .set('Cookie', cookie)
      .send({ name: 'rollout', maxUses: 510, expiresAt: new Date(Date.now() + 86_400_000).toISOString() })
      .expect(201);
    const readme = fs.readFileSync('docs/deploy/ansible/README.md', 'utf8');
    const commands = /```sh\n(ansible-vault .*)\n(ansible-playbook .*)\n```/.exec(readme);
    if (!commands) throw new Error('no rollout commands in docs/deploy/ansible/README.md');
    const dir = path.join(work, 'rollout');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'vault-pass'), 'test vault password\n', { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'inventory.ini'), '[monitored]\nlocalhost ansible_connection=local\n');
    const prefix = path.join(dir, 'root');
    // The only changes: the vault password file's place, the docs' path from this folder, and
    // extra variables pointing the play at the test hub and a temporary root (no systemd here).
    const overrides = path.join(dir, 'test.json');
    fs.writeFileSync(
      overrides,
      JSON.stringify({
        hivewatch_agent_hub_url: hub.url,
        hivewatch_agent_prefix: prefix,
        hivewatch_agent_manage_service: false,
        ansible_become: false,
      }),
    );
    const script = [commands[1]!, `${commands[2]!} -e @${overrides}`]
      .map((line) =>
        line
          .replaceAll('~/.hivewatch-vault-pass', path.join(dir, 'vault-pass'))
          .replace("'hwe_…'", `'${key.body.key}'`)
          .replace('docs/deploy/ansible/playbook.yml', path.resolve('docs/deploy/ansible/playbook.yml')),
      )
      .join(' && ');
    const shell = pasteIntoShell(`cd ${dir} && ${script}`, {
      ...process.env,
      ANSIBLE_ROLES_PATH: path.resolve('docs/deploy/ansible/roles'),
      ANSIBLE_LOCAL_TEMP: path.join(work, 'tmp'),
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_RETRY_FILES_ENABLED: '0',
    });
    expect(await shell.exited).toBe(0);
    expect(shell.output()).toMatch(/failed=0/);
    expect(shell.output()).not.toContain(key.body.key);
    expect(fs.readFileSync(path.join(dir, 'vault.yml'), 'utf8')).not.toContain(key.body.key);
    expect(fs.readFileSync(path.join(prefix, 'etc/hivewatch/enrollment.key'), 'utf8')).toBe(
      `${key.body.key}\n`,
    );
    const play = fs.readFileSync('docs/deploy/ansible/playbook.yml', 'utf8');
    expect(play).toContain('serial: 50');

    const installed = startInstalled([
      path.join(prefix, 'usr/local/lib/hivewatch/hivewatch-agent'),
      '--config',
      path.join(prefix, 'etc/hivewatch/agent.json'),
    ]);
    try {
      const id = await enrolledId(installed, path.join(prefix, 'var/lib/hivewatch-agent/state.json'));
      expect((await liveSample(hub, cookie, installed, id)).live).toBe(true);
    } finally {
      await stopAgent(installed);
    }
  });
});
