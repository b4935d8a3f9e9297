import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  EXEC_OUTPUT_CAP_DEFAULT_BYTES,
  EXEC_TIMEOUT_DEFAULT_MS,
  type ExecRequest,
  type ExecResult,
  type ExecStreamName,
} from '@hivewatch/protocol';
import { resolveRunAs } from '../config/run-as.js';
import { childEnvironment, currentUser, type HostUser } from './child-env.js';
import { HeadTailBuffer } from './output-cap.js';

/** Host-side settings of `exec` (the host's config, never the hub's word). */
export interface ExecRunnerOptions {
  /** Shell run as `<shell> -c <command>`. */
  shell?: string;
  /** Local account the command runs as (the agent must be root to switch). Default: the agent's own. */
  runAs?: string;
  /** Test seam: where accounts are looked up. */
  passwdFile?: string;
  /** Timeout of a request that names none (the host's `exec.defaultTimeoutSeconds`). */
  defaultTimeoutMs?: number;
}

/** One live output chunk, in order (`seq` counts across both streams). */
export interface ExecChunk {
  seq: number;
  stream: ExecStreamName;
  data: Buffer;
}

export interface ExecRun {
  request: ExecRequest;
  /** Live output; chunks past the per-stream cap are only counted, not streamed. */
  onChunk?: (chunk: ExecChunk) => void;
  /** Aborted by `exec-cancel`: the whole group gets SIGTERM, SIGKILL 2 s later; the result says `cancelled`. */
  signal?: AbortSignal;
}

/** After SIGTERM, how long the group gets before SIGKILL. */
const KILL_GRACE_MS = 2000;
/** After the shell exits, how long its pipes may stay open before the run ends anyway. */
const PIPE_DRAIN_MS = 1000;

/**
 * Runs one command in its own process group (`detached`), with the allow-listed environment, output
 * capped head+tail per stream, and a timeout that kills the whole group. The group is killed too when
 * the shell exits, so a background child cannot outlive the run or hold its pipes open.
 */
export class ExecRunner {
  private readonly shell: string;
  private readonly user: HostUser;
  private readonly switchUser: boolean;
  private readonly defaultTimeoutMs: number;

  constructor(options: ExecRunnerOptions = {}) {
    this.shell = options.shell ?? '/bin/sh';
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? EXEC_TIMEOUT_DEFAULT_MS;
    const self = currentUser();
    this.user = resolveRunAs(options.runAs, 'exec', { passwdFile: options.passwdFile });
    this.switchUser = this.user.uid !== self.uid || this.user.gid !== self.gid;
  }

  run({ request, onChunk, signal: abortSignal }: ExecRun): Promise<ExecResult> {
    const cap = request.outputCapBytes ?? EXEC_OUTPUT_CAP_DEFAULT_BYTES;
    const timeoutMs = request.timeoutMs ?? this.defaultTimeoutMs;
    const startedAt = Date.now();
    const child = spawn(this.shell, ['-c', request.command], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: childEnvironment(this.user, this.shell, 'dumb'),
      cwd: existsSync(this.user.home) ? this.user.home : '/',
      ...(this.switchUser ? { uid: this.user.uid, gid: this.user.gid } : {}),
    });
    const buffers = { stdout: new HeadTailBuffer(cap), stderr: new HeadTailBuffer(cap) };
    let seq = 0;
    const collect = (stream: ExecStreamName) => (data: Buffer) => {
      const buffer = buffers[stream];
      const before = buffer.totalBytes;
      buffer.push(data);
      if (onChunk === undefined || before >= cap) return;
      onChunk({ seq: seq++, stream, data: data.subarray(0, cap - before) });
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));

    return new Promise<ExecResult>((resolve) => {
      let timedOut = false;
      let cancelled = false;
      let killTimer: NodeJS.Timeout | undefined;
      const terminate = (): void => {
        if (killTimer !== undefined) return;
        killGroup(child.pid, 'SIGTERM');
        killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
      };
      const timer = setTimeout(() => {
        timedOut = !cancelled;
        terminate();
      }, timeoutMs);
      const onAbort = (): void => {
        cancelled = !timedOut;
        terminate();
      };
      if (abortSignal?.aborted) onAbort();
      else abortSignal?.addEventListener('abort', onAbort, { once: true });
      child.on('exit', () => {
        killGroup(child.pid, 'SIGKILL');
        // A child that left the group (setsid) may still hold the pipes: stop waiting for it.
        setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
        }, PIPE_DRAIN_MS).unref();
      });
      const finish = (exitCode: number | null, signal: string | null, spawnError?: Error): void => {
        clearTimeout(timer);
        clearTimeout(killTimer);
        abortSignal?.removeEventListener('abort', onAbort);
        const endedAt = Date.now();
        if (spawnError)
          buffers.stderr.push(Buffer.from(`cannot start ${this.shell}: ${spawnError.message}\n`));
        resolve({
          exitCode: spawnError ? 127 : exitCode,
          signal: spawnError ? null : signal,
          timedOut,
          ...(cancelled ? { cancelled } : {}),
          stdout: buffers.stdout.result(),
          stderr: buffers.stderr.result(),
          startedAt,
          endedAt,
          durationMs: endedAt - startedAt,
        });
      };
      child.on('error', (error) => finish(null, null, error));
      child.on('close', (code, signal) => finish(code, signal));
    });
  }
}

/** Signals the whole group led by `pid`; a group already gone is fine. */
function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}
