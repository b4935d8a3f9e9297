import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { BrowserFrame } from '@hivewatch/protocol';
import { serverState } from '../testing/server-state';
import { LiveStreamService, backoffDelay, socketFactory } from './live-stream.service';

/** Stands in for the browser WebSocket: the test opens, feeds and closes it. */
class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  close(): void {}
  open(): void {
    this.onopen?.();
  }
  send(frame: BrowserFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006): void {
    this.onclose?.({ code });
  }
}

describe('LiveStreamService', () => {
  let live: LiveStreamService;
  const realCreate = socketFactory.create;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    socketFactory.create = (url: string) => new FakeSocket(url) as unknown as WebSocket;
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'sign-in', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    live = TestBed.inject(LiveStreamService);
  });
  afterEach(() => {
    live.stop();
    socketFactory.create = realCreate;
    vi.useRealTimers();
  });

  it('takes full_sync as the whole state and patches it with update and presence frames', () => {
    live.start();
    const ws = FakeSocket.all[0];
    expect(ws.url).toMatch(/^ws:\/\/.*\/api\/v1\/ws$/);
    ws.open();
    ws.send({
      type: 'full_sync',
      at: 'x',
      servers: [serverState({ id: 'a', name: 'a', cpu: 5 }), serverState({ id: 'b', name: 'b' })],
    });
    expect(live.synced()).toBe(true);
    expect(live.servers().size).toBe(2);

    ws.send({ type: 'update', at: 'x', servers: [serverState({ id: 'a', name: 'a', cpu: 77 })] });
    expect(live.servers().get('a')?.metrics?.cpuPercent).toBe(77);
    ws.send({ type: 'server_offline', serverId: 'b', at: 'x' });
    expect(live.servers().get('b')?.online).toBe(false);
  });

  it('reconnects with growing delays after a drop and resynchronises from the next full_sync', () => {
    live.start();
    FakeSocket.all[0].open();
    FakeSocket.all[0].send({
      type: 'full_sync',
      at: 'x',
      servers: [serverState({ id: 'gone', name: 'gone' })],
    });

    FakeSocket.all[0].drop();
    expect(live.status()).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all.length).toBe(1); // first retry waits at least 700 ms
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all.length).toBe(2);

    FakeSocket.all[1].drop(); // the hub is still down: the next wait is longer
    vi.advanceTimersByTime(1300);
    expect(FakeSocket.all.length).toBe(2);
    vi.advanceTimersByTime(1500);
    expect(FakeSocket.all.length).toBe(3);

    const ws = FakeSocket.all[2];
    ws.open();
    expect(live.status()).toBe('live');
    ws.send({ type: 'full_sync', at: 'y', servers: [serverState({ id: 'new', name: 'new' })] });
    expect([...live.servers().keys()]).toEqual(['new']);
  });

  it('goes to sign-in and does not reconnect when the hub closes the stream for an ended session', async () => {
    live.start();
    FakeSocket.all[0].open();
    FakeSocket.all[0].drop(4401);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all.length).toBe(1);
    expect(live.status()).toBe('idle');
    expect(TestBed.inject(Router).url).toMatch(/^\/sign-in/);
  });

  it('caps the backoff at 30 s with jitter', () => {
    expect(backoffDelay(0, () => 0)).toBe(700);
    expect(backoffDelay(0, () => 1)).toBe(1300);
    expect(backoffDelay(20, () => 0.5)).toBe(30_000);
  });
});
