import type { PingResultPayload, PingTask } from '@hivewatch/protocol';

export interface ProbeSchedulerOptions {
  /** Runs one probe; never rejects (a failure is a result with success false). */
  run(task: PingTask): Promise<Omit<PingResultPayload, 'taskId' | 'at'>>;
  onResult(result: PingResultPayload): void;
  /** Runs at once over all tasks (the rest wait their turn). */
  maxConcurrent: number;
  /** The first run's delay in ms for a task (default: random within one interval). */
  firstDelayMs?(task: PingTask): number;
  now?(): number;
}

export interface SyncSummary {
  tasks: number;
  started: number;
  restarted: number;
  stopped: number;
  unchanged: number;
}

interface Entry {
  task: PingTask;
  key: string;
  timer: NodeJS.Timeout | undefined;
  running: boolean;
  queued: boolean;
}

/**
 * Runs each task at its interval, the first run at a random offset (a fleet does not probe in step),
 * never two runs of one task at once, at most `maxConcurrent` runs overall.
 */
export class ProbeScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: Entry[] = [];
  private active = 0;

  constructor(private readonly options: ProbeSchedulerOptions) {}

  get size(): number {
    return this.entries.size;
  }

  get running(): number {
    return this.active;
  }

  /** Replaces the whole set: new tasks start, removed ones stop, changed ones restart. */
  sync(tasks: readonly PingTask[]): SyncSummary {
    const summary: SyncSummary = { tasks: tasks.length, started: 0, restarted: 0, stopped: 0, unchanged: 0 };
    const wanted = new Map(tasks.map((task) => [task.id, task]));
    for (const [id, entry] of this.entries)
      if (!wanted.has(id)) {
        this.remove(entry);
        summary.stopped += 1;
      }
    for (const task of wanted.values()) {
      const key = JSON.stringify(task);
      const current = this.entries.get(task.id);
      if (current?.key === key) {
        summary.unchanged += 1;
        continue;
      }
      if (current) this.remove(current);
      this.add(task, key);
      if (current) summary.restarted += 1;
      else summary.started += 1;
    }
    return summary;
  }

  stopAll(): void {
    for (const entry of this.entries.values()) this.remove(entry);
  }

  private add(task: PingTask, key: string): void {
    const entry: Entry = { task, key, timer: undefined, running: false, queued: false };
    this.entries.set(task.id, entry);
    const intervalMs = task.intervalSeconds * 1000;
    const first = this.options.firstDelayMs?.(task) ?? Math.floor(Math.random() * intervalMs);
    entry.timer = setTimeout(() => {
      entry.timer = setInterval(() => this.due(entry), intervalMs);
      entry.timer.unref();
      this.due(entry);
    }, first);
    entry.timer.unref();
  }

  private remove(entry: Entry): void {
    clearTimeout(entry.timer);
    clearInterval(entry.timer);
    entry.timer = undefined;
    if (this.entries.get(entry.task.id) === entry) this.entries.delete(entry.task.id);
    const at = this.waiting.indexOf(entry);
    if (at >= 0) this.waiting.splice(at, 1);
    entry.queued = false;
  }

  /** A tick: skipped while the previous run of this task is still going or waiting. */
  private due(entry: Entry): void {
    if (entry.running || entry.queued) return;
    entry.queued = true;
    this.waiting.push(entry);
    this.drain();
  }

  private drain(): void {
    while (this.active < this.options.maxConcurrent && this.waiting.length > 0) {
      const entry = this.waiting.shift();
      if (entry) void this.start(entry);
    }
  }

  private async start(entry: Entry): Promise<void> {
    entry.queued = false;
    entry.running = true;
    this.active += 1;
    const at = (this.options.now ?? Date.now)();
    try {
      const outcome = await this.options.run(entry.task);
      // A task removed or changed meanwhile: its result is no longer wanted.
      if (this.entries.get(entry.task.id) === entry)
        this.options.onResult({ taskId: entry.task.id, at, ...outcome });
    } finally {
      entry.running = false;
      this.active -= 1;
      this.drain();
    }
  }
}
