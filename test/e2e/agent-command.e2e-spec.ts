import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import {
  allCommandLines,
  bundleAgent,
  collect,
  endPasted,
  type RunningProcess,
} from '../support/agents/agent-bundle.js';
import { ansibleSnippet, hubUrlOf } from '../../web/src/app/admin/servers/install-snippets.js';
import {
  agentExecutable,
  cleanEnv,
  liveSample,
  runAnsibleSnippet,
  runInstaller,
  startInstalled,
} from './agent-install-support.js';
import { eventually } from '../support/agents/fixtures.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(300_000);

/**
 * The agent command and Ansible play of a new server, run as an admin would run them against a real
 * hub (the agent executable from the hub): they must work, and the token must never be readable in
 * any process's argv. Also the agent's state-file lock, with the bundle.
 */
describe('the agent command of a new server', () => {
  let hub: TestApp;
  let cookie: string;
  let work: string;
  let bin: string;
  let bundle: string;
  const running: RunningProcess[] = [];

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-agent-command-'));
    agentExecutable();
    ({ bin, bundle } = await bundleAgent(work));
    hub = await startTestApp();
    cookie = await signIn(hub);
  });
  afterEach(async () => {
    for (const run of running.splice(0)) await endPasted(run);
  });
  afterAll(async () => {
    await hub.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const newServer = async (name: string) => {
    const res = await request(hub.url)
      .post('/api/v1/servers')
      .set('Cookie', cookie)
      .send({ name })
      .expect(201);
    return res.body as { server: { id: string }; token: string; agentCommand: string };
  };
  const isLive = async (serverId: string) => {
    const res = await request(hub.url).get(`/api/v1/servers/${serverId}/live`).set('Cookie', cookie);
    return res.status === 200 && (res.body as { live?: boolean }).live === true ? true : undefined;
  };
  /** Settings the command leaves to defaults (state and config under /var/lib, /etc) point into `dir`. */
  const agentEnv = (dir: string): NodeJS.ProcessEnv => ({
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HIVEWATCH_AGENT_STATE_FILE: path.join(dir, 'state', 'state.json'),
    HIVEWATCH_AGENT_CONFIG: path.join(dir, 'agent.json'),
    HIVEWATCH_AGENT_INTERVAL: '1',
    HIVEWATCH_AGENT_TOKEN: '',
  });

  it("runs the hub's install script: the token reaches no argv, and the installed agent authenticates", async () => {
    const { server, token, agentCommand } = await newServer('pasted-command');
    const root = path.join(work, 'install-root');
    expect(agentCommand).toContain(`${hub.url}/install-agent.sh`);
    const seen = new Set<string>();
    const watch = setInterval(() => {
      for (const line of allCommandLines().values()) if (line.includes(token)) seen.add(line);
    }, 20);
    // The only change: INSTALL_ROOT, as systemd does not run here.
    const { output, start } = await runInstaller(agentCommand, cleanEnv({ INSTALL_ROOT: root })).finally(() =>
      clearInterval(watch),
    );
    expect([...seen]).toEqual([]);
    expect(output).not.toContain(token);
    const tokenFile = path.join(root, 'etc/hivewatch/agent.token');
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(tokenFile, 'utf8')).toBe(`${token}\n`);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'etc/hivewatch/agent.json'), 'utf8'))).toMatchObject({
      hubUrl: hub.url,
      agentId: server.id,
      tokenFile,
    });
    const agent = startInstalled(start);
    running.push(agent);
    expect((await liveSample(hub, cookie, agent, server.id)).live).toBe(true);
    expect(fs.readFileSync(`/proc/${agent.child.pid}/environ`, 'utf8')).not.toContain(token);
    expect([...allCommandLines().values()].filter((line) => line.includes(token))).toEqual([]);
  });

  it('a second agent on the same state file exits with a clear error; the stale lock of a killed one is taken over', async () => {
    const { server, token } = await newServer('locked');
    const dir = fs.mkdtempSync(path.join(work, 'host-'));
    const tokenFile = path.join(dir, 'agent.token');
    fs.writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    const args = [bundle, '--hub', hub.url, '--id', server.id, '--token-file', tokenFile];
    const start = () => {
      const run = collect(spawn(process.execPath, args, { env: agentEnv(dir), stdio: 'pipe' }));
      running.push(run);
      return run;
    };

    const first = start();
    await eventuallyDefined(() => isLive(server.id), 30_000, 200);
    const second = start();
    await expect(second.exited).resolves.toBe(1);
    expect(second.output()).toContain(`another hivewatch-agent (pid ${first.child.pid}) is already using`);
    expect(first.child.exitCode).toBeNull();

    first.child.kill('SIGKILL'); // no clean stop: its lock file stays, naming a dead PID
    await first.exited;
    expect(fs.existsSync(path.join(dir, 'state', 'state.outbox.jsonl.lock'))).toBe(true);
    const third = start();
    await eventually(() => {
      if (third.child.exitCode !== null) throw new Error(`the restarted agent ended:\n${third.output()}`);
      return third.output().includes('"msg":"authenticated"');
    }, 30_000);

    fs.chmodSync(tokenFile, 0o644);
    const widened = start();
    await expect(widened.exited).resolves.toBe(2);
    expect(widened.output()).toContain(`chmod 600 ${tokenFile}`);
    expect(widened.output()).not.toContain(token);
  });

  it("the console's Ansible play runs the hivewatch_agent role with the server's id and token", async () => {
    const { server, token, agentCommand } = await newServer('ansible-snippet');
    const snippet = ansibleSnippet(hubUrlOf(agentCommand), { agentId: server.id, token }, 'ansible-snippet');
    const root = path.join(work, 'ansible-root');
    const start = await runAnsibleSnippet(snippet, root, work);
    expect(fs.statSync(path.join(root, 'etc/hivewatch/agent.token')).mode & 0o777).toBe(0o600);
    const agent = startInstalled(start);
    running.push(agent);
    expect((await liveSample(hub, cookie, agent, server.id)).live).toBe(true);
    expect(agent.output()).not.toContain(token);
  });
});
