import { describe, expect, it } from '@jest/globals';
import type { CommandRunEvent } from '@hivewatch/protocol';
import { CommandRunFeed } from './command-run-feed.js';
import type { CommandRunReader } from './command-run-reader.js';

const run = { id: 'r', state: 'running', counts: {} };
const reader = (state: { run: string }) =>
  ({
    detail: () => Promise.resolve({ ...run, state: state.run, results: [] }),
    run: () => Promise.resolve({ ...run, state: state.run }),
    target: (id: string) => Promise.resolve({ id, state: 'ok' }),
  }) as unknown as CommandRunReader;
const flush = () => new Promise((r) => setTimeout(r, 20));

describe('CommandRunFeed', () => {
  it('keeps a UTF-8 character split across chunks whole, per target and stream, after the snapshot', async () => {
    const state = { run: 'running' };
    const feed = new CommandRunFeed(reader(state));
    const seen: CommandRunEvent[] = [];
    let ended = false;
    feed.subscribe('r', { send: (e) => seen.push(e), end: () => (ended = true) });
    const euro = Buffer.from('€'); // 3 bytes
    feed.output('r', 't1', 'stdout', euro.subarray(0, 2));
    feed.output('r', 't1', 'stderr', Buffer.from('e'));
    feed.output('r', 't1', 'stdout', euro.subarray(2));
    feed.output('r', 't2', 'stdout', Buffer.from([0xc3]));
    feed.target('r', 't2', true); // an incomplete sequence at the end is flushed as U+FFFD
    await flush();
    state.run = 'done';
    feed.run('r');
    await flush();
    expect(seen.map((e) => e.type)).toEqual([
      'snapshot',
      'output',
      'output',
      'output',
      'target',
      'run',
      'run',
    ]);
    const outputs = seen.filter((e) => e.type === 'output');
    expect(outputs).toEqual([
      { type: 'output', targetId: 't1', stream: 'stderr', data: 'e' },
      { type: 'output', targetId: 't1', stream: 'stdout', data: '€' },
      { type: 'output', targetId: 't2', stream: 'stdout', data: '\ufffd' },
    ]);
    expect(ended).toBe(true);
    expect(feed.followers('r')).toBe(0);
  });

  it('replays what running targets printed to a late follower, and ends at once on a final run', async () => {
    const state = { run: 'running' };
    const feed = new CommandRunFeed(reader(state));
    feed.output('r', 't1', 'stdout', Buffer.from('1\n'));
    feed.output('r', 't1', 'stdout', Buffer.from('2\n'));
    const seen: CommandRunEvent[] = [];
    feed.subscribe('r', { send: (e) => seen.push(e), end: () => undefined });
    await flush();
    expect(seen).toEqual([
      expect.objectContaining({ type: 'snapshot' }),
      { type: 'output', targetId: 't1', stream: 'stdout', data: '1\n2\n' },
    ]);
    state.run = 'done';
    const late: string[] = [];
    let ended = false;
    feed.subscribe('r', { send: (e) => late.push(e.type), end: () => (ended = true) });
    await flush();
    expect([late, ended]).toEqual([['snapshot'], true]);
  });
});
