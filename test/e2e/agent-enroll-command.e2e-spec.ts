import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { allCommandLines, type RunningProcess } from '../support/agents/agent-bundle.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { consoleHubUrl, enrollBlocks } from '../../web/src/app/admin/servers/install-snippets.js';
import {
  agentDeb,
  cleanEnv,
  dpkgIntoRoot,
  enrolledId,
  liveSample,
  runAnsibleSnippet,
  runInstaller,
  startInstalled,
  stopAgent,
} from './agent-install-support.js';

jest.setTimeout(600_000);

/**
 * Every block of the console's enrollment-key panel (enrollBlocks), run as an admin would against a
 * real hub: the .deb command and the Ansible play here, the one-liner in agent-install.e2e-spec.ts.
 * Each installed agent must enroll and report, and the key must never be in any process's argv.
 */
describe("the console's enrollment-key commands", () => {
  let hub: TestApp;
  let cookie: string;
  let work: string;
  let blocks: Map<string, string>;
  let key: string;
  let agent: RunningProcess | undefined;

  beforeAll(async () => {
    agentDeb();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-enroll-command-'));
    hub = await startTestApp();
    cookie = await signIn(hub);
    const created = await request(hub.url)
      .post('/api/v1/enrollment-keys')
      .set('Cookie', cookie)
      .send({ name: 'pasted fleet key', maxUses: 5 })
      .expect(201);
    key = (created.body as { key: string }).key;
    const url = new URL(hub.url);
    const hubUrl = consoleHubUrl({ protocol: url.protocol, host: url.host });
    blocks = new Map(enrollBlocks(hubUrl, key).map((b) => [b.label, b.value]));
  });
  afterEach(async () => {
    await stopAgent(agent);
    agent = undefined;
  });
  afterAll(async () => {
    await hub.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const reports = async (start: string[], root: string) => {
    agent = startInstalled(start);
    const serverId = await enrolledId(agent, path.join(root, 'var/lib/hivewatch-agent/state.json'));
    const live = await liveSample(hub, cookie, agent, serverId);
    expect(live.live).toBe(true);
    expect(fs.readFileSync(`/proc/${agent.child.pid}/environ`, 'utf8')).not.toContain(key);
    expect([...allCommandLines().values()].filter((line) => line.includes(key))).toEqual([]);
    expect(agent.output()).not.toContain(key);
  };

  it('the .deb command installs the package, whose postinst configures an agent that enrolls', async () => {
    const root = path.join(work, 'deb-root');
    const command = dpkgIntoRoot(blocks.get('Or the .deb (Debian, Ubuntu)')!, root, path.join(work, 'a.deb'));
    const seen = new Set<string>();
    const watch = setInterval(() => {
      for (const line of allCommandLines().values()) if (line.includes(key)) seen.add(line);
    }, 20);
    const { output, start } = await runInstaller(command, cleanEnv({})).finally(() => clearInterval(watch));
    expect([...seen]).toEqual([]);
    expect(output).toContain('a.deb: OK');
    const keyFile = path.join(root, 'etc/hivewatch/enrollment.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    await reports(start, root);
  });

  it('the Ansible play runs the hivewatch_agent role, and its agent enrolls', async () => {
    const snippet = blocks.get('Ansible')!;
    expect(snippet).toContain(`hivewatch_agent_enrollment_key: ${key}`);
    const root = path.join(work, 'ansible-root');
    const start = await runAnsibleSnippet(snippet, root, work);
    await reports(start, root);
  });
});
