import { describe, expect, it } from '@jest/globals';
import { LineSplitter, LogDemuxer, splitTimestamp } from './log-demux.js';
import { frame } from './log-frames.spec-helper.js';

describe('Docker log demultiplexing', () => {
  it('splits frames into stdout and stderr, across and within chunks', () => {
    const all = Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err 1\n'), frame(1, 'out 2\n')]);
    const demux = new LogDemuxer();
    const got: string[] = [];
    // Byte by byte: headers and bodies split everywhere.
    for (let i = 0; i < all.length; i += 1)
      for (const chunk of demux.push(all.subarray(i, i + 1)))
        got.push(`${chunk.stream}:${chunk.data.toString()}`);
    const whole = new LogDemuxer().push(all).map((c) => `${c.stream}:${c.data.toString()}`);
    expect(whole).toEqual(['stdout:out 1\n', 'stderr:err 1\n', 'stdout:out 2\n']);
    expect(got).toEqual(whole);
    expect(demux.pending).toBe(0);
  });

  it('holds an incomplete frame back', () => {
    const demux = new LogDemuxer();
    const data = frame(2, 'hello\n');
    expect(demux.push(data.subarray(0, 10))).toEqual([]);
    expect(demux.pending).toBe(10);
    expect(demux.push(data.subarray(10)).map((c) => c.data.toString())).toEqual(['hello\n']);
  });

  it('cuts lines, strips \\r, marks and skips what is too long', () => {
    const splitter = new LineSplitter(8);
    const lines = [
      ...splitter.push(Buffer.from('short\r\nabcdefghijkl')),
      ...splitter.push(Buffer.from('mnop\nnext\npart')),
      ...splitter.flush(),
    ].map((l) => `${l.text.toString()}${l.truncated ? '…' : ''}`);
    expect(lines).toEqual(['short', 'abcdefgh…', 'next', 'part']);
  });

  it('reads the engine timestamp prefix to milliseconds', () => {
    expect(splitTimestamp('2026-12-04T18:37:15.050589548Z hello world')).toEqual({
      at: Date.UTC(2026, 11, 4, 18, 37, 15, 50),
      line: 'hello world',
    });
    expect(splitTimestamp('no timestamp')).toEqual({ at: null, line: 'no timestamp' });
  });
});
