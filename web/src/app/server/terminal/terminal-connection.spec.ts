import type { TerminalBrowserFrame } from '@hivewatch/protocol';
import { type ConnectionState, TerminalConnection } from './terminal-connection';
import { base64ToBytes, bytesToBase64, exitMessage, inputChunks } from './terminal-frames';
import { terminalSocketUrl } from './terminal.api';

const TICKET = 'a'.repeat(43);

/** Stands in for the browser WebSocket: the test opens it, feeds hub frames and reads what was sent. */
class FakeSocket {
  readyState = 0;
  sent: TerminalBrowserFrame[] = [];
  closedWith: number | null = null;
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  send(data: string): void {
    this.sent.push(JSON.parse(data) as TerminalBrowserFrame);
  }
  close(code = 1000): void {
    if (this.readyState === 3) return;
    this.closedWith = code;
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  hub(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) } as MessageEvent);
  }
  of(type: string): TerminalBrowserFrame[] {
    return this.sent.filter((f) => f.type === type);
  }
}

function connect() {
  const socket = new FakeSocket();
  const states: ConnectionState[] = [];
  const pending: (() => void)[] = [];
  const written: Uint8Array[] = [];
  const connection = new TerminalConnection(
    socket,
    TICKET,
    { cols: 120, rows: 40 },
    (bytes, rendered) => {
      written.push(bytes);
      pending.push(rendered);
    },
    (s) => states.push(s),
  );
  /** xterm finished rendering everything written so far. */
  const render = () => pending.splice(0).forEach((done) => done());
  return { socket, states, written, connection, render };
}

const output = (bytes: number) => ({ type: 'output', data: bytesToBase64(new Uint8Array(bytes).fill(65)) });

describe('TerminalConnection', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the ticket and size as the first frame, never in the URL', () => {
    const { socket, states } = connect();
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent[0]).toEqual({ type: 'auth', ticket: TICKET, cols: 120, rows: 40 });
    socket.hub({ type: 'ready', sessionId: 's-1' });
    expect(states.at(-1)).toEqual({ kind: 'open', sessionId: 's-1' });
    expect(terminalSocketUrl('https://hub.example:8443')).toBe('wss://hub.example:8443/api/v1/ws/terminal');
    expect(terminalSocketUrl('http://127.0.0.1:3000')).toBe('ws://127.0.0.1:3000/api/v1/ws/terminal');
  });

  it('writes output as bytes and grants credit only for what xterm rendered, batched', () => {
    vi.useFakeTimers();
    const { socket, written, render } = connect();
    socket.open();
    socket.hub({ type: 'output', data: bytesToBase64(new TextEncoder().encode('hw-42\r\n')) });
    expect(new TextDecoder().decode(written[0])).toBe('hw-42\r\n');
    socket.hub(output(1000));
    expect(socket.of('credit')).toEqual([]); // not rendered yet
    render();
    expect(socket.of('credit')).toEqual([]); // small: waits for the batch timer
    vi.advanceTimersByTime(49);
    expect(socket.of('credit')).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(socket.of('credit')).toEqual([{ type: 'credit', bytes: 1007 }]);

    // 32 KiB owed: granted at once, no timer
    socket.hub(output(20_000));
    socket.hub(output(20_000));
    render();
    expect(socket.of('credit').slice(1)).toEqual([{ type: 'credit', bytes: 40_000 }]);
    vi.advanceTimersByTime(1000);
    expect(socket.of('credit')).toHaveLength(2);
  });

  it('splits a large paste into input frames of at most 64 KiB without cutting a character', () => {
    const { socket, connection } = connect();
    socket.open();
    const paste = 'é'.repeat(100_000) + 'x'; // 200,001 bytes of UTF-8
    connection.input(paste);
    const frames = socket.of('input') as { type: 'input'; data: string }[];
    expect(frames).toHaveLength(4);
    const chunks = frames.map((f) => base64ToBytes(f.data));
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(64 * 1024);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    expect(chunks.map((c) => decoder.decode(c)).join('')).toBe(paste);
    expect(inputChunks('ls\r')).toEqual([btoa('ls\r')]);
    expect(inputChunks('')).toEqual([]);
  });

  it('sends a resize only when the size changed', () => {
    const { socket, connection } = connect();
    socket.open();
    connection.resize(120, 40);
    connection.resize(80, 24);
    connection.resize(80, 24);
    expect(socket.of('resize')).toEqual([{ type: 'resize', cols: 80, rows: 24 }]);
  });

  it('says why the session ended, stops granting credit and closes the socket', () => {
    vi.useFakeTimers();
    const { socket, states, render } = connect();
    socket.open();
    socket.hub(output(10));
    socket.hub({ type: 'exit', exitCode: null, signal: null, reason: 'idle-timeout' });
    expect(states.at(-1)).toEqual({ kind: 'ended', message: 'Session ended: idle timeout' });
    render();
    vi.advanceTimersByTime(100);
    expect(socket.of('credit')).toEqual([]);
    expect(socket.closedWith).toBe(1000);
    expect(exitMessage({ reason: 'exited', exitCode: 1, signal: null })).toBe(
      'Session ended: the shell exited (exit code 1)',
    );
    expect(exitMessage({ reason: 'exited', exitCode: 0 })).toBe('Session ended: the shell exited');
    expect(exitMessage({ reason: 'exited', exitCode: null, signal: 'SIGKILL' })).toBe(
      'Session ended: the shell exited (signal SIGKILL)',
    );
  });

  it('reports a lost connection, with the hub error when it sent one', () => {
    const a = connect();
    a.socket.open();
    a.socket.close(1006);
    expect(a.states.at(-1)).toEqual({ kind: 'lost', message: 'The connection to the hub was lost.' });

    const b = connect();
    b.socket.open();
    b.socket.hub({ type: 'error', message: 'ticket expired' });
    b.socket.close(4401);
    expect(b.states.at(-1)).toEqual({ kind: 'lost', message: 'ticket expired' });
  });

  it('closes on a frame that is not in the protocol', () => {
    const { socket, states, written } = connect();
    socket.open();
    socket.hub('not json');
    expect(socket.closedWith).toBe(1002);
    expect(states.at(-1)?.kind).toBe('lost');
    const again = connect();
    again.socket.open();
    again.socket.hub({ type: 'output', data: '@@@' });
    expect(again.socket.closedWith).toBe(1002);
    expect(written).toEqual([]);
  });

  it('sends close when the user closes, then nothing more', () => {
    const { socket, connection, states } = connect();
    socket.open();
    connection.close();
    connection.input('ls\r');
    expect(socket.sent.map((f) => f.type)).toEqual(['auth', 'close']);
    expect(states.at(-1)).toEqual({ kind: 'ended', message: 'Session ended: closed' });
  });
});
