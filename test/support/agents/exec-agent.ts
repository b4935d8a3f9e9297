import { PROTOCOL_VERSION, type ExecResult } from '@hivewatch/protocol';
import { sleep } from './fixtures.js';
import { TestSocket } from './socket.js';

/** What a scripted host does with an `exec`. */
export interface ExecScript {
  exitCode?: number;
  stdout?: string;
  stderr?: string;
  delayMs?: number;
  /** Receives the request and never answers it. */
  never?: boolean;
  /** Drops its connection on the first receipt of a request id (before answering), then reconnects. */
  dropFirst?: boolean;
}

/** Commands in flight across a set of agents (for max-parallel checks). */
export interface Gauge {
  now: number;
  max: number;
}

/**
 * An envelope-dialect agent advertising `exec`, scripted, that behaves as ours does on the wire:
 * `exec-output` events then the result, and one run per request id (a re-sent id is answered from
 * the first run, even while it still runs).
 */
export class ExecAgent {
  socket: TestSocket | undefined;
  /** Every exec request frame received (re-sends included), in order. */
  readonly received: number[] = [];
  /** Request ids that really ran. */
  readonly ran: number[] = [];
  private readonly runs = new Map<number, Promise<string>>();
  private dropped = false;

  constructor(
    private readonly url: string,
    private readonly serverId: string,
    private readonly token: string,
    private readonly script: ExecScript,
    private readonly gauge?: Gauge,
  ) {}

  async connect(): Promise<void> {
    const socket = await TestSocket.open(this.url);
    this.socket = socket;
    socket.ws.on('message', (data) => this.onFrame(socket, (data as Buffer).toString('utf8')));
    socket.send({
      type: 'request',
      action: 'authenticate',
      payload: {
        agent_id: this.serverId,
        token: this.token,
        protocol_version: PROTOCOL_VERSION,
        agent_version: '1.0.0',
        capabilities: ['exec'],
      },
    });
    const reply = await socket.next((f) => f['action'] === 'authenticate');
    if ((reply['payload'] as { status?: string } | undefined)?.status !== 'ok')
      throw new Error(`authentication refused: ${JSON.stringify(reply)}`);
  }

  close(): void {
    this.socket?.close();
  }

  private onFrame(socket: TestSocket, text: string): void {
    const frame = JSON.parse(text) as { type?: string; id?: number; action?: string; payload?: unknown };
    if (frame.type !== 'request' || typeof frame.id !== 'number') return;
    const id = frame.id;
    if (frame.action === 'exec-cancel') {
      socket.send({
        type: 'response',
        id,
        action: 'exec-cancel',
        payload: { status: 'ok', data: { found: false } },
      });
      return;
    }
    if (frame.action !== 'exec') return;
    this.received.push(id);
    let run = this.runs.get(id);
    if (!run) {
      run = this.execute(id, socket);
      this.runs.set(id, run);
    }
    if (this.script.dropFirst && !this.dropped) {
      this.dropped = true;
      socket.ws.terminate();
      void sleep(300).then(() => this.connect());
      return;
    }
    void run.then((answer) => this.socket?.sendRaw(answer));
  }

  private async execute(id: number, socket: TestSocket): Promise<string> {
    this.ran.push(id);
    if (this.script.never) return new Promise<string>(() => undefined);
    if (this.gauge) this.gauge.max = Math.max(this.gauge.max, ++this.gauge.now);
    const startedAt = Date.now();
    const { stdout = '', stderr = '', exitCode = 0 } = this.script;
    let seq = 0;
    for (const [stream, text] of [
      ['stdout', stdout],
      ['stderr', stderr],
    ] as const)
      if (text && socket.ws.readyState === socket.ws.OPEN)
        socket.send({
          type: 'event',
          action: 'exec-output',
          payload: { requestId: id, seq: seq++, stream, data: Buffer.from(text).toString('base64') },
          timestamp: Date.now(),
        });
    await sleep(this.script.delayMs ?? 0);
    if (this.gauge) this.gauge.now--;
    const endedAt = Date.now();
    const part = (s: string) => ({ head: s, tail: '', droppedBytes: 0, totalBytes: Buffer.byteLength(s) });
    const data: ExecResult = {
      exitCode,
      signal: null,
      timedOut: false,
      stdout: part(stdout),
      stderr: part(stderr),
      startedAt,
      endedAt,
      durationMs: endedAt - startedAt,
    };
    return JSON.stringify({
      type: 'response',
      id,
      action: 'exec',
      payload: { status: 'ok', data },
      timestamp: endedAt,
    });
  }
}
