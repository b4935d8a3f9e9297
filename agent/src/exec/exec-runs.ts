import { RESPONSE_CACHE_TTL_MS, type ExecResult } from '@hivewatch/protocol';

interface Entry {
  result: Promise<ExecResult>;
  abort: AbortController;
  /** When the command ended; null while it runs. */
  endedAt: number | null;
}

/** Finished runs kept at most (their results hold up to 2 × the output cap each). */
const MAX_FINISHED = 256;

/**
 * The `exec` runs of this agent by request id, so a re-sent id never runs twice even after the
 * router's response cache forgot it (that cache counts its 10 minutes from the request, a command may
 * run 24 h): a running command is kept until it ends, a finished one `retainMs` after its end.
 * Also the handle `exec-cancel` uses to kill a running command's process group.
 */
export class ExecRuns {
  private readonly entries = new Map<number, Entry>();

  constructor(
    private readonly retainMs = RESPONSE_CACHE_TTL_MS,
    private readonly maxFinished = MAX_FINISHED,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The run of `requestId` (started by `start` unless it already ran or runs). `reused` says which. */
  run(
    requestId: number,
    start: (signal: AbortSignal) => Promise<ExecResult>,
  ): { result: Promise<ExecResult>; reused: boolean } {
    this.evict();
    const existing = this.entries.get(requestId);
    if (existing) return { result: existing.result, reused: true };
    const abort = new AbortController();
    const entry: Entry = { result: start(abort.signal), abort, endedAt: null };
    const ended = (): void => {
      entry.endedAt = this.now();
    };
    entry.result.then(ended, ended);
    this.entries.set(requestId, entry);
    return { result: entry.result, reused: false };
  }

  /** Kills the running command of `requestId`; false when none runs under that id. */
  cancel(requestId: number): boolean {
    const entry = this.entries.get(requestId);
    if (!entry || entry.endedAt !== null || entry.abort.signal.aborted) return false;
    entry.abort.abort();
    return true;
  }

  private evict(): void {
    const now = this.now();
    const finished: number[] = [];
    for (const [id, entry] of this.entries) {
      if (entry.endedAt === null) continue;
      if (entry.endedAt + this.retainMs <= now) this.entries.delete(id);
      else finished.push(id);
    }
    for (const id of finished.slice(0, Math.max(0, finished.length - this.maxFinished)))
      this.entries.delete(id);
  }
}
