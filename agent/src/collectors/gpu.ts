import { accessSync, constants } from 'node:fs';
import { execFile } from 'node:child_process';
import { delimiter, join } from 'node:path';
import type { GpuMetrics } from './types.js';

export const NVIDIA_SMI_ARGS = [
  '--query-gpu=index,name,utilization.gpu,memory.used,memory.total,temperature.gpu',
  '--format=csv,noheader,nounits',
] as const;

/** "[N/A]", "[Not Supported]" and friends become null. */
function numberOrNull(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : null;
}

/**
 * Parses nvidia-smi's CSV ("0, NVIDIA GeForce RTX 3080, 12, 1234, 10240, 45" per GPU). The name may
 * itself contain commas, so the index is taken from the front and the four numbers from the back.
 */
export function parseNvidiaSmiCsv(text: string): GpuMetrics[] {
  const gpus: GpuMetrics[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const fields = line.split(',');
    if (fields.length < 6) continue;
    const index = numberOrNull(fields[0]);
    if (index === null) continue;
    const tail = fields.slice(-4);
    gpus.push({
      index,
      name: fields.slice(1, -4).join(',').trim(),
      utilizationPercent: numberOrNull(tail[0]),
      memoryUsedMB: numberOrNull(tail[1]),
      memoryTotalMB: numberOrNull(tail[2]),
      temperatureC: numberOrNull(tail[3]),
    });
  }
  return gpus;
}

/** Full path of an executable on PATH, or undefined (checked once at start, no shell involved). */
export function findOnPath(command: string, pathVariable = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of pathVariable.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface GpuPollerOptions {
  /** Absolute path of nvidia-smi (see findOnPath). */
  nvidiaSmiPath: string;
  /** Default 30 s: nvidia-smi costs tens of milliseconds, far above the per-tick budget. */
  intervalMs?: number;
  timeoutMs?: number;
}

/**
 * Polls nvidia-smi on its own slow timer, asynchronously (execFile, no shell), and keeps the last
 * answer for the collector to attach to each sample. A failing or hung nvidia-smi clears the value.
 */
export class GpuPoller {
  private latest: GpuMetrics[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly options: GpuPollerOptions) {}

  get current(): GpuMetrics[] | undefined {
    return this.latest;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs ?? 30_000);
    this.timer.unref();
    void this.poll();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One nvidia-smi run; resolves when its answer is stored (also used by tests). */
  poll(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = true;
    return new Promise((resolve) => {
      execFile(
        this.options.nvidiaSmiPath,
        [...NVIDIA_SMI_ARGS],
        { timeout: this.options.timeoutMs ?? 10_000, maxBuffer: 256 * 1024, windowsHide: true },
        (error, stdout) => {
          this.running = false;
          const gpus = error ? [] : parseNvidiaSmiCsv(stdout);
          this.latest = gpus.length > 0 ? gpus : undefined;
          resolve();
        },
      );
    });
  }
}
