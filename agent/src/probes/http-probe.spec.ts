import type { Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import type { PingTask, ProbeHttpOptions } from '@hivewatch/protocol';
import { closedPort, closeServer, httpServer, httpsServer, selfSigned } from './probe-servers.spec-helper.js';
import { runProbe } from './run-probe.js';

const options = (change: Partial<ProbeHttpOptions> = {}): ProbeHttpOptions => ({
  method: 'GET',
  expectedStatus: [200],
  keyword: null,
  keywordMode: 'present',
  followRedirects: true,
  maxRedirects: 5,
  headers: [],
  body: null,
  ignoreTlsErrors: false,
  ...change,
});

const http = (target: string, change: Partial<ProbeHttpOptions> = {}, timeoutMs = 3000): PingTask => ({
  id: 'h',
  probe: 'http',
  target,
  intervalSeconds: 60,
  timeoutMs,
  http: options(change),
});

describe('HTTP probe (real server on 127.0.0.1)', () => {
  let server: Server;
  let base: string;
  const seen: { url: string; method: string; header: string | undefined; body: string }[] = [];
  beforeAll(async () => {
    const started = await httpServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({
          url: req.url ?? '',
          method: req.method ?? '',
          header: req.headers['x-probe'] as string,
          body,
        });
        const url = req.url ?? '/';
        if (url === '/ok') res.end('all systems nominal');
        else if (url === '/fail') res.writeHead(503).end('down');
        else if (url === '/slow') setTimeout(() => res.end('late'), 1500).unref();
        else if (url.startsWith('/hop/')) {
          const left = Number(url.slice(5));
          res.writeHead(302, { location: left > 0 ? `/hop/${left - 1}` : '../ok' }).end();
        } else if (url === '/big') {
          res.write('x'.repeat(2 * 1024 * 1024));
          res.end('needle');
        } else res.writeHead(404).end();
      });
    });
    server = started.server;
    base = `http://127.0.0.1:${started.port}`;
  });
  afterAll(() => closeServer(server));

  it('is up on an expected status, with latency, method, headers and body sent', async () => {
    const result = await runProbe(
      http(`${base}/ok`, { method: 'POST', headers: [{ name: 'X-Probe', value: 'hw' }], body: 'ping' }),
      undefined,
    );
    expect(result).toMatchObject({ success: true, error: null, method: 'http' });
    expect(result.http).toEqual({ status: 200, redirects: 0, keywordFound: null, certificate: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(seen.at(-1)).toEqual({ url: '/ok', method: 'POST', header: 'hw', body: 'ping' });
  });

  it('is down on a wrong status or a closed port', async () => {
    expect(await runProbe(http(`${base}/fail`), undefined)).toMatchObject({
      success: false,
      error: 'status 503',
    });
    expect(await runProbe(http(`${base}/fail`, { expectedStatus: [503] }), undefined)).toMatchObject({
      success: true,
    });
    const down = await runProbe(http(`http://127.0.0.1:${await closedPort()}/`), undefined);
    expect(down).toMatchObject({ success: false, method: 'http' });
    expect(down.error).toMatch(/ECONNREFUSED/);
  });

  it('checks a keyword present or absent', async () => {
    const found = { keyword: 'nominal' };
    expect(await runProbe(http(`${base}/ok`, found), undefined)).toMatchObject({ success: true });
    expect(await runProbe(http(`${base}/ok`, { keyword: 'panic' }), undefined)).toMatchObject({
      success: false,
      error: 'keyword missing',
      http: { keywordFound: false },
    });
    expect(await runProbe(http(`${base}/ok`, { ...found, keywordMode: 'absent' }), undefined)).toMatchObject({
      success: false,
      error: 'keyword present',
    });
    // Only the first MiB is read: a keyword after it is not found.
    expect(await runProbe(http(`${base}/big`, { keyword: 'needle' }), undefined)).toMatchObject({
      http: { keywordFound: false },
    });
  });

  it('follows a redirect chain (relative Locations) up to maxRedirects', async () => {
    expect(await runProbe(http(`${base}/hop/3`), undefined)).toMatchObject({
      success: true,
      http: { status: 200, redirects: 4 },
    });
    expect(await runProbe(http(`${base}/hop/3`, { maxRedirects: 2 }), undefined)).toMatchObject({
      success: false,
      error: 'too many redirects (max 2)',
    });
    expect(await runProbe(http(`${base}/hop/0`, { followRedirects: false }), undefined)).toMatchObject({
      success: false,
      error: 'status 302',
    });
  });

  it('a slow server fails by the timeout, which covers the whole run', async () => {
    const started = Date.now();
    const result = await runProbe(http(`${base}/slow`, {}, 300), undefined);
    expect(result).toMatchObject({ success: false, error: 'timeout after 300 ms' });
    expect(Date.now() - started).toBeLessThan(1200);
  });
});

describe('HTTPS probe (self-signed certificate, 5 days left)', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const started = await httpsServer(selfSigned(5), (_req, res) => res.end('secure hello'));
    server = started.server;
    base = `https://localhost:${started.port}`;
  });
  afterAll(() => closeServer(server));

  it('reports the certificate with validTo ≈ now + 5 days and authorized false', async () => {
    const result = await runProbe(http(`${base}/`, { ignoreTlsErrors: true, keyword: 'hello' }), undefined);
    expect(result).toMatchObject({
      success: true,
      method: 'http',
      http: { status: 200, keywordFound: true },
    });
    const cert = result.http?.certificate;
    expect(cert).toMatchObject({ subject: 'CN=localhost', issuer: 'CN=localhost', authorized: false });
    expect(cert?.authorizationError).toMatch(/SELF_SIGNED/);
    expect(cert?.fingerprint256).toMatch(/^[A-F0-9]{2}(:[A-F0-9]{2}){31}$/);
    expect(Math.abs((cert?.validTo ?? 0) - (Date.now() + 5 * 86_400_000))).toBeLessThan(120_000);
  });

  it('without ignoreTlsErrors a bad chain is a failed run, certificate still reported', async () => {
    const result = await runProbe(http(`${base}/`), undefined);
    expect(result).toMatchObject({ success: false, latencyMs: null, method: 'http' });
    expect(result.error).toMatch(/^TLS: .*SELF_SIGNED/i);
    expect(result.http?.certificate?.authorized).toBe(false);
  });
});

describe('HTTPS probe against a server that never completes the handshake', () => {
  it('ends by the timeout (the run never hangs)', async () => {
    const silent = createTcpServer((socket) => socket.resume()); // reads, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const result = await runProbe(http(`https://127.0.0.1:${port}/`, {}, 300), undefined);
      expect(result).toMatchObject({ success: false, error: 'timeout after 300 ms', method: 'http' });
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
