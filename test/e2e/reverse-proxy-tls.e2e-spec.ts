import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import WebSocket from 'ws';
import { docBlocks } from '../support/doc-blocks.js';
import { eventually } from '../support/agents/fixtures.js';
import { freePort, HUB_PROCESS_ADMIN, startHubProcess, type HubProcess } from '../support/hub-process.js';

jest.setTimeout(120_000);

/**
 * docs/reverse-proxy.md's nginx and Caddy blocks, with TLS, in front of a real hub. The blocks run as
 * a user pastes them; the only test-only substitutions are the documented placeholders: the hub's
 * port (8080), the public port (443/80, free ports on 127.0.0.1 here) and nginx's certificate paths
 * (a certificate for hub.example.com that openssl makes in the test). Clients resolve hub.example.com
 * to 127.0.0.1 themselves and verify the proxy's certificate against the test's CA: no DNS, no traffic
 * off loopback. Caddy runs with a test-only global options block: its internal CA instead of ACME
 * (`local_certs`), no admin endpoint, storage and XDG folders in the test's temporary folder.
 */
const DOC = 'docs/reverse-proxy.md';
const HOST = 'hub.example.com';
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
const CADDY = ['/usr/bin/caddy', '/usr/local/bin/caddy'].find((p) => fs.existsSync(p));
const describeIf = (found: string | undefined) => (found || process.env.CI ? describe : describe.skip);

const toLoopback: LookupFunction = (hostname, options, callback) => {
  if (hostname !== HOST) throw new Error(`unexpected lookup of ${hostname}`);
  if (options.all)
    (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ]);
  else callback(null, '127.0.0.1', 4);
};

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request to https://hub.example.com:<port>, verified against `ca`. */
function httpsRequest(
  base: string,
  ca: string,
  method: string,
  urlPath: string,
  opts: { cookie?: string; json?: unknown } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = opts.json === undefined ? undefined : JSON.stringify(opts.json);
    const req = https.request(
      `${base}${urlPath}`,
      {
        method,
        ca,
        lookup: toLoopback,
        headers: {
          Origin: base,
          ...(opts.cookie ? { Cookie: opts.cookie } : {}),
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The first frame of a WebSocket opened with these headers; rejects with the HTTP status of a refusal. */
function firstFrame(
  url: string,
  ca: string,
  headers: Record<string, string>,
  send?: unknown,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, ca, lookup: toLoopback });
    if (send !== undefined) ws.once('open', () => ws.send(JSON.stringify(send)));
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

interface Proxy {
  dir: string;
  child: ChildProcess;
  output(): string;
}

function spawnProxy(dir: string, command: string, args: string[], env: NodeJS.ProcessEnv): Proxy {
  const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { dir, child, output: () => output };
}

async function stopProxy(proxy: Proxy | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!proxy) return;
  const { child } = proxy;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(proxy.dir, { recursive: true, force: true });
}

/** The checks every documented proxy must pass over HTTPS. */
function checksThrough(ctx: () => { base: string; ca: string }): void {
  let cookie = '';
  beforeAll(async () => {
    const { base, ca } = ctx();
    const login = await httpsRequest(base, ca, 'POST', '/api/v1/auth/login', { json: HUB_PROCESS_ADMIN });
    expect(login.status).toBe(200);
    const setCookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
    const session = setCookie.find((c) => c.startsWith('hw_session='));
    expect(session).toMatch(/; *Secure/i); // the public URL is https: Secure cookies
    cookie = session!.split(';')[0]!;
  });

  it("runs the doc's curl health check through the proxy (its CA and 127.0.0.1 given to curl)", () => {
    const { base, ca } = ctx();
    const [check] = docBlocks(DOC, 'sh', 'Checking it');
    const documented = `curl -fsS https://${HOST}/api/v1/health`;
    if (check?.trim() !== documented)
      throw new Error(`${DOC}: the health check is no longer "${documented}"`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-curl-'));
    try {
      fs.writeFileSync(path.join(dir, 'ca.pem'), ca);
      const port = new URL(base).port;
      const line = check
        .trim()
        .replace('curl ', `curl --resolve ${HOST}:${port}:127.0.0.1 `)
        .replace(`https://${HOST}/`, `${base}/`);
      const out = execFileSync('bash', ['-c', line], {
        env: { PATH: process.env.PATH, CURL_CA_BUNDLE: path.join(dir, 'ca.pem') },
        encoding: 'utf8',
      });
      expect(JSON.parse(out)).toMatchObject({ status: 'ok' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers the REST API over HTTPS; the install script names the public URL', async () => {
    const { base, ca } = ctx();
    const created = await httpsRequest(base, ca, 'POST', '/api/v1/servers', {
      cookie,
      json: { name: 'behind-tls' },
    });
    expect(created.status).toBe(201);
    const list = await httpsRequest(base, ca, 'GET', '/api/v1/servers', { cookie });
    expect(list.body).toContain((JSON.parse(created.body) as { server: { id: string } }).server.id);
    const script = await httpsRequest(base, ca, 'GET', '/install-agent.sh');
    expect(script.status).toBe(200);
    expect(script.body).toContain(base);
  });

  it('carries an agent WebSocket (wss): the agent authenticates and its sample reaches the REST API', async () => {
    const { base, ca } = ctx();
    const created = await httpsRequest(base, ca, 'POST', '/api/v1/servers', {
      cookie,
      json: { name: 'tls-agent' },
    });
    const { server, token } = JSON.parse(created.body) as { server: { id: string }; token: string };
    const ws = new WebSocket(`${base.replace('https', 'wss')}/api/v1/agents/ws`, { ca, lookup: toLoopback });
    const frames: Record<string, unknown>[] = [];
    ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString('utf8')) as Record<string, unknown>));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ type: 'auth', api_key: token }));
    await eventually(() => frames.find((f) => f['type'] === 'auth_success'), 10_000);
    ws.send(
      JSON.stringify({
        type: 'metrics',
        cpu_percent: 37,
        memory_percent: 50,
        timestamp: new Date().toISOString(),
      }),
    );
    const live = await eventually(async () => {
      const res = await httpsRequest(base, ca, 'GET', `/api/v1/servers/${server.id}/live`, { cookie });
      return res.status === 200 ? res.body : null;
    }, 10_000);
    expect(live).toContain('37');
    ws.close();
  });

  it('carries the console stream with the Origin of the public URL, and refuses a foreign one', async () => {
    const { base, ca } = ctx();
    const url = `${base.replace('https', 'wss')}/api/v1/ws`;
    expect((await firstFrame(url, ca, { Origin: base, Cookie: cookie }))['type']).toBe('full_sync');
    await expect(firstFrame(url, ca, { Origin: 'https://evil.example', Cookie: cookie })).rejects.toThrow(
      'status 403',
    );
  });
}

