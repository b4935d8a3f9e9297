import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import WebSocket from 'ws';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { SimpleAgent } from '../support/agents/simple-agent.js';
import { freePort, HUB_PROCESS_ADMIN, startHubProcess, type HubProcess } from '../support/hub-process.js';

jest.setTimeout(120_000);

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
const describeWithNginx = NGINX || process.env.CI ? describe : describe.skip;

/**
 * The first ```nginx block of docs/reverse-proxy.md, as a user copies it, on a free port: TLS
 * switched off (plain HTTP on 127.0.0.1) and the upstream pointed at the test hub.
 */
function documentedNginxConfig(hubPort: number, proxyPort: number): string {
  const doc = fs.readFileSync(path.resolve('docs/reverse-proxy.md'), 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/reverse-proxy.md has no nginx block');
  const replaced = block
    .replace('server 127.0.0.1:8080;', `server 127.0.0.1:${hubPort};`)
    .replace('listen 443 ssl;', `listen 127.0.0.1:${proxyPort};`)
    .replace(/^\s*ssl_\S+ .*;\n/gm, '');
  if (replaced.includes('ssl') || !replaced.includes(String(hubPort)))
    throw new Error('the documented nginx block no longer has the expected shape');
  return replaced;
}

interface Nginx {
  url: string;
  stop(): Promise<void>;
}

async function startNginx(hubPort: number, port: number): Promise<Nginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-nginx-'));
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    [
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'worker_processes 1;',
      'events { worker_connections 256; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
      documentedNginxConfig(hubPort, port),
      '}',
    ].join('\n'),
  );
  execFileSync(NGINX!, ['-t', '-p', dir, '-c', conf], { stdio: 'pipe' });
  const child: ChildProcess = spawn(NGINX!, ['-p', dir, '-c', conf, '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited:\n${output}`);
      return (await fetch(`${url}/api/v1/health`).catch(() => null))?.ok || null;
    },
    15_000,
    100,
  );
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first frame of a WebSocket opened with these headers; rejects with the HTTP status of a refusal. */
function firstFrame(url: string, origin: string, cookie: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { Origin: origin, Cookie: cookie } });
    ws.once('message', (data: Buffer) => {
      resolve(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`status ${res.statusCode ?? 0}`));
      res.resume();
    });
    ws.once('error', reject);
  });
}

describeWithNginx('the documented nginx configuration in front of the hub', () => {
  let hub: HubProcess;
  let proxy: Nginx;
  let cookie: string;

  beforeAll(async () => {
    if (!NGINX) throw new Error('nginx is required in CI (apt-get install nginx)');
    const proxyPort = await freePort();
    hub = await startHubProcess({
      HIVEWATCH_PUBLIC_URL: `http://127.0.0.1:${proxyPort}`,
      HIVEWATCH_TRUST_PROXY: 'true',
    });
    proxy = await startNginx(hub.port, proxyPort);
    const login = await request(proxy.url).post('/api/v1/auth/login').send(HUB_PROCESS_ADMIN).expect(200);
    const session = ([] as string[])
      .concat(login.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('hw_session='));
    cookie = session!.split(';')[0]!;
  });

  afterAll(async () => {
    await hub?.stop();
    await proxy?.stop();
  });

  it('serves the REST API and the install script naming the public URL', async () => {
    const created = await createServer(proxy.url, cookie, 'behind-nginx');
    const list = await request(proxy.url).get('/api/v1/servers').set('Cookie', cookie).expect(200);
    expect(JSON.stringify(list.body)).toContain(created.id);
    const script = await request(proxy.url).get('/install-agent.sh').expect(200);
    expect(script.text).toContain(proxy.url);
  });

  it('carries an agent WebSocket: the agent authenticates and its sample reaches the REST API', async () => {
    const server = await createServer(proxy.url, cookie);
    const agent = new SimpleAgent(`${proxy.url.replace('http', 'ws')}/api/v1/agents/ws`, server.token);
    const answer = await agent.connect();
    expect(answer['type']).toBe('auth_success');
    agent.sendMetrics({ cpu_percent: 37 });
    const live = await eventually(async () => {
      const res = await request(proxy.url).get(`/api/v1/servers/${server.id}/live`).set('Cookie', cookie);
      return res.status === 200 ? (res.body as Record<string, unknown>) : null;
    }, 10_000);
    expect(live).toBeTruthy();
    agent.close();
  });

  it('carries the console stream with the Origin of the public URL, and refuses a foreign one', async () => {
    const wsUrl = `${proxy.url.replace('http', 'ws')}/api/v1/ws`;
    const first = await firstFrame(wsUrl, proxy.url, cookie);
    expect(first['type']).toBe('full_sync');
    await expect(firstFrame(wsUrl, 'http://evil.example', cookie)).rejects.toThrow('status 403');
  });
});
