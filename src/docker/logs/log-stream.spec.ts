import { afterEach, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import net from 'node:net';
import type { DockerLogPayload } from '@hivewatch/protocol';
import type { Response } from 'express';
import { logEventsOf } from './log-events.js';
import { LogStream } from './log-stream.js';
import { LogStreamQuota, TOO_MANY_FOR_SERVER, TOO_MANY_FOR_USER } from './log-stream-quota.js';

const line = (stream: 'stdout' | 'stderr', text: string) => ({ stream, line: text, at: 1 });
const batch = (over: Partial<DockerLogPayload> = {}): DockerLogPayload => ({
  streamId: 's1',
  entries: [line('stdout', 'out'), line('stderr', 'err')],
  ...over,
});

describe('logEventsOf', () => {
  it('turns a batch into dropped, lines and end, in that order', () => {
    expect(logEventsOf(batch({ droppedBytes: 10, ended: true, reason: 'container exited' }))).toEqual([
      { type: 'dropped', bytes: 10 },
      { type: 'lines', entries: [line('stdout', 'out'), line('stderr', 'err')] },
      { type: 'end', reason: 'container exited' },
    ]);
    expect(logEventsOf(batch({ entries: [], droppedBytes: 0 }))).toEqual([]);
    expect(logEventsOf(batch({ entries: [], ended: true }))).toEqual([
      { type: 'end', reason: 'the stream ended on the host' },
    ]);
  });
});

describe('LogStreamQuota', () => {
  it('caps streams per user and per server, and gives slots back', () => {
    const q = new LogStreamQuota(2, 3);
    expect(q.take('u1', 'a')).toEqual({ ok: true });
    expect(q.take('u1', 'b')).toEqual({ ok: true });
    expect(q.take('u1', 'a')).toEqual({ ok: false, message: TOO_MANY_FOR_USER });
    expect(q.take('u2', 'a')).toEqual({ ok: true });
    expect(q.take('u3', 'a')).toEqual({ ok: true });
    expect(q.take('u4', 'a')).toEqual({ ok: false, message: TOO_MANY_FOR_SERVER });
    q.release('u1', 'a');
    expect(q.forUser('u1')).toBe(1);
    expect(q.forServer('a')).toBe(2);
    expect(q.take('u4', 'a')).toEqual({ ok: true });
  });
});

describe('LogStream (real sockets)', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const hooks = () => {
    const calls = { stops: 0, done: 0 };
    return { calls, hooks: { stopOnHost: () => calls.stops++, done: () => calls.done++ } };
  };
  const serve = (onResponse: (res: Response) => void) =>
    new Promise<number>((resolve) => {
      server = http.createServer((_req, res) => onResponse(res as unknown as Response));
      server.listen(0, '127.0.0.1', () => resolve((server?.address() as net.AddressInfo).port));
    });
  const read = (port: number) =>
    new Promise<string>((resolve) => {
      http.get(`http://127.0.0.1:${port}/`, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      });
    });
  const options = { heartbeatMs: 10_000, maxBufferedBytes: 1024 * 1024 };

  it('keeps lines that come before the start is confirmed, then relays them and ends with the host', async () => {
    const { calls, hooks: h } = hooks();
    const stream = new LogStream('srv', 's1', 'u', h);
    stream.agent(batch());
    const port = await serve((res) => {
      stream.markStarted();
      stream.attach(res, options);
      stream.agent(batch({ entries: [line('stdout', 'out2')], ended: true, reason: 'container exited' }));
    });
    const events = (await read(port))
      .split('\n\n')
      .filter((m) => m.startsWith('data: '))
      .map((m) => JSON.parse(m.slice(6)) as unknown);
    expect(events).toEqual([
      { type: 'lines', entries: [line('stdout', 'out'), line('stderr', 'err')] },
      { type: 'lines', entries: [line('stdout', 'out2')] },
      { type: 'end', reason: 'container exited' },
    ]);
    expect(calls).toEqual({ stops: 0, done: 1 }); // the host ended it: nothing to stop
  });

  it("stops the host's stream when the follower disconnects", async () => {
    const { calls, hooks: h } = hooks();
    const stream = new LogStream('srv', 's1', 'u', h);
    let attached: () => void = () => undefined;
    const ready = new Promise<void>((r) => (attached = r));
    const port = await serve((res) => {
      stream.markStarted();
      stream.attach(res, options);
      attached();
    });
    const req = http.get(`http://127.0.0.1:${port}/`);
    req.on('error', () => undefined);
    await ready;
    req.destroy();
    for (let i = 0; i < 100 && calls.done === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual({ stops: 1, done: 1 });
    expect(stream.isClosed).toBe(true);
  });

  it('drops a follower that stops reading at about 1 MiB buffered, and stops the host', async () => {
    const { calls, hooks: h } = hooks();
    const stream = new LogStream('srv', 's1', 'u', h);
    let pumped = 0;
    const port = await serve((res) => {
      stream.markStarted();
      stream.attach(res, options);
      const big = [line('stdout', 'x'.repeat(16 * 1024))];
      const pump = () => {
        for (let i = 0; i < 8 && !stream.isClosed && pumped < 2000; i++, pumped++)
          stream.agent(batch({ entries: big }));
        if (!stream.isClosed && pumped < 2000) setImmediate(pump);
      };
      pump();
    });
    const socket = net.connect(port, '127.0.0.1');
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    socket.pause();
    for (let i = 0; i < 200 && calls.done === 0; i++) await new Promise((r) => setTimeout(r, 25));
    socket.destroy();
    expect(calls).toEqual({ stops: 1, done: 1 });
    expect(pumped).toBeLessThan(2000); // 32 MiB were never queued
  });

  it('a follower gone before the start was confirmed: the stop waits for the start', () => {
    const { calls, hooks: h } = hooks();
    const stream = new LogStream('srv', 's1', 'u', h);
    stream.abandon();
    expect(calls).toEqual({ stops: 0, done: 1 });
    stream.markStarted();
    expect(calls).toEqual({ stops: 1, done: 1 });
  });

  it('the hub ending it (agent gone) sends end and no stop', async () => {
    const { calls, hooks: h } = hooks();
    const stream = new LogStream('srv', 's1', 'u', h);
    const port = await serve((res) => {
      stream.markStarted();
      stream.attach(res, options);
      stream.end('the agent disconnected', true);
    });
    expect(await read(port)).toContain('data: {"type":"end","reason":"the agent disconnected"}');
    expect(calls).toEqual({ stops: 0, done: 1 });
  });
});
