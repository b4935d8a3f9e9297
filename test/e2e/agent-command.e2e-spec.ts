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
  pasteIntoShell,
  endPasted,
  processGroup,
  type RunningProcess,
} from '../support/agents/agent-bundle.js';
import { ansibleSnippet } from '../../web/src/app/admin/servers/install-snippets.js';
import { eventually } from '../support/agents/fixtures.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(120_000);

/**
 * The agent command the API hands out, run as an admin would run it, with the real agent bundle
 * against a real hub: it must work, and the token must never be readable in any process's argv.
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

  it('keeps the token out of every argv and environment, and the agent it starts authenticates', async () => {
    const { server, token, agentCommand } = await newServer('pasted-command');
    const dir = fs.mkdtempSync(path.join(work, 'host-'));
    // The only change: the command's /etc/hivewatch becomes a folder this test may write.
    const etc = path.join(dir, 'etc-hivewatch');
    expect(agentCommand).toContain('/etc/hivewatch/agent.token');
    const shell = pasteIntoShell(agentCommand.replaceAll('/etc/hivewatch', etc), agentEnv(dir));
    running.push(shell);

    await eventuallyDefined(
      async () => {
        if (shell.child.exitCode !== null) throw new Error(`the command ended:\n${shell.output()}`);
        return isLive(server.id);
      },
      30_000,
      200,
    );
    const tokenFile = path.join(etc, 'agent.token');
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(tokenFile, 'utf8')).toBe(`${token}\n`);

    const group = processGroup(shell.child.pid!);
    const lines = allCommandLines();
    expect(group.map((pid) => lines.get(pid))).toEqual(
      expect.arrayContaining([expect.stringContaining(`--id ${server.id} --token-file ${tokenFile}`)]),
    );
    expect([...lines.values()].filter((line) => line.includes(token))).toEqual([]);
    for (const pid of group) {
      const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
      expect(environ.includes(token)).toBe(false);
    }
    expect(shell.output()).not.toContain(token);
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

  it("the console's Ansible snippet writes a 0600 token file and starts an agent that authenticates", async () => {
    const { server, token, agentCommand } = await newServer('ansible-snippet');
    const dir = fs.mkdtempSync(path.join(work, 'host-'));
    const etc = path.join(dir, 'etc-hivewatch');
    const snippet = ansibleSnippet(agentCommand, token, 'ansible-snippet').replaceAll('/etc/hivewatch', etc);
    // Do what the play's tasks say: the token file (content and mode as written), then ExecStart.
    const tokenTask = /dest: (\S+)\n\s+mode: "(\d+)"\n\s+content: "(\S+)\\n"/.exec(snippet);
    if (!tokenTask) throw new Error(`no token task in:\n${snippet}`);
    fs.mkdirSync(etc, { recursive: true });
    fs.writeFileSync(tokenTask[1]!, `${tokenTask[3]}\n`, { mode: Number.parseInt(tokenTask[2]!, 8) });
    const execStart = /ExecStart=\S+ (.*)/.exec(snippet)?.[1]?.split(' ') ?? [];
    expect(execStart.join(' ')).not.toContain(token);
    const agent = collect(
      spawn(process.execPath, [bundle, ...execStart], { env: agentEnv(dir), stdio: 'pipe' }),
    );
    running.push(agent);
    await eventuallyDefined(
      async () => {
        if (agent.child.exitCode !== null) throw new Error(`the agent ended:\n${agent.output()}`);
        return isLive(server.id);
      },
      30_000,
      200,
    );
    expect(fs.statSync(path.join(etc, 'agent.token')).mode & 0o777).toBe(0o600);
  });
});
