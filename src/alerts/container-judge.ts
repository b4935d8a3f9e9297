import {
  CONTAINER_MEMORY_UNIT_BYTES,
  CONTAINER_OOM_DEFAULT_WINDOW_MINUTES,
  type ContainerCondition,
  type ContainerSnapshot,
} from '@hivewatch/protocol';
import type { Reading } from './alert-model.js';
import type { Track } from './condition-judge.js';
import type { ContainerEventLite, ContainerView } from './container-view.js';
import { compare } from './metric-readers.js';

/** restartCount readings kept per track: [collection time, restartCount], one per change. */
const RESTART_LOG_MAX = 1000;

const windowMs = (c: ContainerCondition) =>
  (c.windowMinutes ?? CONTAINER_OOM_DEFAULT_WINDOW_MINUTES) * 60_000;

/**
 * Restarts within the window ending at `at`: the larger of (a) `start` events that follow a `die`
 * of the container (a `restart` event comes with that pair, so it is not counted again) and (b) how
 * much `restartCount` grew since the oldest reading in the window (catches restarts whose events
 * were missed, e.g. while the agent reconnected).
 */
function restarts(
  c: ContainerCondition,
  snap: ContainerSnapshot,
  events: readonly ContainerEventLite[],
  at: number,
  track: Track,
): number {
  const start = at - windowMs(c);
  let died = false;
  let byEvents = 0;
  for (const e of events) {
    if (e.at > at) break;
    if (e.action === 'die') died = true;
    else if (e.action === 'start') {
      if (died && e.at >= start) byEvents++;
      died = false;
    }
  }
  const log = (track.restartLog ??= []);
  const last = log[log.length - 1];
  if (last && snap.restartCount < last[1]) log.length = 0; // recreated under the same name
  if (!last || last[1] !== snap.restartCount || log.length === 0) log.push([at, snap.restartCount]);
  while (log.length > 1 && log[1]![0] <= start) log.shift();
  if (log.length > RESTART_LOG_MAX) log.splice(0, log.length - RESTART_LOG_MAX);
  const byCount = snap.restartCount - log[0]![1];
  return Math.max(byEvents, byCount);
}

function ooms(c: ContainerCondition, events: readonly ContainerEventLite[], at: number): number {
  const start = at - windowMs(c);
  let n = 0;
  for (const e of events) if (e.action === 'oom' && e.at >= start && e.at <= at) n++;
  return n;
}

function memoryValue(c: ContainerCondition, snap: ContainerSnapshot): number | null {
  const used = snap.memoryUsageBytes;
  if (used === null) return null;
  const unit = c.unit ?? 'MiB';
  if (unit !== '%') return used / CONTAINER_MEMORY_UNIT_BYTES[unit];
  const limit = snap.memoryLimitBytes;
  return limit === null || limit <= 0 ? null : (used / limit) * 100;
}

/** The container's value for the check (null when it has none) and whether the check is met. */
function probe(
  c: ContainerCondition,
  snap: ContainerSnapshot,
  events: readonly ContainerEventLite[],
  at: number,
  track: Track,
): { value: number | null; met: boolean } {
  const op = c.operator ?? '>';
  switch (c.check) {
    case 'not-running':
      return { value: snap.exitCode, met: snap.state !== 'running' };
    case 'unhealthy':
      return { value: null, met: snap.health === 'unhealthy' };
    case 'restarts': {
      const n = restarts(c, snap, events, at, track);
      return { value: n, met: n > (c.count ?? 0) };
    }
    case 'oom': {
      const n = ooms(c, events, at);
      return { value: n, met: n > 0 };
    }
    case 'cpu': {
      const v = snap.cpuPercent;
      return { value: v, met: v !== null && compare(v, op, c.threshold ?? 0) };
    }
    case 'memory': {
      const v = memoryValue(c, snap);
      return { value: v, met: v !== null && compare(v, op, c.threshold ?? 0) };
    }
  }
}

/**
 * Folds the view's snapshot into the track when it is newer (one reading per collection), with
 * the gap rule of sample-based conditions: readings more than `gapMs` apart break the run. A
 * container missing from the snapshot does not meet any check.
 */
export function foldContainer(
  track: Track,
  c: ContainerCondition,
  view: ContainerView,
  name: string,
  gapMs: number,
): void {
  if (view.at <= track.lastTime) return;
  if (view.at - track.lastTime > gapMs) track.since = null;
  const snap = view.byName.get(name);
  const r = snap ? probe(c, snap, view.events.get(name) ?? [], view.at, track) : { value: null, met: false };
  if (!r.met) track.since = null;
  else if (track.since === null) track.since = view.at;
  track.lastValue = r.value;
  track.lastTime = view.at;
}

const round = (v: number) => Math.round(v * 100) / 100;
const forDuration = (c: ContainerCondition) => (c.durationSeconds > 0 ? ` for ${c.durationSeconds} s` : '');

function what(
  c: ContainerCondition,
  view: ContainerView | undefined,
  name: string,
  value: number | null,
): string {
  if (!view) return 'no current reading';
  const snap = view.byName.get(name);
  if (!snap) return 'removed';
  const minutes = c.windowMinutes ?? CONTAINER_OOM_DEFAULT_WINDOW_MINUTES;
  switch (c.check) {
    case 'not-running': {
      if (snap.state === 'running') return 'running';
      const exited = snap.exitCode !== null && (snap.state === 'exited' || snap.state === 'dead');
      return `not running (${snap.state}${exited ? `, exit code ${snap.exitCode}` : ''})${forDuration(c)}`;
    }
    case 'unhealthy':
      return snap.health === 'unhealthy' ? `unhealthy${forDuration(c)}` : `health ${snap.health}`;
    case 'restarts':
      return `${value ?? 0} restarts in ${minutes} min (more than ${c.count ?? 0})${forDuration(c)}`;
    case 'oom':
      return `${value ?? 0} OOM kill(s) in the last ${minutes} min`;
    case 'cpu':
      return `CPU ${value === null ? 'n/a' : `${round(value)} %`} ${c.operator ?? '>'} ${c.threshold} %${forDuration(c)}`;
    case 'memory': {
      const unit = c.unit ?? 'MiB';
      const shown = value === null ? 'n/a' : `${round(value)} ${unit}`;
      return `memory ${shown} ${c.operator ?? '>'} ${c.threshold} ${unit}${forDuration(c)}`;
    }
  }
}

const METRIC_NAMES: Record<ContainerCondition['check'], string> = {
  'not-running': 'container not running',
  unhealthy: 'container unhealthy',
  restarts: 'container restarts',
  oom: 'container OOM kills',
  cpu: 'container CPU',
  memory: 'container memory',
};

const UNITS: Record<ContainerCondition['check'], string> = {
  'not-running': '',
  unhealthy: '',
  restarts: '',
  oom: '',
  cpu: '%',
  memory: '',
};

/** The reading of a container alert: "container web on host-a: not running (exited, exit code 3)". */
export function describeContainer(
  c: ContainerCondition,
  name: string,
  serverName: string,
  track: Track | undefined,
  view: ContainerView | undefined,
): Reading {
  const value = track?.lastValue ?? null;
  const threshold = c.check === 'restarts' ? (c.count ?? 0) : (c.threshold ?? null);
  return {
    metric: METRIC_NAMES[c.check],
    value: c.check === 'not-running' || value === null ? null : round(value),
    threshold,
    unit: c.check === 'memory' ? (c.unit ?? 'MiB') : UNITS[c.check],
    message: `container ${name} on ${serverName}: ${what(c, view, name, value)}`,
  };
}
