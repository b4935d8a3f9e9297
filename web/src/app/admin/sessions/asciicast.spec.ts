import { CastParseError, parseAsciicast } from './asciicast';

const HEADER = JSON.stringify({ version: 2, width: 100, height: 30, timestamp: 1_700_000_000 });

describe('parseAsciicast', () => {
  it('keeps output and resize events with their timing and skips the rest', () => {
    const cast = parseAsciicast(
      [
        HEADER,
        '[0.1, "o", "$ "]',
        '[0.5, "i", "ls\\r"]',
        '[0.6, "o", "ls\\r\\n"]',
        '[1.0, "m", "marker"]',
        '[1.2, "r", "80x24"]',
        '[2.5, "o", "done\\u001b[0m"]',
        '',
      ].join('\n'),
    );
    expect(cast.cols).toBe(100);
    expect(cast.rows).toBe(30);
    expect(cast.events).toEqual([
      { time: 0.1, kind: 'o', data: '$ ' },
      { time: 0.6, kind: 'o', data: 'ls\r\n' },
      { time: 1.2, kind: 'r', cols: 80, rows: 24 },
      { time: 2.5, kind: 'o', data: 'done\u001b[0m' },
    ]);
    expect(cast.duration).toBe(2.5);
  });

  it('shortens idle gaps to the header idle_time_limit', () => {
    const header = JSON.stringify({ version: 2, width: 80, height: 24, idle_time_limit: 1 });
    const cast = parseAsciicast(
      [header, '[0.5, "o", "a"]', '[30, "o", "b"]', '[30.25, "o", "c"]'].join('\n'),
    );
    expect(cast.events.map((e) => e.time)).toEqual([0.5, 1.5, 1.75]);
    expect(cast.duration).toBe(1.75);
  });

  it('refuses what is not an asciicast v2 file, naming the line', () => {
    const bad = (text: string) => () => parseAsciicast(text);
    expect(bad('')).toThrow(CastParseError);
    expect(bad('{"version":1,"width":80,"height":24}')).toThrow('Line 1: not an asciicast version 2 header.');
    expect(bad('{"version":2,"width":0,"height":24}')).toThrow('width and height');
    expect(bad(`${HEADER}\n[0.1, "o", "a"]\nnope`)).toThrow('Line 3: not JSON.');
    expect(bad(`${HEADER}\n["x", "o", "a"]`)).toThrow('Line 2: the time must be a number of seconds.');
    expect(bad(`${HEADER}\n[-1, "o", "a"]`)).toThrow('Line 2');
    expect(bad(`${HEADER}\n[1, "o"]`)).toThrow('Line 2: not an event.');
    expect(bad(`${HEADER}\n[1, "o", 5]`)).toThrow('Line 2: the code and data must be strings.');
    expect(bad(`${HEADER}\n[1, "r", "wide"]`)).toThrow('Line 2: a resize must be COLSxROWS.');
  });

  it('never goes back in time', () => {
    const cast = parseAsciicast([HEADER, '[2, "o", "a"]', '[1, "o", "b"]'].join('\n'));
    expect(cast.events.map((e) => e.time)).toEqual([2, 2]);
  });
});
