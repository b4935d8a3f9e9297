import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { type RunningProcess } from '../support/agents/agent-bundle.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { debCommand, hubUrlOf } from '../../web/src/app/admin/servers/install-snippets.js';
import {
  agentDeb,
  agentExecutable,
  cleanEnv,
  dpkgIntoRoot,
  liveSample,
  runInstaller,
  startInstalled,
  stopAgent,
} from './agent-install-support.js';

jest.setTimeout(600_000);

const dpkgDeb = (...args: string[]) => {
  const run = spawnSync('dpkg-deb', args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`dpkg-deb ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
};

/**
 * The .deb (`npm run build:agent:deb`), inspected with dpkg-deb, then installed by the add-server
 * dialog's .deb command with `dpkg -i` pointed at a temporary root (`dpkg --root` with chrootless
 * maintainer scripts): the postinst configures the agent, which authenticates and reports.
 */
describe('the agent .deb', () => {
  let hub: TestApp;
  let cookie: string;
  let work: string;
  let deb: string;
  let agent: RunningProcess | undefined;

  beforeAll(async () => {
    deb = agentDeb();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-deb-'));
    hub = await startTestApp();
    cookie = await signIn(hub);
  });
  afterAll(async () => {
    await stopAgent(agent);
    await hub.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('holds the executable, the unit, the polkit rule and a postinst creating the service user', () => {
    const info = dpkgDeb('-I', deb);
    expect(info).toMatch(/Package: hivewatch-agent\n/);
    expect(info).toMatch(/Architecture: amd64\n/);
    expect(info).toMatch(/postinst/);
    const files = dpkgDeb('-c', deb);
    expect(files).toMatch(/-rwxr-xr-x root\/root +\d+ .* \.\/usr\/lib\/hivewatch\/hivewatch-agent\n/);
    expect(files).toContain('./usr/bin/hivewatch-agent -> ../lib/hivewatch/hivewatch-agent');
    expect(files).toMatch(/-rw-r--r-- root\/root .* \.\/lib\/systemd\/system\/hivewatch-agent\.service\n/);
    expect(files).toContain('./usr/share/hivewatch-agent/hivewatch-agent.rules');
    const control = path.join(work, 'control');
    dpkgDeb('-e', deb, control);
    const postinst = fs.readFileSync(path.join(control, 'postinst'), 'utf8');
    expect(postinst).toContain('useradd --system --user-group');
    expect(postinst).toContain(fs.readFileSync('agent/packaging/configure-agent.sh', 'utf8').trimEnd());
    const extracted = path.join(work, 'x');
    dpkgDeb('-x', deb, extracted);
    expect(
      fs
        .readFileSync(path.join(extracted, 'usr/lib/hivewatch/hivewatch-agent'))
        .equals(fs.readFileSync(agentExecutable())),
    ).toBe(true);
    expect(fs.readFileSync(path.join(extracted, 'lib/systemd/system/hivewatch-agent.service'), 'utf8')).toBe(
      fs
        .readFileSync('agent/packaging/hivewatch-agent.service', 'utf8')
        .replace('/usr/local/lib/hivewatch/hivewatch-agent', '/usr/lib/hivewatch/hivewatch-agent'),
    );
  });

  it("the add-server dialog's .deb command installs it into a temporary root; the agent reports", async () => {
    const created = await request(hub.url)
      .post('/api/v1/servers')
      .set('Cookie', cookie)
      .send({ name: 'from-deb' })
      .expect(201);
    const { server, token, agentCommand } = created.body as {
      server: { id: string };
      token: string;
      agentCommand: string;
    };
    const command = debCommand(hubUrlOf(agentCommand), { agentId: server.id, token });
    const root = path.join(work, 'root');
    // The only change: dpkg installs into `root`, running the maintainer scripts outside a chroot.
    const pasted = dpkgIntoRoot(command, root, path.join(work, 'hivewatch-agent.deb'));
    const { output, start } = await runInstaller(pasted, cleanEnv({}));
    expect(output).toContain('hivewatch-agent.deb: OK');
    expect(output).not.toContain(token);
    const config = path.join(root, 'etc/hivewatch/agent.json');
    expect(fs.statSync(config).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(root, 'etc/hivewatch/agent.token')).mode & 0o777).toBe(0o600);
    expect(start).toEqual([path.join(root, 'usr/lib/hivewatch/hivewatch-agent'), '--config', config]);

    agent = startInstalled(start);
    const live = await liveSample(hub, cookie, agent, server.id);
    expect(live.live).toBe(true);
  });
});
