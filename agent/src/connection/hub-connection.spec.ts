import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WebSocketServer, type WebSocket } from 'ws';
import { JsonLogger } from '../log/logger.js';
import { Backoff } from './backoff.js';
import { HubConnection } from './hub-connection.js';

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function connection(
  endpoint: string,
  opts: { caFile?: string; insecure?: boolean; deadLinkMs?: number } = {},
) {
  const frames: unknown[] = [];
  let closes = 0;
  const conn = new HubConnection({
    endpoint,
    tls: { caFile: opts.caFile, insecure: opts.insecure ?? false },
    logger: new JsonLogger('silent'),
    backoff: new Backoff(20, 100),
    deadLinkMs: opts.deadLinkMs,
    pingEveryMs: 60_000,
    handler: {
      authenticateFrame: () => '{"type":"request","action":"authenticate"}',
      onFrame: (frame) => frames.push(frame),
      onClosed: () => closes++,
    },
  });
  return { conn, frames, closes: () => closes };
}

describe('HubConnection', () => {
  it('drops a link on which the hub stays silent, and dials again', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    const sockets: WebSocket[] = [];
    server.on('connection', (ws) => sockets.push(ws)); // answers nothing, not even pongs matter: no pings sent
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    const { conn, closes } = connection(`ws://127.0.0.1:${port}/api/v1/agents/ws`, { deadLinkMs: 300 });
    try {
      conn.start();
      await waitFor(() => closes() >= 1 && sockets.length >= 2);
    } finally {
      conn.stop();
      for (const ws of sockets) ws.terminate();
      await new Promise((r) => server.close(r));
    }
  });

  describe('TLS', () => {
    let dir: string;
    let server: https.Server;
    let wss: WebSocketServer;
    let url: string;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-tls-'));
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      server = https.createServer({
        key: fs.readFileSync(path.join(dir, 'key.pem')),
        cert: fs.readFileSync(path.join(dir, 'cert.pem')),
      });
      wss = new WebSocketServer({ server });
      wss.on('connection', (ws) => ws.on('message', () => ws.send('{"type":"event","action":"hello"}')));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `wss://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/agents/ws`;
    });
    afterAll(async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise((r) => wss.close(r));
      await new Promise((r) => server.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a certificate it cannot verify', async () => {
      const { conn, frames } = connection(url);
      conn.start();
      await new Promise((r) => setTimeout(r, 400));
      conn.stop();
      expect(frames).toEqual([]);
    });

    it('verifies the hub with the configured CA file', async () => {
      const { conn, frames } = connection(url, { caFile: path.join(dir, 'cert.pem') });
      conn.start();
      try {
        await waitFor(() => frames.length > 0);
        expect(frames[0]).toEqual({ type: 'event', action: 'hello' });
      } finally {
        conn.stop();
      }
    });
  });
});
