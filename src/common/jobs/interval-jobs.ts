import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

/** A job run every `everyMs` (a period from the config, hence a timer rather than `@Interval`). */
export interface IntervalJob {
  /** Names the job in its failure log line: "<name> failed". */
  name: string;
  everyMs: number;
  /** Synchronous, or a promise: the next tick is skipped while it is still pending. */
  run: () => unknown;
}

/**
 * The timers of a feature's interval jobs: they start on application bootstrap and stop on module
 * destroy (before any shutdown flush). A tick is skipped while the previous run is still pending,
 * and a failure is logged with the job's name without stopping the timer. Timers are unref'd: they
 * never keep the process alive on their own. Provided per feature module next to its jobs class.
 */
@Injectable()
export class IntervalJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IntervalJobs.name);
  private readonly jobs: IntervalJob[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<IntervalJob>();
  private state: 'registering' | 'started' | 'stopped' = 'registering';

  /** Registers a job; its timer starts on bootstrap, or now when the application has already started. */
  every(name: string, everyMs: number, run: () => unknown): void {
    const job = { name, everyMs, run };
    this.jobs.push(job);
    if (this.state === 'started') this.start(job);
  }

  onApplicationBootstrap(): void {
    if (this.state !== 'registering') return;
    this.state = 'started';
    for (const job of this.jobs) this.start(job);
  }

  onModuleDestroy(): void {
    this.state = 'stopped';
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
  }

  private start(job: IntervalJob): void {
    const timer = setInterval(() => this.tick(job), job.everyMs);
    timer.unref();
    this.timers.push(timer);
  }

  /** Runs a synchronous job to its end at once (no microtask), so fake-timer tests see its effect. */
  private tick(job: IntervalJob): void {
    if (this.running.has(job)) return;
    let result: unknown;
    try {
      result = job.run();
    } catch (err) {
      this.fail(job, err);
      return;
    }
    if (!(result instanceof Promise)) return;
    this.running.add(job);
    void result.then(
      () => this.running.delete(job),
      (err: unknown) => {
        this.running.delete(job);
        this.fail(job, err);
      },
    );
  }

  private fail(job: IntervalJob, err: unknown): void {
    this.logger.error({ err, job: job.name }, `${job.name} failed`);
  }
}
