import {
  type TerminalCloseRequest,
  type TerminalCreditRequest,
  type TerminalEndReason,
  type TerminalExitPayload,
  type TerminalInputRequest,
  type TerminalOpenRequest,
  type TerminalOutputPayload,
  type TerminalResizeRequest,
} from '@hivewatch/protocol';
import { existsSync } from 'node:fs';
import type { Logger } from '../log/logger.js';
import { resolveRunAs } from '../config/run-as.js';
import { childEnvironment, type HostUser } from '../exec/child-env.js';
import type { TerminalOptions } from './terminal-options.js';
import type { PtySpawner } from './pty-process.js';
import { TerminalSession } from './terminal-session.js';
import { withGroupsOf } from './user-groups.js';

/** What the manager sends to the hub: `terminal-output` and `terminal-exit` events. */
export interface TerminalEventSink {
  output(payload: TerminalOutputPayload): void;
  exit(payload: TerminalExitPayload): void;
}

/** A refusal the hub gets as `{status:'error', message}`. */
export class TerminalRequestError extends Error {
  override name = 'TerminalRequestError';
}

/**
 * The host's terminal sessions by id. Every call returns at once (node-pty is event-driven): nothing
 * here runs inside the agent's metrics loop. Each start and end is logged to the host's log (the
 * agent's stderr, which journald keeps), with who the shell runs as; never the keystrokes.
 */
export class TerminalManager {
  private readonly sessions = new Map<string, TerminalSession>();
  /** Who each session's shell runs as, for its end line in the host's log. */
  private readonly users = new Map<string, string>();
  private hubGraceTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: TerminalOptions,
    private readonly spawn: PtySpawner,
    private readonly sink: TerminalEventSink,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** The process group (= pid of the shell) of a live session, for diagnostics and tests. */
  pidOf(sessionId: string): number | undefined {
    return this.sessions.get(sessionId)?.pid;
  }

  open(request: TerminalOpenRequest): void {
    if (this.sessions.has(request.sessionId))
      throw new TerminalRequestError(`terminal session '${request.sessionId}' is already open`);
    if (this.sessions.size >= this.options.maxSessions)
      throw new TerminalRequestError(
        `this host allows at most ${this.options.maxSessions} terminal sessions`,
      );
    const user = this.shellUser();
    const switchUser = user.uid !== process.getuid?.() || user.gid !== process.getgid?.();
    const spawn = () =>
      this.spawn(this.options.shell, this.options.shellArgs, {
        cols: request.cols,
        rows: request.rows,
        cwd: existsSync(user.home) ? user.home : '/',
        env: childEnvironment(user, this.options.shell, 'xterm-256color'),
        ...(switchUser ? { uid: user.uid, gid: user.gid } : {}),
      });
    const pty = switchUser ? withGroupsOf(user, spawn) : spawn();
    const session = new TerminalSession(
      request.sessionId,
      pty,
      {
        windowBytes: request.window ?? this.options.defaultWindowBytes,
        idleTimeoutMs: this.options.idleTimeoutMs,
        maxDurationMs: this.options.maxDurationMs,
        flushIntervalMs: this.options.flushIntervalMs,
      },
      {
        output: (payload) => this.sink.output(payload),
        exit: (payload) => this.ended(session, payload),
      },
    );
    this.sessions.set(request.sessionId, session);
    this.users.set(request.sessionId, user.name);
    this.logger.info('terminal session started', {
      sessionId: request.sessionId,
      user: user.name,
      shell: this.options.shell,
      pid: pty.pid,
    });
  }

  input(request: TerminalInputRequest): void {
    this.session(request.sessionId).input(Buffer.from(request.data, 'base64'));
  }

  resize(request: TerminalResizeRequest): void {
    this.session(request.sessionId).resize(request.cols, request.rows);
  }

  credit(request: TerminalCreditRequest): void {
    this.session(request.sessionId).credit(request.bytes);
  }

  close(request: TerminalCloseRequest): void {
    this.session(request.sessionId).close(request.reason ?? 'user');
  }

  /** Ends every session: capability removed, agent stopping, or the hub gone beyond its grace. */
  closeAll(reason: TerminalEndReason): void {
    for (const session of this.sessions.values()) session.close(reason);
  }

  /** The hub connection dropped: sessions live on for the grace period, then are killed. */
  hubDisconnected(): void {
    if (this.hubGraceTimer !== undefined || this.sessions.size === 0) return;
    this.hubGraceTimer = setTimeout(() => {
      this.hubGraceTimer = undefined;
      this.closeAll('hub-gone');
    }, this.options.hubGraceMs);
    this.hubGraceTimer.unref();
  }

  hubConnected(): void {
    clearTimeout(this.hubGraceTimer);
    this.hubGraceTimer = undefined;
  }

  private session(sessionId: string): TerminalSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new TerminalRequestError(`no terminal session '${sessionId}' on this host`);
    return session;
  }

  /** Looked up at every open: an account removed since the agent started is refused by name. */
  private shellUser(): HostUser {
    try {
      return resolveRunAs(this.options.runAsUser, 'the terminal');
    } catch (error) {
      throw new TerminalRequestError((error as Error).message);
    }
  }

  private ended(session: TerminalSession, payload: TerminalExitPayload): void {
    this.sessions.delete(session.sessionId);
    const user = this.users.get(session.sessionId);
    this.users.delete(session.sessionId);
    this.logger.info('terminal session ended', {
      sessionId: session.sessionId,
      user,
      shell: this.options.shell,
      pid: session.pid,
      reason: payload.reason ?? 'exited',
      exitCode: payload.exitCode,
      signal: payload.signal ?? null,
      durationMs: Date.now() - session.startedAt,
      bytesIn: session.bytesIn,
      bytesOut: session.bytesOut,
    });
    this.sink.exit(payload);
  }
}
