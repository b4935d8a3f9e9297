import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { eventually } from '../support/agents/fixtures.js';
import { eventuallyDefined } from '../support/agents/real-agent.js';

jest.setTimeout(300_000);

const root = path.resolve('.');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PIDs of the direct children of `pid`, from /proc (the hub and the local agent under start.mjs). */
function childrenOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/**
 * The README's first command, as a new user runs it: `npm start` (scripts/start.mjs) on an empty data
 * folder brings up the hub with its console and a local agent that enrolls itself; the printed
 * first-admin credentials sign in, and this machine is on the dashboard, reporting, within a minute.
 */
describe('npm start: hub, console and a local agent reporting this machine', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-start-'));
  let port = 0;
  let start: ChildProcess;
  let output = '';
  let children: number[] = [];

  beforeAll(async () => {
    port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env };
    // A new user's machine: no preset admin, so the hub generates one and prints it once.
    for (const key of Object.keys(env)) if (key.startsWith('HIVEWATCH_')) delete env[key];
    start = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...env,
        HIVEWATCH_HOST: '127.0.0.1',
        HIVEWATCH_PORT: String(port),
        HIVEWATCH_DATA_DIR: dataDir,
        HIVEWATCH_LOG_LEVEL: 'warn',
      },
    });
    start.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });

  afterAll(async () => {
    if (start.exitCode === null && start.signalCode === null) {
      start.kill('SIGTERM');
      await new Promise((resolve) => start.once('exit', resolve));
    }
    // Anything of ours still running after start.mjs is gone would be a leak: stop it, then fail below.
    for (const pid of children) if (alive(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the admin credentials once, serves the console, and shows this machine live', async () => {
    const url = `http://127.0.0.1:${port}`;
    const credentials = await eventually(
      () => /username: (\S+)\s+password: (\S+)/.exec(output) ?? undefined,
      240_000,
      200,
    ).catch(() => undefined);
    if (!credentials) throw new Error(`no credentials printed:\n${output}`);
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
    expect(output.match(/password: /g)).toHaveLength(1);

    start.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => start.once('exit', resolve));
    expect(code).toBe(0);
    await eventually(() => children.every((pid) => !alive(pid)) || undefined, 15_000, 100);
  });
});