/**
 * The settings of the doc's "Hub settings" line (`VAR=value … npm start`), the public URL with the
 * proxy's port added (the placeholder hub.example.com keeps its name), for the built hub that
 * `npm start` runs (test/e2e/npm-start.e2e-spec.ts runs `npm start` itself).
 */
function documentedHubSettings(publicPort: number): Record<string, string> {
  const [line] = docBlocks(DOC, 'sh', 'Hub settings');
  const words = line?.trim().split(/\s+/) ?? [];
  if (words.slice(-2).join(' ') !== 'npm start')
    throw new Error(`${DOC}: "Hub settings" no longer runs npm start`);
  const settings = Object.fromEntries(words.slice(0, -2).map((w) => w.split('=') as [string, string]));
  expect(settings).toEqual({
    HIVEWATCH_HOST: '127.0.0.1',
    HIVEWATCH_PUBLIC_URL: `https://${HOST}`,
    HIVEWATCH_TRUST_PROXY: 'true',
  });
  return { ...settings, HIVEWATCH_PUBLIC_URL: `https://${HOST}:${publicPort}` };
}

/** A certificate for hub.example.com signed by a CA made here, both with openssl. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const f = (n: string) => path.join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=Hivewatch test CA',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
  );
  ssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    `/CN=${HOST}`,
    '-keyout',
    f('privkey.pem'),
    '-out',
    f('hub.csr'),
  );
  fs.writeFileSync(f('ext.cnf'), `subjectAltName=DNS:${HOST}\n`);
  ssl(
    'x509',
    '-req',
    '-in',
    f('hub.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    f('ext.cnf'),
    '-out',
    f('fullchain.pem'),
  );
  return { ca: f('ca.pem'), cert: f('fullchain.pem'), key: f('privkey.pem') };
}

describeIf(NGINX)('the documented nginx configuration with TLS', () => {
  let hub: HubProcess;
  let proxy: Proxy | undefined;
  let dir = '';
  let base = '';
  let ca = '';
  let httpPort = 0;

  beforeAll(async () => {
    if (!NGINX) throw new Error('nginx is required in CI (apt-get install nginx)');
    const [tlsBlock, redirectBlock] = docBlocks(DOC, 'nginx');
    if (!tlsBlock || !redirectBlock) throw new Error(`${DOC} no longer has its two nginx blocks`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-nginx-tls-'));
    const certs = makeCertificates(dir);
    ca = fs.readFileSync(certs.ca, 'utf8');
    const port = await freePort();
    httpPort = await freePort();
    base = `https://${HOST}:${port}`;
    hub = await startHubProcess(documentedHubSettings(port));
    const substitute = (block: string, pairs: [string, string][]) =>
      pairs.reduce((text, [from, to]) => {
        if (!text.includes(from)) throw new Error(`${DOC}: an nginx block no longer has "${from}"`);
        return text.replaceAll(from, to);
      }, block);
    const site = substitute(tlsBlock, [
      ['server 127.0.0.1:8080;', `server 127.0.0.1:${hub.port};`],
      ['listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`],
      [`/etc/letsencrypt/live/${HOST}/fullchain.pem`, certs.cert],
      [`/etc/letsencrypt/live/${HOST}/privkey.pem`, certs.key],
    ]);
    const redirect = substitute(redirectBlock, [['listen 80;', `listen 127.0.0.1:${httpPort};`]]);
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
        site,
        redirect,
        '}',
      ].join('\n'),
    );
    execFileSync(NGINX, ['-t', '-p', dir, '-c', conf], { stdio: 'pipe' });
    proxy = spawnProxy(dir, NGINX, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { PATH: process.env.PATH });
    await eventually(async () => {
      if (proxy!.child.exitCode !== null) throw new Error(`nginx exited:\n${proxy!.output()}`);
      return (await httpsRequest(base, ca, 'GET', '/api/v1/health').catch(() => null))?.status === 200;
    }, 15_000);
  });

  afterAll(async () => {
    await hub?.stop();
    await stopProxy(proxy, 'SIGQUIT');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  checksThrough(() => ({ base, ca }));

  it('sends plain HTTP to HTTPS (the second block)', async () => {
    // Host as a browser sends it for http://hub.example.com/… (fetch would not let the test set it).
    const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(
          { host: '127.0.0.1', port: httpPort, path: '/api/v1/health?x=1', headers: { Host: HOST } },
          resolve,
        )
        .on('error', reject),
    );
    res.resume();
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`https://${HOST}/api/v1/health?x=1`);
  });
});

describeIf(CADDY)('the documented Caddyfile (Caddy with its internal CA instead of ACME)', () => {
  let hub: HubProcess;
  let proxy: Proxy | undefined;
  let dir = '';
  let base = '';
  let ca = '';

  beforeAll(async () => {
    if (!CADDY) throw new Error('caddy is required in CI (apt-get install caddy)');
    const [block] = docBlocks(DOC, 'caddyfile');
    if (!block?.includes('reverse_proxy 127.0.0.1:8080') || !block.startsWith(`${HOST} {`))
      throw new Error(`${DOC}: the Caddyfile block no longer has the expected shape`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-caddy-'));
    const port = await freePort();
    base = `https://${HOST}:${port}`;
    hub = await startHubProcess(documentedHubSettings(port));
    const global = [
      '{',
      '\tadmin off',
      '\tlocal_certs',
      '\tskip_install_trust',
      '\tdefault_bind 127.0.0.1',
      `\thttp_port ${await freePort()}`,
      `\thttps_port ${port}`,
      `\tstorage file_system ${dir}/data`,
      '\tservers {',
      '\t\tprotocols h1 h2',
      '\t}',
      '}',
    ].join('\n');
    const caddyfile = path.join(dir, 'Caddyfile');
    fs.writeFileSync(caddyfile, `${global}\n${block.replace('127.0.0.1:8080', `127.0.0.1:${hub.port}`)}`);
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      XDG_DATA_HOME: `${dir}/xdg-data`,
      XDG_CONFIG_HOME: `${dir}/xdg-config`,
    };
    proxy = spawnProxy(dir, CADDY, ['run', '--adapter', 'caddyfile', '--config', caddyfile], env);
    const root = path.join(dir, 'data/pki/authorities/local/root.crt');
    await eventually(async () => {
      if (proxy!.child.exitCode !== null) throw new Error(`caddy exited:\n${proxy!.output()}`);
      if (!fs.existsSync(root)) return false;
      ca = fs.readFileSync(root, 'utf8');
      return (await httpsRequest(base, ca, 'GET', '/api/v1/health').catch(() => null))?.status === 200;
    }, 20_000);
  });

  afterAll(async () => {
    await hub?.stop();
    await stopProxy(proxy, 'SIGTERM');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  checksThrough(() => ({ base, ca }));

  it('used its internal CA only: no ACME issuer in its log', () => {
    expect(proxy!.output()).not.toMatch(/acme|letsencrypt|zerossl/i);
  });
});
