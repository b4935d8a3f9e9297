import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { eventually } from '../support/agents/fixtures.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { createApiKey, signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(180_000);

const root = path.resolve('.');
const bundle = path.join(root, 'dist', 'cli', 'hivewatch.cjs');
const run = promisify(execFile);

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A child process to its end (asynchronously: the hub answering it runs in this process). */
function finish(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = root): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The one-line commands of the ```sh blocks of a section of docs/api.md. */
function docsCommands(section: string): string[] {
  const text = fs.readFileSync(path.join(root, 'docs', 'api.md'), 'utf8');
  const start = text.indexOf(`\n## ${section}\n`);
  if (start < 0) throw new Error(`docs/api.md has no section "${section}"`);
  const end = text.indexOf('\n## ', start + 1);
  const body = text.slice(start, end < 0 ? undefined : end);
  return [...body.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] ?? '').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')),
  );
}

describe('the hivewatch command line against a real hub', () => {
  let hub: TestApp;
  let readKey: string;
  let work: string;
  const agents: SeedAgent[] = [];
  const ids: Record<string, string> = {};

  const env = (over: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HIVEWATCH_URL: hub.url,
    HIVEWATCH_API_KEY: readKey,
    ...over,
  });
  const cli = (args: string[], over: Record<string, string> = {}) =>
    finish(process.execPath, [bundle, ...args], env(over));

  beforeAll(async () => {
    // The real build steps of `npm run build` for the client: its type-checked library, then the bundle.
    await run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'libs/client'], {
      cwd: root,
    });
    await run(process.execPath, [path.join(root, 'libs/client/build.mjs')], { cwd: root });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-cli-'));

    hub = await startTestApp();
    const cookie = await signIn(hub);
    readKey = await createApiKey(hub, cookie, 'read');
    const group = await request(hub.url)
      .post('/api/v1/groups')
      .set('Cookie', cookie)
      .send({ name: 'frontend' })
      .expect(201);
    const fleet = [
      { name: 'web-1', tags: ['prod'], groupId: group.body.id as string, cpu: 20 },
      { name: 'web-2', tags: ['prod'], groupId: null, cpu: 35 },
      { name: 'db-1', tags: ['db'], groupId: null, cpu: 97 },
    ];
    const wsUrl = `${hub.url.replace('http', 'ws')}/api/v1/agents/ws`;
    for (const s of fleet) {
      const created = await request(hub.url)
        .post('/api/v1/servers')
        .set('Cookie', cookie)
        .send({ name: s.name, tags: s.tags, groupId: s.groupId })
        .expect(201);
      const id = created.body.server.id as string;
      ids[s.name] = id;
      const agent = new SeedAgent(wsUrl, { serverId: id, token: created.body.token as string });
      agents.push(agent);
      await agent.connect();
      agent.sendMetrics({ cpuUsagePercent: s.cpu });
      await eventually(async () => {
        const res = await request(hub.url)
          .get(`/api/v1/servers/${id}/live`)
          .set('Authorization', `Bearer ${readKey}`);
        return res.status === 200;
      });
    }
  });
  afterAll(async () => {
    for (const a of agents) a.close();
    await hub?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('lists servers, filtered by tag and by group name, as a table and as JSON', async () => {
    const all = await cli(['servers', 'list']);
    expect(all).toMatchObject({ code: 0, stderr: '' });
    expect(all.stdout.split('\n')[0]).toMatch(/^NAME\s+ID\s+GROUP\s+TAGS\s+LAST SEEN$/);
    for (const name of ['web-1', 'web-2', 'db-1']) expect(all.stdout).toContain(ids[name]);
    expect(all.stdout).toMatch(/\nweb-1\s+\S+\s+frontend\s+prod\s/);

    const prod = await cli(['servers', 'list', '--tag', 'prod', '--json']);
    expect(prod.code).toBe(0);
    expect((JSON.parse(prod.stdout) as { name: string }[]).map((s) => s.name).sort()).toEqual([
      'web-1',
      'web-2',
    ]);
    const frontend = await cli(['servers', 'list', '--group', 'frontend', '--json']);
    expect((JSON.parse(frontend.stdout) as { name: string }[]).map((s) => s.name)).toEqual(['web-1']);
  });

  it('prints metrics as CSV, by server name or id', async () => {
    const byName = await cli(['metrics', 'db-1', '--metric', 'cpu', '--from', '-1h', '--format', 'csv']);
    expect(byName).toMatchObject({ code: 0, stderr: '' });
    const lines = byName.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,cpu_avg,cpu_max');
    expect(lines.at(-1)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z,97,97$/);
    const byId = await cli(['metrics', ids['db-1'] ?? '', '--metric', 'cpu', '--format', 'csv']);
    expect(byId.stdout).toBe(byName.stdout);
  });

  it('check exits 0 when every sample holds the limit', async () => {
    const one = await cli(['check', 'web-1', '--metric', 'cpu', '--max', '80', '--for', '5m']);
    expect(one).toMatchObject({ code: 0, stderr: '' });
    expect(one.stdout).toMatch(/^OK: cpu <= 80 on 1 server\(s\) over the last 5m/);
    const tag = await cli(['check', '--tag', 'prod', '--metric', 'cpu', '--max', '80', '--for', '5m']);
    expect(tag.code).toBe(0);
    expect(tag.stdout).toContain('on 2 server(s)');
  });

  it('check exits 1 naming the server, the minute and the value over the limit', async () => {
    const res = await cli(['check', 'db-1', '--metric', 'cpu', '--max', '80', '--for', '5m']);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`FAIL db-1 (${ids['db-1']}): cpu not <= 80 in 1 minute(s)`);
    expect(res.stdout).toMatch(/ {2}\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z {2}cpu max 97 > max 80\n/);
    const low = await cli(['check', 'web-2', '--metric', 'cpu', '--min', '50']);
    expect(low.code).toBe(1);
    expect(low.stdout).toContain('cpu mean 35 < min 50');
  });

  it('check exits 2 on bad usage, an unreachable hub and a refused key', async () => {
    const usage = await cli(['check', 'web-1', '--metric', 'cpu']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('give a limit: --max <n>, --min <n> or both');
    const flag = await cli(['check', 'web-1', '--metric', 'cpu', '--max', '80', '--key', readKey]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('never a command-line flag');
    expect(flag.stderr).not.toContain(readKey);

    // Metric keys come from the hub's catalogue: an unknown one is refused with the valid ones listed.
    const metric = await cli(['metrics', 'web-1', '--metric', 'nosuch', '--format', 'csv']);
    expect(metric.code).toBe(2);
    expect(metric.stderr).toMatch(
      /the hub answered 400 bad_request: .*unknown metric\(s\): nosuch; valid: cpu, mem/,
    );

    const port = await freePort();
    const down = await cli(['check', 'web-1', '--metric', 'cpu', '--max', '80'], {
      HIVEWATCH_URL: `http://127.0.0.1:${port}`,
    });
    expect(down.code).toBe(2);
    expect(down.stderr).toContain(`error: cannot reach http://127.0.0.1:${port}`);

    const badKey = await cli(['check', 'web-1', '--metric', 'cpu', '--max', '80'], {
      HIVEWATCH_API_KEY: `hw_${'x'.repeat(43)}`,
    });
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/the hub answered 401 unauthorized: .*\[request id [\w-]+\]/);
  });

  it('serves the built file for download with its SHA-256', async () => {
    const built = fs.readFileSync(bundle);
    const sha = createHash('sha256').update(built).digest('hex');
    const auth = { Authorization: `Bearer ${readKey}` };
    const res = await fetch(`${hub.url}/api/v1/cli/download`, { headers: auth });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(built)).toBe(true);
    expect(res.headers.get('x-hivewatch-sha256')).toBe(sha);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?hivewatch\.cjs"?$/);
    // A pipeline cache revalidates with the ETag (supertest: fetch itself adds `Cache-Control: no-cache`).
    await request(hub.url).get('/api/v1/cli/download').set(auth).set('If-None-Match', `"${sha}"`).expect(304);
    const line = await fetch(`${hub.url}/api/v1/cli/download.sha256`, { headers: auth });
    expect(await line.text()).toBe(`${sha}  hivewatch.cjs\n`);
    expect((await fetch(`${hub.url}/api/v1/cli/download`)).status).toBe(401);
    const doc = await request(hub.url).get('/api/docs-json').expect(200);
    const paths = doc.body.paths as Record<
      string,
      { get: { responses: Record<string, { content?: object }> } }
    >;
    expect(Object.keys(paths['/api/v1/cli/download']?.get.responses['200']?.content ?? {})).toEqual([
      'application/javascript',
    ]);
    expect(Object.keys(paths['/api/v1/cli/download.sha256']?.get.responses['200']?.content ?? {})).toEqual([
      'text/plain',
    ]);
  });

  it('runs every command docs/api.md shows, the CI step first', async () => {
    const ci = docsCommands('Command line (CI)');
    const history = docsCommands('Metrics and history');
    expect(ci.filter((c) => c.includes('/api/v1/cli/download'))).toHaveLength(2);
    const sha = createHash('sha256').update(fs.readFileSync(bundle)).digest('hex');
    const shellEnv = env({ SERVER_ID: ids['web-1'] ?? '', HIVEWATCH_CLI_SHA256: sha });
    for (const command of [...ci, ...history]) {
      const res = await finish('/bin/sh', ['-c', command], shellEnv, work);
      expect({ command, code: res.code, stderr: res.stderr }).toEqual({ command, code: 0, stderr: '' });
    }
    expect(fs.readFileSync(path.join(work, 'hivewatch.cjs')).equals(fs.readFileSync(bundle))).toBe(true);
  });

  it('packs @hivewatch/client with its entry, types and the hivewatch bin', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json'], {
      cwd: path.join(root, 'libs/client'),
    });
    const [pack] = JSON.parse(stdout) as { name: string; files: { path: string }[] }[];
    const files = (pack?.files ?? []).map((f) => f.path);
    expect(pack?.name).toBe('@hivewatch/client');
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/hivewatch.cjs']),
    );
    expect(files.filter((f) => f.includes('.spec.'))).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'libs/client/package.json'), 'utf8')) as {
      bin: Record<string, string>;
      exports: { '.': { default: string; types: string } };
    };
    expect(pkg.bin['hivewatch']).toBe('./dist/cli/hivewatch.cjs');
    expect(files).toContain(pkg.exports['.'].default.replace('./', ''));
    expect(files).toContain(pkg.exports['.'].types.replace('./', ''));
  });
});
