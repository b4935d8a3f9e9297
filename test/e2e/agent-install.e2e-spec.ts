import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { allCommandLines, pasteIntoShell, type RunningProcess } from '../support/agents/agent-bundle.js';
import { expectServedExecutable } from '../support/agent-executable-checks.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { enrollBlocks } from '../../web/src/app/admin/servers/install-snippets.js';
import {
  agentExecutable,
  cleanEnv,
  enrolledId,
  liveSample,
  runInstaller,
  startInstalled,
  stopAgent,
} from './agent-install-support.js';

jest.setTimeout(240_000);

/**
 * The hub serves the agent executable and install-agent.sh; the enrollment-key panel's command,
 * pasted into a shell with INSTALL_ROOT pointing at a temporary root (no systemd here), installs
 * the executable, and the agent it names enrolls and reports.
 */
describe('install-agent.sh and the agent downloads', () => {
  let hub: TestApp;
  let cookie: string;
  let work: string;
  let executable: string;
  let agent: RunningProcess | undefined;

  beforeAll(async () => {
    executable = agentExecutable();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-install-'));
    hub = await startTestApp();
    cookie = await signIn(hub);
  });
  afterEach(async () => {
    await stopAgent(agent);
    agent = undefined;
  });
  afterAll(async () => {
    await hub.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('serves the executable without credentials, with its SHA-256 in a header and a sha256sum line', async () => {
    await expectServedExecutable(hub.url, 'linux-x64', fs.readFileSync(executable));

    const unknown = await request(hub.url).get('/api/v1/agent/download/windows-x64').expect(400);
    expect(JSON.stringify(unknown.body)).toContain('linux-x64, linux-arm64');
    const arm = path.resolve('dist/agent/hivewatch-agent-linux-arm64');
    if (!fs.existsSync(arm)) {
      const missing = await request(hub.url).get('/api/v1/agent/download/linux-arm64').expect(404);
      expect(missing.body.message).toContain('npm run build:agent:exe');
    }
  });

  it('serves install-agent.sh naming this hub, with the one unit and polkit rule of agent/packaging', async () => {
    const res = await request(hub.url).get('/install-agent.sh').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/x-shellscript/);
    expect(res.text).toContain(`hub="\${HIVEWATCH_HUB_URL:-${hub.url}}"`);
    expect(res.text).toContain(fs.readFileSync('agent/packaging/hivewatch-agent.service', 'utf8').trimEnd());
    expect(res.text).toContain(fs.readFileSync('agent/packaging/hivewatch-agent.rules', 'utf8').trimEnd());
    expect(res.text).not.toMatch(/@HIVEWATCH_[A-Z_]+@/);
    const info = await request(hub.url).get('/api/v1/agent/install-info').set('Cookie', cookie).expect(200);
    expect(info.body).toEqual({ hubUrl: hub.url, platforms: ['linux-x64', 'linux-arm64'] });
    const proxied = await startTestApp({ HIVEWATCH_PUBLIC_URL: 'https://hub.example.com/' });
    try {
      const behindInfo = await request(proxied.url)
        .get('/api/v1/agent/install-info')
        .set('Cookie', await signIn(proxied))
        .expect(200);
      expect(behindInfo.body.hubUrl).toBe('https://hub.example.com');
      const behind = await request(proxied.url).get('/install-agent.sh').expect(200);
      expect(behind.text).toContain('hub="${HIVEWATCH_HUB_URL:-https://hub.example.com}"');
    } finally {
      await proxied.close();
    }
  });

  it("the enrollment-key panel's command installs into a temporary root; the agent enrolls and reports", async () => {
    const created = await request(hub.url)
      .post('/api/v1/enrollment-keys')
      .set('Cookie', cookie)
      .send({ name: 'install script', maxUses: 5 })
      .expect(201);
    const key = (created.body as { key: string }).key;
    const command = enrollBlocks(hub.url, key).find((b) => b.label === 'Agent command')!.value;
    const root = path.join(work, 'root');
    const seen = new Set<string>();
    const watch = setInterval(() => {
      for (const line of allCommandLines().values()) if (line.includes(key)) seen.add(line);
    }, 20);
    const { output, start } = await runInstaller(command, cleanEnv({ INSTALL_ROOT: root })).finally(() =>
      clearInterval(watch),
    );
    expect([...seen]).toEqual([]);
    expect(output).toContain('SHA-256 verified');
    expect(output).toContain('INSTALL_ROOT is set');
    expect(output).not.toContain(key);

    const installed = path.join(root, 'usr/local/lib/hivewatch/hivewatch-agent');
    expect(fs.readFileSync(installed).equals(fs.readFileSync(executable))).toBe(true);
    expect(fs.statSync(installed).mode & 0o777).toBe(0o755);
    expect(fs.readlinkSync(path.join(root, 'usr/local/bin/hivewatch-agent'))).toBe(
      '/usr/local/lib/hivewatch/hivewatch-agent',
    );
    expect(fs.readFileSync(path.join(root, 'etc/systemd/system/hivewatch-agent.service'), 'utf8')).toBe(
      fs.readFileSync('agent/packaging/hivewatch-agent.service', 'utf8'),
    );
    const keyFile = path.join(root, 'etc/hivewatch/enrollment.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(`${key}\n`);
    const config = path.join(root, 'etc/hivewatch/agent.json');
    expect(fs.statSync(config).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(config, 'utf8'))).toEqual({
      hubUrl: hub.url,
      enrollmentKeyFile: keyFile,
      stateFile: path.join(root, 'var/lib/hivewatch-agent/state.json'),
      metricsInterval: 5,
    });
    expect(start).toEqual([installed, '--config', config]);

    agent = startInstalled(start);
    const stateFile = path.join(root, 'var/lib/hivewatch-agent/state.json');
    const live = await liveSample(hub, cookie, agent, await enrolledId(agent, stateFile));
    expect(live.live).toBe(true);
    expect(typeof live.cpuPercent).toBe('number');
    expect(fs.readFileSync(`/proc/${agent.child.pid}/environ`, 'utf8')).not.toContain(key);

    // A second run upgrades in place and keeps the configuration; without credentials it still works.
    const again = await runInstaller(
      `sh -c "$(curl -fsSL ${hub.url}/install-agent.sh)"`,
      cleanEnv({ INSTALL_ROOT: root }),
    );
    expect(again.output).toContain('kept the existing configuration');
  });

  it('refuses to run without credentials, with a clear message', async () => {
    const root = path.join(work, 'empty-root');
    const shell = pasteIntoShell(
      `sh -c "$(curl -fsSL ${hub.url}/install-agent.sh)"`,
      cleanEnv({ INSTALL_ROOT: root }),
    );
    expect(await shell.exited).toBe(1);
    expect(shell.output()).toContain(
      'set HIVEWATCH_ENROLLMENT_KEY (or HIVEWATCH_AGENT_ID and HIVEWATCH_AGENT_TOKEN)',
    );
    expect(fs.existsSync(path.join(root, 'usr/local/lib/hivewatch/hivewatch-agent'))).toBe(false);

    // A download the hub refuses ends the install with the hub's own message.
    const elsewhere = pasteIntoShell(
      `HIVEWATCH_ENROLLMENT_KEY=hwe_x sh -c "$(curl -fsSL ${hub.url}/install-agent.sh)"`,
      cleanEnv({ INSTALL_ROOT: root, HIVEWATCH_HUB_URL: `${hub.url}/api/v1/nowhere` }),
    );
    expect(await elsewhere.exited).toBe(1);
    expect(elsewhere.output()).toMatch(
      /the hub answered 404 for .*\/api\/v1\/nowhere\/api\/v1\/agent\/download\/linux-x64/,
    );
  });
});
