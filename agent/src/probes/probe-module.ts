import type { PingResultPayload, PingTasksSyncRequest } from '@hivewatch/protocol';
import type { Logger } from '../log/logger.js';
import { findPing } from './icmp-probe.js';
import { ProbeScheduler, type SyncSummary } from './probe-scheduler.js';
import { runProbe } from './run-probe.js';

/** Runs at once over all probes of this agent. */
export const PROBES_MAX_CONCURRENT = 16;

export interface ProbeModuleOptions {
  logger: Logger;
  /** Sends one `ping-result` event; false when the hub link is down (the result is dropped). */
  send(payload: PingResultPayload): boolean;
  maxConcurrent?: number;
  /** Test seam: the `ping` executable, or null for "no ICMP here". Default: found at start (root only). */
  pingPath?: string | null;
}

/**
 * The `ping` capability: `ping-tasks-sync` replaces the task set; each run sends one `ping-result`
 * while the hub is connected. Runs during an outage are dropped, not queued (the hub records the
 * gap as "no data", and a backlog of stale up/down verdicts would only mislead).
 */
export class ProbeModule {
  private readonly scheduler: ProbeScheduler;
  private readonly pingPath: string | undefined;
  private dropped = 0;

  constructor(private readonly options: ProbeModuleOptions) {
    this.pingPath = options.pingPath === undefined ? findPing() : (options.pingPath ?? undefined);
    this.scheduler = new ProbeScheduler({
      maxConcurrent: options.maxConcurrent ?? PROBES_MAX_CONCURRENT,
      run: (task) => runProbe(task, this.pingPath),
      onResult: (result) => this.result(result),
    });
  }

  get icmpAvailable(): boolean {
    return this.pingPath !== undefined;
  }

  get tasks(): number {
    return this.scheduler.size;
  }

  sync(request: PingTasksSyncRequest): SyncSummary & { icmp: 'available' | 'tcp-fallback' } {
    const summary = this.scheduler.sync(request.tasks);
    const icmpTasks = request.tasks.filter((task) => task.probe === 'icmp').length;
    if (icmpTasks > 0 && !this.icmpAvailable)
      this.options.logger.warn(
        'ICMP is not available (agent not root or no ping): ICMP probes use a TCP connect to 443/80',
        {
          tasks: icmpTasks,
        },
      );
    this.options.logger.info('probe tasks synced', { ...summary });
    return { ...summary, icmp: this.icmpAvailable ? 'available' : 'tcp-fallback' };
  }

  /** Capability removed, or the agent stops: every timer cleared, results of running probes dropped. */
  stop(): void {
    this.scheduler.stopAll();
  }

  private result(result: PingResultPayload): void {
    if (this.options.send(result)) return;
    this.dropped += 1;
    if (this.dropped === 1 || this.dropped % 100 === 0)
      this.options.logger.debug('probe result dropped: not connected to the hub', { dropped: this.dropped });
  }
}
