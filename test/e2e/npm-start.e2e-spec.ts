import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { eventually } from '../support/agents/fixtures.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { alive, childrenOf, exited, startAsUser, type Started } from './support/npm-start.js';

jest.setTimeout(300_000);

/**
 * The README's first command, as a new user runs it: `npm start` (scripts/start.mjs) on an empty data
 * folder brings up the hub with its console and a local agent that enrolls itself; the printed
 * first-admin credentials sign in, and this machine is on the dashboard, reporting, within a minute.
 */
describe('npm start: hub, console and a local agent reporting this machine', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-start-'));
  let launched: Started | undefined;
  let children: number[] = [];

  beforeAll(async () => {
    launched = await startAsUser(process.execPath, ['scripts/start.mjs'], dataDir);
  });

  afterAll(async () => {
    if (launched) {
      launched.child.kill('SIGTERM');
      await exited(launched.child);
    }
    // Anything of ours still running after start.mjs is gone would be a leak: stop it, then fail below.
    for (const pid of children) if (alive(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the admin credentials once, serves the console, and shows this machine live', async () => {
    const { child: start, output, port } = launched!;
    const url = `http://127.0.0.1:${port}`;
    const credentials = await eventually(
      () => /username: (\S+)\s+password: (\S+)/.exec(output()) ?? undefined,
      240_000,
      200,
    ).catch(() => undefined);
    if (!credentials) throw new Error(`no credentials printed:\n${output()}`);
    const [, username, password] = credentials;

    await eventually(
      async () => (await request(url).get('/api/v1/health')).status === 200 || undefined,
      60_000,
      200,
    );
    // The hub, and the local agent that start.mjs launches once the hub answers its health check.
    children = await eventuallyDefined(() => {
      const found = childrenOf(start.pid!);
      return found.length === 2 ? found : undefined;
    }, 15_000);

    const page = await request(url).get('/servers/anything').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<hw-root');

    const login = await request(url).post('/api/v1/auth/login').send({ username, password }).expect(200);
    const cookie = ([] as string[])
      .concat(login.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('hw_session='))!
      .split(';')[0]!;

    const started = Date.now();
    const live = await eventuallyDefined(async () => {
      const list = await request(url).get('/api/v1/servers').set('Cookie', cookie).expect(200);
      const mine = (list.body.items as { id: string; name: string }[]).find((s) => s.name === os.hostname());
      if (!mine) return undefined;
      const res = await request(url).get(`/api/v1/servers/${mine.id}/live`).set('Cookie', cookie);
      const body = res.body as { serverId?: string; live?: boolean };
      return res.status === 200 && body.live === true && body.serverId === mine.id ? body : undefined;
    }, 60_000);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(live).toMatchObject({ live: true });

    // The one-time enrollment key never reaches the output, and is gone from the agent's config once used.
    const agentConfig = path.join(dataDir, 'local-agent', 'agent.json');
    expect(fs.statSync(agentConfig).mode & 0o777).toBe(0o600);
    expect(output().match(/password: /g)).toHaveLength(1);
    // The suites' shared agent build is up to date: start.mjs's stamp check does not build it again.
    expect(output()).not.toContain('Building the agent executable');

    start.kill('SIGTERM');
    const code = await exited(start);
    expect(code).toBe(0);
    await eventually(() => children.every((pid) => !alive(pid)) || undefined, 15_000, 100);
  });
});
