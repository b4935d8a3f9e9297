import type { CommandRunEvent } from '@hivewatch/protocol';
import { eventSourceFactory, listenToRun } from './run-events';

/** An EventSource stand-in: the test plays the hub's side. */
class FakeSource extends EventTarget {
  closed = false;
  constructor(readonly url: string) {
    super();
  }
  close(): void {
    this.closed = true;
  }
  emit(data: string, name = 'message'): void {
    this.dispatchEvent(new MessageEvent(name, { data }));
  }
  fail(): void {
    this.dispatchEvent(new Event('error'));
  }
}

describe('listening to a run', () => {
  let sources: FakeSource[];
  const create = eventSourceFactory.create;
  beforeEach(() => {
    sources = [];
    eventSourceFactory.create = (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s as unknown as EventSource;
    };
  });
  afterEach(() => (eventSourceFactory.create = create));

  it('hands on valid events (named or not), skips bad ones, and ends once when the stream closes', () => {
    const events: CommandRunEvent[] = [];
    let ended = 0;
    listenToRun(
      '/api/v1/commands/r/events',
      (e) => events.push(e),
      () => ended++,
    );
    const [source] = sources;
    source.emit('{"type":"output","targetId":"a","stream":"stdout","data":"x"}');
    source.emit('{"type":"output","targetId":"a","stream":"stderr","data":"y"}', 'output');
    source.emit('{"type":"output"}');
    source.emit('<html>');
    source.fail();
    source.fail();
    source.emit('{"type":"output","targetId":"a","stream":"stdout","data":"late"}');
    expect(events.map((e) => (e.type === 'output' ? e.data : e.type))).toEqual(['x', 'y']);
    expect(ended).toBe(1);
    expect(source.closed).toBe(true); // the page decides about reconnecting, not EventSource
  });

  it('stops without calling ended when the page leaves', () => {
    let ended = 0;
    const stop = listenToRun(
      '/x',
      () => undefined,
      () => ended++,
    );
    stop();
    sources[0].fail();
    expect(sources[0].closed).toBe(true);
    expect(ended).toBe(0);
  });
});
