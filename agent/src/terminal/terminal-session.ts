import { constants } from 'node:os';
import {
  TERMINAL_DATA_MAX_BYTES,
  TERMINAL_WINDOW_MAX_BYTES,
  type TerminalEndReason,
  type TerminalExitPayload,
  type TerminalOutputPayload,
} from '@hivewatch/protocol';
import { isRunning, killSession } from './process-session.js';
import type { PtyProcess } from './pty-process.js';

export interface TerminalSessionEvents {
  output(payload: TerminalOutputPayload): void;
  exit(payload: TerminalExitPayload): void;
}

export interface TerminalSessionLimits {
  windowBytes: number;
  idleTimeoutMs: number;
  maxDurationMs: number;
  flushIntervalMs: number;
}

const SIGNAL_NAMES = new Map<number, string>(
  Object.entries(constants.signals).map(([name, number]) => [number, name]),
);

/**
 * One PTY. Output is coalesced (one frame per flush interval, ≤ 64 KiB each) and sent only while the
 * reader's credit window is open: at zero the PTY is paused, so a slow browser holds back the shell,
 * never the agent. Ending a session kills everything in the shell's session (process-session.ts).
 */
export class TerminalSession {
  private window: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private paused = false;
  private seq = 0;
  private ended = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private exitWatch: NodeJS.Timeout | undefined;
  /** The shell ended while paused: read on to the end (node-pty drops a paused PTY's rest after 200 ms). */
  private draining = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly maxTimer: NodeJS.Timeout;
  private endReason: TerminalEndReason = 'exited';
  private exitStatus: { exitCode: number | null; signal: string | null } | undefined;
  readonly startedAt = Date.now();
  bytesIn = 0;
  bytesOut = 0;

  constructor(
    readonly sessionId: string,
    private readonly pty: PtyProcess,
    private readonly limits: TerminalSessionLimits,
    private readonly events: TerminalSessionEvents,
  ) {
    this.window = limits.windowBytes;
    pty.onData((data) => this.onData(typeof data === 'string' ? Buffer.from(data, 'utf8') : data));
    pty.onExit(({ exitCode, signal }) => this.onExit(exitCode, signal));
    this.maxTimer = setTimeout(() => this.close('max-duration'), limits.maxDurationMs);
    this.maxTimer.unref();
    this.touch();
  }

  get pid(): number {
    return this.pty.pid;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  input(bytes: Buffer): void {
    if (this.ended || this.exitStatus !== undefined) return;
    this.bytesIn += bytes.length;
    this.touch();
    this.pty.write(bytes);
  }

  resize(cols: number, rows: number): void {
    if (this.exitStatus === undefined) this.pty.resize(cols, rows);
  }

  /** The reader consumed `bytes`: widen the window (capped) and send what waits. */
  credit(bytes: number): void {
    if (this.ended) return;
    this.window = Math.min(TERMINAL_WINDOW_MAX_BYTES, this.window + bytes);
    this.flush();
    this.finishIfDrained();
  }

  /** Ends the session: the whole process group gets SIGHUP, then SIGKILL. `exit` follows from the PTY. */
  close(reason: TerminalEndReason): void {
    if (this.ended || this.endReason !== 'exited') return;
    this.endReason = reason;
    if (this.exitStatus !== undefined) {
      this.finishIfDrained();
      return;
    }
    killSession(this.pty.pid, 'SIGHUP');
    const kill = setTimeout(() => killSession(this.pty.pid, 'SIGKILL'), 500);
    kill.unref();
    // The PTY reports its exit only once its output is drained: resume so it can.
    if (this.paused) this.resume();
  }

  private onData(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.touch();
    if (this.pendingBytes >= this.window && !this.paused && !this.draining && this.endReason === 'exited')
      this.pause();
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, this.limits.flushIntervalMs);
  }

  private flush(): void {
    while (this.pendingBytes > 0 && this.window > 0) {
      const size = Math.min(this.pendingBytes, this.window, TERMINAL_DATA_MAX_BYTES);
      const frame = this.take(size);
      this.window -= frame.length;
      this.bytesOut += frame.length;
      this.events.output({ sessionId: this.sessionId, seq: this.seq++, data: frame.toString('base64') });
    }
    if (this.paused && this.pendingBytes < this.window) this.resume();
  }

  /** Removes exactly `size` bytes from the head of the pending output. */
  private take(size: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    const frame = all.subarray(0, size);
    const rest = all.subarray(size);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    return frame;
  }

  /**
   * While paused, the shell blocks on a full PTY; if it exits anyway (its last bytes fitted in the
   * kernel buffer), node-pty destroys the paused stream 200 ms later and that output would be lost.
   * So a paused session checks every 20 ms whether the shell still runs, and drains when it does not.
   * (An event loop stalled for more than ~180 ms at that moment can still lose those last bytes.)
   */
  private pause(): void {
    this.paused = true;
    this.pty.pause();
    this.exitWatch ??= setInterval(() => {
      if (isRunning(this.pty.pid)) return;
      this.draining = true;
      this.resume();
    }, 20);
    this.exitWatch.unref();
  }

  private resume(): void {
    this.paused = false;
    clearInterval(this.exitWatch);
    this.exitWatch = undefined;
    this.pty.resume();
  }

  private onExit(exitCode: number, signal: number | undefined): void {
    if (this.exitStatus !== undefined) return;
    const signalName = signal ? SIGNAL_NAMES.get(signal) : undefined;
    this.exitStatus = { exitCode: signalName === undefined ? exitCode : null, signal: signalName ?? null };
    clearTimeout(this.flushTimer);
    // Whatever the shell left behind in its group goes too (a `nohup sleep &` keeps the group alive).
    killSession(this.pty.pid, 'SIGKILL');
    this.flush();
    this.finishIfDrained();
  }

  /**
   * `exit` goes after the last output byte: a shell that ended on its own keeps its read output until
   * the reader has credited it all (complete and in order); a closed session drops what is left.
   */
  private finishIfDrained(): void {
    if (this.ended || this.exitStatus === undefined) return;
    if (this.pendingBytes > 0 && this.endReason === 'exited') return;
    this.ended = true;
    this.pending = [];
    this.pendingBytes = 0;
    clearTimeout(this.idleTimer);
    clearTimeout(this.maxTimer);
    clearInterval(this.exitWatch);
    this.events.exit({ sessionId: this.sessionId, ...this.exitStatus, reason: this.endReason });
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close('idle-timeout'), this.limits.idleTimeoutMs);
    this.idleTimer.unref();
  }
}
