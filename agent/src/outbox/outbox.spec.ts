import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { seedMetricsPayload } from './outbox.spec-helper.js';
import { Outbox } from './outbox.js';
import { OutboxFile } from './outbox-file.js';
import { OutboxSender, type FrameSink } from './outbox-sender.js';
import { StateFile } from '../state/state-file.js';

describe('Outbox', () => {
  let dir: string;
  const open = (retentionMs = 3_600_000, compactAfter = 64) =>
    new Outbox({
      file: new OutboxFile(path.join(dir, 'outbox.jsonl'), 'agent-1'),
      state: new StateFile(path.join(dir, 'state.json')),
      retentionMs,
      compactAfter,
    });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-outbox-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('numbers samples monotonically across restarts, and keeps unacknowledged ones on disk', () => {
    const first = open();
    for (let i = 0; i < 5; i++) first.add(seedMetricsPayload(), 1000 + i);
    first.ack(2);
    const second = open(); // a restart, without a clean flush
    expect(second.lastSeq).toBe(5);
    expect(second.after(0, 10).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    second.ack(3);
    second.flush();
    const third = open();
    expect(third.after(0, 10).map((e) => e.seq)).toEqual([4, 5]);
    expect(third.add(seedMetricsPayload(), 2000).seq).toBe(6);
    expect(JSON.parse(third.after(5, 1)[0]!.json)).toMatchObject({ seq: 6, cpuUsagePercent: 12.5 });
  });

  it('compacts the file once enough of it is acknowledged, and drops what is past retention', () => {
    const outbox = open(10_000, 4);
    for (let i = 0; i < 6; i++) outbox.add(seedMetricsPayload(), i * 1000);
    outbox.ack(5);
    const lines = fs.readFileSync(path.join(dir, 'outbox.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toEqual([
      JSON.stringify({ outbox: 2, agentId: 'agent-1' }),
      expect.stringContaining('"seq":6'),
    ]);
    outbox.add(seedMetricsPayload(), 30_000); // everything else is older than 10 s
    expect(outbox.after(0, 10).map((e) => e.seq)).toEqual([7]);
    // The state file holds the counters of the last compaction; the ring file has the newer seq.
    expect(new StateFile(path.join(dir, 'state.json')).current).toMatchObject({ seq: 6, ackedSeq: 5 });
    expect(open().lastSeq).toBe(7);
    expect(fs.statSync(path.join(dir, 'state.json')).mode & 0o777).toBe(0o600);
  });

  it('keeps samples taken before enrolling for the enrolled id, and drops those of a different id', () => {
    const file = (owner: string | null) => new OutboxFile(path.join(dir, 'outbox.jsonl'), owner);
    const state = () => new StateFile(path.join(dir, 'state.json'));
    const enrolling = new Outbox({ file: file(null), state: state(), retentionMs: 3_600_000 });
    enrolling.add(seedMetricsPayload(), 1);
    enrolling.add(seedMetricsPayload(), 2);
    enrolling.claim('server-1');
    expect(enrolling.size).toBe(2);
    const restarted = new Outbox({ file: file('server-1'), state: state(), retentionMs: 3_600_000 });
    expect(restarted.after(0, 10).map((e) => e.seq)).toEqual([1, 2]);

    const foreign: unknown[] = [];
    restarted.claim('server-2'); // the hub handed out another identity: server-1's samples are not its
    const reported = new Outbox({
      file: file('server-2'),
      state: state(),
      retentionMs: 3_600_000,
      onForeign: (f) => foreign.push(f),
    });
    expect(reported.size).toBe(0);
    expect(restarted.size).toBe(0);
    expect(foreign).toEqual([]); // the rewritten file is server-2's own (and empty)
  });

  it('skips a torn last line (power loss while appending)', () => {
    const outbox = open();
    outbox.add(seedMetricsPayload(), 1);
    fs.appendFileSync(path.join(dir, 'outbox.jsonl'), '{"seq":2,"timest');
    expect(
      open()
        .after(0, 10)
        .map((e) => e.seq),
    ).toEqual([1]);
  });
});

describe('OutboxSender', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-sender-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('re-sends the backlog oldest first with backfill:true, then goes live', async () => {
    const outbox = new Outbox({
      file: new OutboxFile(path.join(dir, 'outbox.jsonl'), 'agent-1'),
      state: new StateFile(path.join(dir, 'state.json')),
      retentionMs: 3_600_000,
    });
    const sent: { seq: number; backfill?: boolean }[] = [];
    const sink: FrameSink = {
      isOpen: true,
      bufferedAmount: 0,
      send: (text) => {
        const frame = JSON.parse(text) as { payload: { seq: number; backfill?: boolean } };
        sent.push({ seq: frame.payload.seq, backfill: frame.payload.backfill });
        return true;
      },
    };
    const sender = new OutboxSender({ outbox, sink, rate: 20 }); // 2 per 100 ms tick
    for (let i = 0; i < 5; i++) outbox.add(seedMetricsPayload(), i);
    outbox.ack(1);
    sender.connected();
    const during = outbox.add(seedMetricsPayload(), 10);
    sender.sampled(during); // queued behind the backlog, not sent out of order
    expect(sent.map((s) => s.seq)).toEqual([2, 3]);
    await new Promise((r) => setTimeout(r, 400));
    expect(sent).toEqual([2, 3, 4, 5, 6].map((seq) => ({ seq, backfill: true })));
    expect(sender.draining).toBe(false);
    sender.sampled(outbox.add(seedMetricsPayload(), 11));
    expect(sent.at(-1)).toEqual({ seq: 7, backfill: undefined });
    sender.disconnected();
  });
});
