import { afterEach, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import net from 'node:net';
import type { Response } from 'express';
import { SseWriter } from './sse-writer.js';

const big = 'x'.repeat(64 * 1024);

describe('SseWriter (real sockets)', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const serve = (onWriter: (w: SseWriter, closed: Promise<void>) => void) =>
    new Promise<number>((resolve) => {
      server = http.createServer((_req, res) => {
        let closed: () => void = () => undefined;
        const done = new Promise<void>((r) => (closed = r));
        const writer = new SseWriter(res as unknown as Response, {
          heartbeatMs: 50,
          maxBufferedBytes: 1024 * 1024,
          onClose: closed,
        });
        onWriter(writer, done);
      });
      server.listen(0, '127.0.0.1', () => resolve((server?.address() as net.AddressInfo).port));
    });

  it('drops a follower that does not read instead of buffering without end', async () => {
    let result: { sent: number; closed: boolean } | undefined;
    const port = await serve((writer, closed) => {
      let sent = 0;
      const pump = () => {
        while (!writer.isClosed && sent < 1000) {
          writer.send({ type: 'output', targetId: 't', stream: 'stdout', data: big });
          sent++;
          if (sent % 8 === 0) return void setImmediate(pump);
        }
        result = { sent, closed: writer.isClosed };
      };
      pump();
      void closed;
    });
    const socket = net.connect(port, '127.0.0.1');
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    socket.pause(); // never reads
    for (let i = 0; i < 200 && result === undefined; i++) await new Promise((r) => setTimeout(r, 25));
    socket.destroy();
    expect(result?.closed).toBe(true);
    expect(result?.sent).toBeLessThan(1000); // 64 MiB were never queued
  });

  it('sends data messages and heartbeat comments to a follower that reads', async () => {
    const port = await serve((writer) => {
      writer.send({ type: 'output', targetId: 't', stream: 'stderr', data: 'é\n' });
      setTimeout(() => writer.end(), 120);
    });
    const body = await new Promise<{ type: string; text: string }>((resolve) => {
      http.get(`http://127.0.0.1:${port}/`, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ type: String(res.headers['content-type']), text }));
      });
    });
    expect(body.type).toMatch(/^text\/event-stream/);
    expect(body.text).toContain('data: {"type":"output","targetId":"t","stream":"stderr","data":"é\\n"}\n\n');
    expect(body.text).toContain(': heartbeat\n\n');
  });
});
