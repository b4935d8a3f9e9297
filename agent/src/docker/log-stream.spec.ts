import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { DOCKER_LOG_BATCH_MAX, type DockerLogPayload } from '@hivewatch/protocol';
import { DockerLogStream } from './log-stream.js';
import { frame } from './log-frames.spec-helper.js';

describe('Docker log stream', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('batches lines every 100 ms, marks stdout/stderr and ends with a reason', () => {
    jest.useFakeTimers();
    const sent: DockerLogPayload[] = [];
    let ended = 0;
    const stream = new DockerLogStream({
      streamId: 's1',
      tty: false,
      follow: true,
      send: (p) => sent.push(p),
      onEnd: () => (ended += 1),
    });
    const source = new PassThrough();
    stream.attach(source);
    source.write(frame(1, '2026-12-04T18:00:00.000000001Z out\n'));
    source.write(frame(2, '2026-12-04T18:00:00.5Z err\n'));
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(100);
    expect(sent).toEqual([
      {
        streamId: 's1',
        entries: [
          { stream: 'stdout', line: 'out', at: Date.UTC(2026, 11, 4, 18) },
          { stream: 'stderr', line: 'err', at: Date.UTC(2026, 11, 4, 18, 0, 0, 500) },
        ],
      },
    ]);
    source.emit('end');
    expect(sent[1]).toEqual({ streamId: 's1', entries: [], ended: true, reason: 'the container stopped' });
    expect(ended).toBe(1);
  });

  it('caps bytes per second and counts what it dropped; a TTY stream is all stdout', () => {
    let now = 0;
    const sent: DockerLogPayload[] = [];
    const stream = new DockerLogStream({
      streamId: 's2',
      tty: true,
      follow: false,
      send: (p) => sent.push(p),
      onEnd: () => undefined,
      bytesPerSecond: 10,
      now: () => now,
    });
    now = 5000;
    stream.attach(Buffer.from('12345\r\n678901\nabc\n'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      entries: [{ stream: 'stdout', line: '12345', at: null }, { line: 'abc' }],
      droppedBytes: 6,
      ended: true,
      reason: 'end of the log',
    });
  });

  it(`sends a full batch at ${DOCKER_LOG_BATCH_MAX} lines and stops silently when the hub is gone`, () => {
    const sent: DockerLogPayload[] = [];
    const stream = new DockerLogStream({
      streamId: 's3',
      tty: true,
      follow: true,
      send: (p) => sent.push(p),
      onEnd: () => undefined,
    });
    const source = new PassThrough();
    stream.attach(source);
    source.write('x\n'.repeat(DOCKER_LOG_BATCH_MAX + 1));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.entries).toHaveLength(DOCKER_LOG_BATCH_MAX);
    stream.stop('the hub connection closed', true);
    expect(sent).toHaveLength(1);
    expect(source.destroyed).toBe(true);
    expect(stream.ended).toBe(true);
  });
});
