import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AsciicastWriter } from './asciicast-writer.js';

const header = { width: 80, height: 24, timestamp: 1_800_000_000, title: 'ops@web-1' };

async function file(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'cast-')), 't_1.cast');
}

async function lines(p: string): Promise<unknown[]> {
  const text = await readFile(p, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
}

describe('AsciicastWriter', () => {
  it('writes an asciicast v2 header, output and resize events in order, mode 0600', async () => {
    const p = await file();
    const w = await AsciicastWriter.create(p, header);
    w.output(Buffer.from('$ echo hi\r\n'));
    w.resize(120, 40);
    w.output(Buffer.from('hi\r\n'));
    const result = await w.close();
    const [head, ...events] = await lines(p);
    expect(head).toEqual({ version: 2, ...header });
    expect(events.map((e) => (e as unknown[]).slice(1))).toEqual([
      ['o', '$ echo hi\r\n'],
      ['r', '120x40'],
      ['o', 'hi\r\n'],
    ]);
    const times = events.map((e) => (e as [number])[0]);
    for (const t of times) expect(t).toBeGreaterThanOrEqual(0);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect((await stat(p)).mode & 0o777).toBe(0o600);
    expect(result).toEqual({ bytes: (await stat(p)).size, truncated: false, failed: false });
  });

  it('keeps a UTF-8 character split across chunks whole', async () => {
    const p = await file();
    const w = await AsciicastWriter.create(p, header);
    const text = Buffer.from('héllo ✓ 🐝');
    // Split inside é (2 bytes), inside ✓ (3 bytes) and inside the bee (4 bytes).
    for (const [a, b] of [
      [0, 2],
      [2, 8],
      [8, 11],
      [11, 13],
      [13, text.length],
    ])
      w.output(text.subarray(a, b));
    await w.close();
    const events = (await lines(p)).slice(1) as [number, string, string][];
    const joined = events.map((e) => e[2]).join('');
    expect(joined).toBe('héllo ✓ 🐝');
    expect(joined).not.toContain('\uFFFD');
  });

  it('flushes a dangling partial character at close as a replacement, not lost silently', async () => {
    const p = await file();
    const w = await AsciicastWriter.create(p, header);
    w.output(Buffer.from([0x61, 0xe2, 0x9c]));
    await w.close();
    const events = (await lines(p)).slice(1) as [number, string, string][];
    expect(events.map((e) => e[2]).join('')).toBe('a\uFFFD');
  });

  it('stops at the cap with a final marker event and never exceeds it', async () => {
    const p = await file();
    const cap = 4096;
    const w = await AsciicastWriter.create(p, header, cap);
    for (let i = 0; i < 200; i++) w.output(Buffer.from(`line ${i} `.padEnd(40, 'y') + '\r\n'));
    w.resize(100, 30);
    const result = await w.close();
    const size = (await stat(p)).size;
    expect(size).toBeLessThanOrEqual(cap);
    expect(result).toEqual({ bytes: size, truncated: true, failed: false });
    const events = (await lines(p)).slice(1) as [number, string, string][];
    const last = events[events.length - 1]!;
    expect(last[1]).toBe('m');
    expect(last[2]).toContain('recording stopped');
    expect(events.filter((e) => e[1] === 'm')).toHaveLength(1);
    expect(events.filter((e) => e[1] === 'r')).toHaveLength(0);
    // What was kept is the beginning, in order.
    const kept = events.filter((e) => e[1] === 'o').map((e) => e[2]);
    kept.forEach((text, i) => expect(text.startsWith(`line ${i} `)).toBe(true));
    expect(kept.length).toBeGreaterThan(50);
  });

  it('never overwrites an existing file', async () => {
    const p = await file();
    await (await AsciicastWriter.create(p, header)).close();
    await expect(AsciicastWriter.create(p, header)).rejects.toThrow(/EEXIST/);
  });

  it('returns at once while the disk is behind, and writes everything by close', async () => {
    const p = await file();
    const w = await AsciicastWriter.create(p, header);
    const chunk = Buffer.alloc(16 * 1024, 'y');
    const t0 = performance.now();
    for (let i = 0; i < 256; i++) w.output(chunk);
    const queued = performance.now() - t0;
    expect(queued).toBeLessThan(2000);
    await w.close();
    const events = (await lines(p)).slice(1) as [number, string, string][];
    expect(events.map((e) => e[2]).join('').length).toBe(256 * 16 * 1024);
  });
});
