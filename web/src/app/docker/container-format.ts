import type { DockerHealth, DockerPort, DockerState } from '@hivewatch/protocol';
import { byteSize } from '../shared/units';

/** Figures of a container as the Docker screens show them; `—` where a figure is missing. */

const dash = '—';

/** Colour of a state badge: `ok` running, `warn` paused/restarting/removing, `bad` dead or failed, `idle` otherwise. */
export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export function stateTone(state: DockerState, exitCode: number | null = null): Tone {
  switch (state) {
    case 'running':
      return 'ok';
    case 'paused':
    case 'restarting':
    case 'removing':
      return 'warn';
    case 'dead':
      return 'bad';
    case 'exited':
      return exitCode !== null && exitCode !== 0 ? 'bad' : 'idle';
    case 'created':
      return 'idle';
  }
}

export function healthTone(health: DockerHealth): Tone {
  return health === 'healthy'
    ? 'ok'
    : health === 'unhealthy'
      ? 'bad'
      : health === 'starting'
        ? 'warn'
        : 'idle';
}

export function healthText(health: DockerHealth): string {
  return health === 'none' ? dash : health;
}

/** "exited (137)" for a failed exit, the state otherwise. */
export function stateText(state: DockerState, exitCode: number | null = null): string {
  return state === 'exited' && exitCode !== null ? `exited (${exitCode})` : state;
}

/** CPU share of one CPU × 100 (can pass 100 with several CPUs). */
export function cpu(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return dash;
  return `${v.toFixed(v >= 100 ? 0 : 1)} %`;
}

export function memory(usage: number | null | undefined, limit: number | null | undefined): string {
  if (usage === null || usage === undefined) return dash;
  return limit ? `${byteSize(usage)} / ${byteSize(limit)}` : byteSize(usage);
}

/** Share of the limit in use, 0–100, or null. */
export function memoryPercent(
  usage: number | null | undefined,
  limit: number | null | undefined,
): number | null {
  if (usage === null || usage === undefined || !limit) return null;
  return Math.min(100, Math.max(0, (usage / limit) * 100));
}

export function rate(bytesPerSecond: number | null | undefined): string {
  if (bytesPerSecond === null || bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond))
    return dash;
  return `${byteSize(bytesPerSecond)}/s`;
}

/** "↓ in / ↑ out" (network) or "r / w" (block I/O) as one cell. */
export function pair(a: number | null | undefined, b: number | null | undefined): string {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return dash;
  return `${rate(a)} / ${rate(b)}`;
}

/** "0.0.0.0:8080→80/tcp" for a published port, "80/tcp" otherwise. */
export function port(p: DockerPort): string {
  const inner = `${p.privatePort}/${p.protocol}`;
  if (p.publicPort === null) return inner;
  const ip = p.ip && p.ip !== '0.0.0.0' && p.ip !== '::' ? `${p.ip}:` : '';
  return `${ip}${p.publicPort}→${inner}`;
}

/** The ports of a row: published ones first, the same mapping once (IPv4 and IPv6 list it twice), at most `max`. */
export function ports(list: readonly DockerPort[], max = 3): { shown: string[]; more: number } {
  const unique = [...new Set([...list].sort((a, b) => publishedFirst(a) - publishedFirst(b)).map(port))];
  return { shown: unique.slice(0, max), more: Math.max(0, unique.length - max) };
}

const publishedFirst = (p: DockerPort) => (p.publicPort === null ? 1 : 0);

function span(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return m > 0 ? `${m}m ${Math.floor(seconds % 60)}s` : `${Math.floor(seconds)}s`;
}

/** How long a running (or paused) container has been up; `—` for the others. */
export function uptime(state: DockerState, startedAt: number | null, now = Date.now()): string {
  if ((state !== 'running' && state !== 'paused') || startedAt === null) return dash;
  return span(Math.max(0, (now - startedAt) / 1000));
}

/** The 12-digit id `docker ps` shows. */
export function shortId(id: string): string {
  return id.slice(0, 12);
}

/** Epoch ms or ISO time → local date and time. */
export function when(at: number | string | null | undefined): string {
  if (at === null || at === undefined) return dash;
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? dash : d.toLocaleString();
}
