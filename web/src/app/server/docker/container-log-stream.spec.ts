import { appendEvent, listenToLogs, logSourceFactory, parseLogEvent } from './container-log-stream';

class FakeSource extends EventTarget {
  closed = false;
  close(): void {
    this.closed = true;
  }
  emit(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(data) }));
  }
}

describe('container log stream', () => {
  it('parses only events of the contract', () => {
    expect(parseLogEvent('{"type":"dropped","bytes":10}')).toEqual({ type: 'dropped', bytes: 10 });
    expect(parseLogEvent('{"type":"nope"}')).toBeNull();
    expect(parseLogEvent('not json')).toBeNull();
  });

  it('keeps stdout and stderr apart, notes drops, and keeps the newest lines only', () => {
    let lines = appendEvent([], {
      type: 'lines',
      entries: [
        { stream: 'stdout', line: 'hello', at: 1 },
        { stream: 'stderr', line: 'oops', at: 2, truncated: true },
      ],
    });
    lines = appendEvent(lines, { type: 'dropped', bytes: 4096 });
    expect(lines.map((l) => [l.kind, l.text, l.truncated])).toEqual([
      ['stdout', 'hello', false],
      ['stderr', 'oops', true],
      ['note', '… 4096 bytes dropped (too fast to send)', false],
    ]);
    const many = appendEvent(
      lines,
      {
        type: 'lines',
        entries: Array.from({ length: 10 }, (_, i) => ({
          stream: 'stdout' as const,
          line: `l${i}`,
          at: null,
        })),
      },
      5,
    );
    expect(many.map((l) => l.text)).toEqual(['l5', 'l6', 'l7', 'l8', 'l9']);
    expect(many[4].n).toBe(12);
  });

  it('stops at `end` and on errors, once', () => {
    const source = new FakeSource();
    const create = logSourceFactory.create;
    logSourceFactory.create = () => source as unknown as EventSource;
    try {
      const got: string[] = [];
      let ended = 0;
      listenToLogs(
        '/x',
        (e) => got.push(e.type),
        () => ended++,
      );
      source.emit({ type: 'lines', entries: [{ stream: 'stdout', line: 'a', at: null }] });
      source.emit({ type: 'end', reason: 'container stopped' });
      source.dispatchEvent(new Event('error'));
      source.emit({ type: 'lines', entries: [] });
      expect(got).toEqual(['lines', 'end']);
      expect(ended).toBe(1);
      expect(source.closed).toBe(true);
    } finally {
      logSourceFactory.create = create;
    }
  });
});
