import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import {
  allCommandLines,
  bundleAgent,
  endPasted,
  pasteIntoShell,
  processGroup,
  type RunningProcess,
} from '../support/agents/agent-bundle.js';
import { agentHubUrl, enrollCommand } from '../../web/src/app/admin/enrollment-keys/enroll-command.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(120_000);

/**
 * The agent command the console's enrollment-key page shows, built by the same function, pasted
 * into a shell with the real agent bundle against a real hub: the agent must enroll and report, and
 * the enrollment key must never be readable in any process's argv or environment.
 */
describe("the console's enrollment command", () => {
  let hub: TestApp;
  let cookie: string;
  let work: string;
  let bin: string;
  const running: RunningProcess[] = [];

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-enroll-command-'));
    ({ bin } = await bundleAgent(work));
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

  it('enrolls an agent that reports, with the key in a 0600 file and in no argv or environment', async () => {
    const created = await request(hub.url)
      .post('/api/v1/enrollment-keys')
      .set('Cookie', cookie)
      .send({ name: 'pasted fleet key', maxUses: 5 })
      .expect(201);
    const { key, enrollmentKey } = created.body as { key: string; enrollmentKey: { id: string } };
    const url = new URL(hub.url);
    const command = enrollCommand(agentHubUrl({ protocol: url.protocol, host: url.host }), key);

    const dir = fs.mkdtempSync(path.join(work, 'host-'));
    // The only changes: /etc/hivewatch becomes a folder this test may write, and the settings the
    // command leaves to defaults (state under /var/lib, config under /etc) point into `dir`.
    const etc = path.join(dir, 'etc-hivewatch');
    const stateFile = path.join(dir, 'var-lib-hivewatch-agent', 'state.json');
    expect(command).toContain('/etc/hivewatch/enrollment.key');
    const shell = pasteIntoShell(command.replaceAll('/etc/hivewatch', etc), {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      HIVEWATCH_AGENT_STATE_FILE: stateFile,
      HIVEWATCH_AGENT_CONFIG: path.join(etc, 'agent.json'),
      HIVEWATCH_AGENT_INTERVAL: '1',
      HIVEWATCH_AGENT_ENROLLMENT_KEY: '',
      HIVEWATCH_AGENT_TOKEN: '',
    });
    running.push(shell);

    const serverId = await eventuallyDefined(
      () => {
        if (shell.child.exitCode !== null) throw new Error(`the command ended:\n${shell.output()}`);
        if (!fs.existsSync(stateFile)) return undefined;
        const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { agentId?: string };
        return state.agentId;
      },
      30_000,
      200,
    );
    const sample = await eventuallyDefined(
      async () => {
        if (shell.child.exitCode !== null) throw new Error(`the agent ended:\n${shell.output()}`);
        const res = await request(hub.url).get(`/api/v1/servers/${serverId}/live`).set('Cookie', cookie);
        return res.status === 200 ? (res.body as { live: boolean; cpuPercent: number }) : undefined;
      },
      30_000,
      200,
    );
    expect(sample.live).toBe(true);
    expect(typeof sample.cpuPercent).toBe('number');
    const used = await request(hub.url)
      .get(`/api/v1/enrollment-keys/${enrollmentKey.id}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(used.body).toMatchObject({ uses: 1 });

    const keyFile = path.join(etc, 'enrollment.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(`${key}\n`);
    expect(fs.statSync(stateFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(stateFile)).mode & 0o777).toBe(0o700);

    const group = processGroup(shell.child.pid!);
    const lines = allCommandLines();
    expect(group.map((pid) => lines.get(pid))).toEqual(
      expect.arrayContaining([expect.stringContaining(`--enroll-file ${keyFile}`)]),
    );
    expect([...lines.values()].filter((line) => line.includes(key))).toEqual([]);
    for (const pid of group)
      expect(fs.readFileSync(`/proc/${pid}/environ`, 'utf8').includes(key)).toBe(false);
    expect(shell.output()).not.toContain(key);
  });
});
