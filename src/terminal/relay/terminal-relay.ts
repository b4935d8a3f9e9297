import {
  base64DecodedBytes,
  clampTerminalSize,
  CloseCode,
  TERMINAL_WINDOW_DEFAULT_BYTES,
  TERMINAL_WINDOW_MAX_BYTES,
  type TerminalBrowserFrame,
  type TerminalEndReason,
  type TerminalExitPayload,
  type TerminalHubFrame,
  type TerminalOutputPayload,
} from '@hivewatch/protocol';
import { WebSocket } from 'ws';
import type { TerminalRecordingSink } from '../sessions/terminal-recording-sink.js';
import type { TerminalSessionEnd } from '../sessions/terminal-session-log.service.js';
import type { AgentTerminalLink } from './agent-terminal-link.js';

/** What a relay needs from the hub around it (kept narrow so the relay is a plain object). */
export interface RelayHooks {
  /** The session is over: drop it from the registry and write its end record (called once). */
  ended(relay: TerminalRelay, end: TerminalSessionEnd): void;
  debug(message: string, detail: Record<string, unknown>): void;
}

export interface RelayIdentity {
  sessionId: string;
  serverId: string;
  userId: string;
  /** The console session cookie the browser opened the socket with (re-checked for sign-out). */
  cookie: string;
}

/** Base64 and JSON overhead of an output frame. */
const encodedSize = (bytes: number): number => Math.ceil(bytes / 3) * 4 + 64;
/** Invalid frames tolerated from a browser after `auth` before its session is closed. */
const MAX_BAD_FRAMES = 20;

/**
 * One terminal session: the browser's socket on one side, the agent's session (through
 * {@link AgentTerminalLink}) on the other. Nothing here awaits on the path from the agent to the
 * browser: output is handed to the socket as it comes. The agent sends no more than the credit the
 * browser granted, so a browser whose socket holds more than twice that has stopped reading while
 * still granting credit: its session is closed.
 */
export class TerminalRelay {
  private state: 'opening' | 'open' | 'ended' = 'opening';
  private held: Buffer[] = [];
  private nextSeq = 0;
  private bytesIn = 0;
  private bytesOut = 0;
  private badFrames = 0;
  /** Largest window the agent may have in flight: the open window plus credits, capped like the agent does. */
  private windowBytes: number;
  private sink: TerminalRecordingSink | null = null;

  /** Bytes relayed so far each way (browser → host, host → browser). */
  get bytes(): { bytesIn: number; bytesOut: number } {
    return { bytesIn: this.bytesIn, bytesOut: this.bytesOut };
  }

  constructor(
    readonly id: RelayIdentity,
    private readonly ws: WebSocket,
    private readonly link: AgentTerminalLink,
    private readonly hooks: RelayHooks,
    window = TERMINAL_WINDOW_DEFAULT_BYTES,
  ) {
    this.windowBytes = window;
  }

  get sessionId(): string {
    return this.id.sessionId;
  }

  get ended(): boolean {
    return this.state === 'ended';
  }

  /** Asks the agent for the PTY; resolves once it answered (then `ready` went to the browser). */
  async open(cols: number, rows: number, sink: TerminalRecordingSink | null): Promise<void> {
    if (this.state !== 'opening') return;
    this.sink = sink;
    const size = clampTerminalSize(cols, rows);
    try {
      await this.link.send('terminal-open', { sessionId: this.sessionId, ...size, window: this.windowBytes });
    } catch (err) {
      if (this.ended) return;
      this.sendFrame({
        type: 'error',
        message: `the terminal could not be opened: ${(err as Error).message}`,
      });
      this.finish('spawn-failed', null, null, false);
      return;
    }
    if (this.state !== 'opening') return;
    this.state = 'open';
    this.sendFrame({ type: 'ready', sessionId: this.sessionId });
    for (const chunk of this.held.splice(0)) this.forward(chunk);
  }

  /** A validated frame from the browser after `auth`. */
  browserFrame(frame: TerminalBrowserFrame): void {
    if (this.state === 'ended') return;
    const sessionId = this.sessionId;
    switch (frame.type) {
      case 'auth':
        return this.badFrame('already authenticated');
      case 'input':
        this.bytesIn += base64DecodedBytes(frame.data);
        return this.post(this.link.post('terminal-input', { sessionId, data: frame.data }));
      case 'resize': {
        const size = clampTerminalSize(frame.cols, frame.rows);
        this.sink?.resize(size.cols, size.rows);
        return this.post(this.link.post('terminal-resize', { sessionId, ...size }));
      }
      case 'credit':
        this.windowBytes = Math.min(TERMINAL_WINDOW_MAX_BYTES, Math.max(this.windowBytes, frame.bytes));
        return this.post(this.link.post('terminal-credit', { sessionId, bytes: frame.bytes }));
      case 'close':
        return this.end('user');
    }
  }

  /** A frame that failed validation: an error frame, and the session ends if it keeps happening. */
  badFrame(message: string): void {
    this.sendFrame({ type: 'error', message });
    if (++this.badFrames > MAX_BAD_FRAMES)
      this.end('user', CloseCode.PolicyViolation, 'too many invalid frames');
  }

  agentOutput(payload: TerminalOutputPayload): void {
    if (this.state === 'ended') return;
    if (payload.seq !== undefined) {
      if (payload.seq < this.nextSeq)
        return this.hooks.debug('duplicate terminal output dropped', { seq: payload.seq });
      this.nextSeq = payload.seq + 1;
    }
    const data = Buffer.from(payload.data, 'base64');
    if (this.state === 'opening') this.held.push(data);
    else this.forward(data);
  }

  agentExit(payload: TerminalExitPayload): void {
    if (this.state === 'ended') return;
    if (payload.error) this.sendFrame({ type: 'error', message: payload.error });
    this.finish(payload.reason ?? 'exited', payload.exitCode, payload.signal ?? null, false);
  }

  /** Ends the session from the hub's side: the agent is told to kill it, the browser gets `exit`. */
  end(reason: TerminalEndReason, code: number = 1000, message = 'terminal ended'): void {
    this.finish(reason, null, null, true, code, message);
  }

  /** The agent's connection is gone: the browser learns it; the host kills the shell after its grace. */
  agentGone(): void {
    this.finish('hub-gone', null, null, true);
  }

  private forward(data: Buffer): void {
    this.bytesOut += data.length;
    this.sink?.output(data);
    this.sendFrame({ type: 'output', data: data.toString('base64') });
    if (this.ws.bufferedAmount > 2 * encodedSize(this.windowBytes)) {
      this.end('user', CloseCode.PolicyViolation, 'the browser stopped reading its terminal');
    }
  }

  private post(accepted: boolean): void {
    if (!accepted) this.end('user', CloseCode.PolicyViolation, 'too many terminal frames waiting');
  }

  private finish(
    reason: TerminalEndReason,
    exitCode: number | null,
    signal: string | null,
    tellAgent: boolean,
    code = 1000,
    message = 'terminal ended',
  ): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.held = [];
    // Also while opening: the close queues behind the open, so a PTY that did start is killed.
    if (tellAgent) this.link.post('terminal-close', { sessionId: this.sessionId, reason });
    this.sendFrame({ type: 'exit', exitCode, signal, reason });
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code, message);
    this.hooks.ended(this, { reason, exitCode, signal, bytesIn: this.bytesIn, bytesOut: this.bytesOut });
  }

  private sendFrame(frame: TerminalHubFrame): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }
}
