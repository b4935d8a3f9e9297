import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { freePort, startHubProcess, type HubProcess } from '../support/hub-process.js';

jest.setTimeout(120_000);

/** Sends one raw WebSocket handshake with `target` as the request target; resolves with the status line. */
function rawUpgrade(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(5_000, () => {
      socket.destroy();
      reject(new Error(`no answer to ${target}`));
    });
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.write(
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
  });
}

const PATHS = ['/api/v1/agents/ws', '/api/v1/ws', '/api/v1/ws/metrics', '/api/v1/ws/logs'];
const MALFORMED = ['%E0%A4%A', '%', '%zz', '%C0%80', 'a%ED%A0%80b'];

describe('hostile WebSocket upgrades against the real hub process', () => {
  let hub: HubProcess;
  beforeAll(async () => (hub = await startHubProcess()));
  afterAll(async () => hub.stop());

  it('answers malformed percent-encodings on every upgrade path with 400 and keeps serving', async () => {
    for (const base of PATHS) {
      for (const bad of MALFORMED) {
        expect([`${base}/${bad}`, await rawUpgrade(hub.port, `${base}/${bad}`)]).toEqual([
          `${base}/${bad}`,
          expect.stringMatching(/^HTTP\/1\.1 (400|404) /),
        ]);
      }
    }
    // The exact request: a path that belongs to a route, with a truncated escape.
    expect(await rawUpgrade(hub.port, '/api/v1/ws/metrics/%E0%A4%A')).toBe('HTTP/1.1 400 Bad Request');
    expect(await rawUpgrade(hub.port, '/api/v1/ws/logs/%E0%A4%A')).toBe('HTTP/1.1 400 Bad Request');
    expect(hub.alive()).toBe(true);
    expect((await fetch(`${hub.url}/api/v1/health`)).status).toBe(200);
  });

  it('answers request targets no URL parser accepts with 400 and keeps serving', async () => {
    for (const target of ['//[', '//', '//[::1', '*', 'http://[', '/api/v1/ws?%', `/${'a'.repeat(6000)}`]) {
      expect([target.slice(0, 40), await rawUpgrade(hub.port, target)]).toEqual([
        target.slice(0, 40),
        expect.stringMatching(/^HTTP\/1\.1 (400|401|403|404|431) /),
      ]);
    }
    expect(await rawUpgrade(hub.port, '//[')).toBe('HTTP/1.1 400 Bad Request');
    expect(hub.alive()).toBe(true);
    expect((await fetch(`${hub.url}/api/v1/health`)).status).toBe(200);
  });
});

/**
 * The last net under every handler: a failure that escapes a request or upgrade handler (a rejected
 * promise nobody awaits, an exception thrown from a callback) is logged and the process keeps serving.
 * A small server with the hub's own guards (dist/) and handlers that fail on purpose.
 */
describe('process guards', () => {
  it('a failure injected into a request and an upgrade handler does not end the process', async () => {
    const port = await freePort();
    const guards = path.resolve('dist/src/common/process/process-guards.js');
    const script = `
      import http from 'node:http';
      import { installProcessGuards, processFaults } from ${JSON.stringify(guards)};
      installProcessGuards({ error: (ctx, msg) => process.stdout.write('logged: ' + msg + ' ' + String(ctx.err?.message) + '\\n') });
      const server = http.createServer((req, res) => {
        if (req.url === '/reject') { void Promise.reject(new Error('injected rejection')); }
        if (req.url === '/throw') { setImmediate(() => { throw new Error('injected exception'); }); }
        res.end(JSON.stringify(processFaults));
      });
      server.on('upgrade', (req, socket) => {
        void (async () => { throw new Error('injected upgrade failure'); })();
        socket.end('HTTP/1.1 400 Bad Request\\r\\n\\r\\n');
      });
      server.listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    try {
      for (let i = 0; i < 100 && !out.includes('ready'); i++) await new Promise((r) => setTimeout(r, 50));
      const url = `http://127.0.0.1:${port}`;
      await fetch(`${url}/reject`);
      await fetch(`${url}/throw`);
      await rawUpgrade(port, '/any');
      await new Promise((r) => setTimeout(r, 200));
      const faults = (await (await fetch(`${url}/`)).json()) as Record<string, number>;
      expect(faults).toEqual({ unhandledRejections: 2, uncaughtExceptions: 1 });
      expect(child.exitCode).toBeNull();
      expect(out).toContain('injected rejection');
      expect(out).toContain('injected exception');
      expect(out).toContain('injected upgrade failure');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
